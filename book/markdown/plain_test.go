package markdown

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"bindery/book/doc"

	"go.yaml.in/yaml/v3"
)

// plainLanguages are languages with and without punctuation spaces.
var plainLanguages = []string{"", "en-GB", "fr", "de", "es"}

// checkPlainLine fails t if PlainLine takes text and gives other inlines than ParseIn's
// paragraph of it (as the apparatus parses a definition: after a heading line and a blank
// one); it reports whether PlainLine took it.
func checkPlainLine(t *testing.T, text string) bool {
	t.Helper()
	took := false
	for _, language := range plainLanguages {
		ins, ok := PlainLine("g.yaml", 3, text, language)
		if !ok {
			continue
		}
		took = true
		ch, list := ParseIn("g.yaml", []byte("# x\n\n"+text), doc.BodyMatter, language)
		if len(list) > 0 || ch == nil || len(ch.Blocks) != 2 {
			t.Errorf("%q (%s): taken as plain, but the parse gave %v and %d blocks", text, language, list, len(ch.Blocks))
			continue
		}
		p, isPara := ch.Blocks[1].(*doc.Paragraph)
		if !isPara || !reflect.DeepEqual(ins, p.Inlines) {
			t.Errorf("%q (%s): plain %s, parsed %s", text, language, dump(ins), dump(ch.Blocks[1]))
		}
	}
	return took
}

// dump shows inlines with their texts' fields.
func dump(v any) string {
	var b strings.Builder
	ins, ok := v.([]doc.Inline)
	if p, para := v.(*doc.Paragraph); para {
		ins, ok = p.Inlines, true
	}
	if !ok {
		return fmt.Sprintf("%T", v)
	}
	for _, in := range ins {
		if t, text := in.(*doc.Text); text {
			fmt.Fprintf(&b, "%+v ", *t)
		} else {
			fmt.Fprintf(&b, "%T ", in)
		}
	}
	return b.String()
}

// TestPlainLineIsParseIns: every text PlainLine takes, it gives as ParseIn does — the
// apparatus' texts in the repository, and random lines of every ASCII character and some
// others (typographic marks, a combining accent, a C1 control, link starts).
func TestPlainLineIsParseIns(t *testing.T) {
	texts := 0
	taken := map[string]int{}
	for _, root := range []string{"../../manuscript", "../../testdata", "../starter"} {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var n yaml.Node
			if yaml.Unmarshal(src, &n) != nil {
				return nil
			}
			var scalars func(*yaml.Node)
			scalars = func(n *yaml.Node) {
				if n.Kind == yaml.ScalarNode {
					texts++
					if checkPlainLine(t, n.Value) {
						taken[filepath.Base(path)]++
					}
				}
				for _, c := range n.Content {
					scalars(c)
				}
			}
			scalars(&n)
			return nil
		})
	}
	t.Logf("of %d texts, PlainLine took %v", texts, taken)
	// The default book's definitions and events are mostly plain: the fast path is used.
	if taken["glossary.yaml"] < 100 || taken["chronology.yaml"] < 100 {
		t.Errorf("of %d texts, PlainLine took %v", texts, taken)
	}
	pieces := []string{" ", "  ", "a", "B", "z", "7", "é", "’", "“", "–", "«", "»", "e\u0301", "\u0085",
		"\u00a0", "www.", "http:", "mailto:", "ab", "--", "...", "!["}
	for c := byte(0x21); c < 0x7f; c++ {
		pieces = append(pieces, string(c))
	}
	rng := rand.New(rand.NewPCG(33, 1))
	random := 0
	for range 40000 {
		var b strings.Builder
		for n := 1 + rng.IntN(8); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if checkPlainLine(t, b.String()) {
			random++
		}
	}
	t.Logf("random %d", random)
	if random < 2000 {
		t.Errorf("PlainLine took only %d random lines of 40000", random)
	}
}
