package apparatus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameTree says where two node trees differ in what the apparatus reads of them (every
// field but the comments), or "" when they do not.
func sameTree(a, b *yaml.Node, at string) string {
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || (a.Alias == nil) != (b.Alias == nil) || len(a.Content) != len(b.Content) {
		return fmt.Sprintf("%s: %+v\nwant %+v", at, *a, *b)
	}
	for i := range a.Content {
		if d := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkPlainList fails t if parsePlainList reads data and yaml.v3 does not, or reads it
// otherwise; it reports whether parsePlainList read it.
func checkPlainList(t *testing.T, name string, data []byte) bool {
	t.Helper()
	got, ok := parsePlainList(data)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(data, &want); err != nil {
		t.Errorf("%s: read, but yaml.v3 says %v", name, err)
		return true
	}
	if d := sameTree(&got, &want, name); d != "" {
		t.Errorf("%s:\n%s", name, d)
	}
	return true
}

// TestPlainListIsYAMLs holds the plain parser to yaml.v3 on every apparatus file in the
// repository (each must be read by it: they are what it is for), on their lines cut short
// or with a character dropped (malformed: read alike or left to yaml.v3), and on the
// forms it must leave to yaml.v3.
func TestPlainListIsYAMLs(t *testing.T) {
	var files []string
	for _, root := range []string{"../../manuscript", "../../testdata", "../starter"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".yaml") && d.Name() != "book.yaml" {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 40 {
		t.Fatalf("only %d apparatus files found", len(files))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
		read := checkPlainList(t, path, data)
		if yamlErr := yaml.Unmarshal(data, new(yaml.Node)); !read && yamlErr == nil && !strings.Contains(path, "/bad/") {
			t.Errorf("%s: left to yaml.v3", path)
		}
		// Malformed: the file's first entries cut short, or with a byte dropped, at 150
		// places (yaml.v3 is slow: the whole file would take seconds).
		head := data[:min(len(data), 3000)]
		for k := range 150 {
			i := k * len(head) / 150
			checkPlainList(t, fmt.Sprintf("%s cut at %d", path, i), head[:i])
			checkPlainList(t, fmt.Sprintf("%s without byte %d", path, i), append(head[:i:i], head[i+1:]...))
		}
	}
	for _, text := range plainListCases {
		checkPlainList(t, fmt.Sprintf("%q", text), []byte(text))
	}
	for _, text := range leftToYAML {
		if _, ok := parsePlainList([]byte(text)); ok {
			t.Errorf("%q: read, not left to yaml.v3", text[:min(len(text), 200)])
		}
	}
}

// plainListCases are read, or left to yaml.v3, alike.
var plainListCases = []string{
	"- a\n- b\n", "- term: x\n  see: y\n", "- term: x # c\n  see: 'it''s'   # c\n",
	"# head\n\n- id: a\n  definition: >-\n    one\n    two  \n\n    # not\n  source: \"s: t\"\n",
	"- id: a\n  definition: |\n    one\n    two\n- id: b\n  definition: >\n    x\n",
	"- term: x\n  subentries:\n    - term: y\n      match: [a, b c,  d ]\n    - term: z\n- term: w\n",
	"- term: true\n  see: null\n  x: ~\n  y: <<\n  z: Null\n  o: on\n", "- term: [ ]\n", "- k: []\n",
	"- term: x\n  nested:\n    a: b\n    c: d\n", "- é: x\n", "- term: élan vital\n  see: ça va\n",
	"- term: a\n  definition: >-\n     deeper\n   shallower\n", "- term: a\n  definition: >-\n    x\n\n    y\n",
	"- term: a\n  definition: >-\n    x\n      \n", "- term: a\n  definition: |-\n    x\n    # y\n   # z\n",
	"- term: x\n    continued\n", "- x\n  continued\n", "- term: x\n see: y\n", "- term: x\n   see: y\n",
	"- term: \"a\"b\n", "- term: \"a\"#b\n", "- term: 'a\n", "- term: [a, b\n", "- term: [a, b,]\n",
	"- term: [a, 'b']\n", "- term: [a: b]\n", "- term: x: y\n", "- term: x:\n", "- term:\n", "-\n  term: x\n",
	"- term: x\n-  see: y\n   also: z\n", "- - a\n", "- term: >2\n    x\n", "- term: >+\n    x\n",
	"- term: > # c\n    x\n", "- term: >-\n", "- term: >-\n- x\n", "- a\n...\n", "- a\n---\n- b\n",
	"- term: x\nsee: y\n", "- a\nb: c\n", "  - a\n", "- a\n  - b\n", "- term: x\n  term: y\n",
	"- term: 'a''''b'\n", "- term: ''\n", "- term: \"\"\n", "- term: a  #b\n", "- term: a#b\n",
	"- 1952\n", "- date: 1952-04-09\n", "- x: [1, 2]\n", "- x: 1952 revolution\n", "- x: 2000/2003\n",
	"- x: 1950-13-01\n", "- x: 1952-02-30\n", "- x: 1952-4-9\n", "- x: [1952, 0, 12 monkeys]\n", "- x: +5 apples\n",
	"- x: .foo bar\n", "- x: [\"a, b\", c]\n", "- x: [\"a\" , \"b\"] # c\n", "- x: [\"a\"b]\n", "- x: [a, \"b]\n",
	"- Term: X\n  SEE_also: [Y]\n", "- k-1: v\n", "- _k: v\n", "- term: %x\n", "- term: @x\n",
}

// leftToYAML are forms the plain parser must not read.
var leftToYAML = []string{
	"", "# only\n", "a: b\n", "- x: 0123\n", "- x: 1_000\n", "- x: 0x1F\n", "- x: 1e5\n", "- x: 1952-04-09T10:00:00Z\n",
	"- x: 12345678901234567890\n", "- x: .5\n", "- x: -1\n", "- x: +1\n",
	"- x: &a y\n", "- x: *a\n", "- x: !!str y\n", "- x: \"a\\\"b\"\n", "- x: y\n\tz: w\n", "- x: y\r\n",
	"- x: a\n    b\n", "- x: \"a\n    b\"\n", "- x: >-\n    a\n\n    b\n", "- x: >-\n    a\n      b\n",
	"%YAML 1.2\n---\n- a\n", "--- \n- a\n", "- x: \u0085\n", "- x: a\u2028b\n", "- x: \ufeff\n",
	"- k:\n" + deeplyNested(101), "- ? x\n  : y\n", "- {a: b}\n", "- x: [a, [b]]\n", "- x:\n", "- x:\n- y\n",
	"- x: [1, 2]\n  y: z\n  y: [a, 1.5]\n",
}

// FuzzPlainList: whatever the plain parser reads, yaml.v3 reads into the same tree.
func FuzzPlainList(f *testing.F) {
	for _, text := range plainListCases {
		f.Add([]byte(text))
	}
	for _, path := range []string{"../../manuscript/glossary.yaml", "../../manuscript/index.yaml", "../../testdata/books/features/chronology.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 1500)])
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPlainList(t, "input", data) })
}

// deeplyNested is a list of mappings nested n deep.
func deeplyNested(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s- k:\n", strings.Repeat(" ", 4*i+4))
	}
	fmt.Fprintf(&b, "%s- v\n", strings.Repeat(" ", 4*n+4))
	return b.String()
}

// TestPlainListNestsAsDeepAsNeeded: a few levels are read; yaml.v3 reads 100 too.
func TestPlainListNestsAsDeepAsNeeded(t *testing.T) {
	if !checkPlainList(t, "nested 5", []byte("- k:\n"+deeplyNested(5))) {
		t.Error("five levels left to yaml.v3")
	}
}
