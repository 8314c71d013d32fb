package lexers

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromalexers "github.com/alecthomas/chroma/v2/lexers"
)

// TestSameLexerForEveryName: every name and alias chroma knows, and file extensions, find the
// lexer of the same name here as in chroma's registry.
func TestSameLexerForEveryName(t *testing.T) {
	names := append(chromalexers.Names(true), "py", "rs", "sh", "js", "ts", "yml", "hs", "c++", "h",
		"cs", "kt", "pl", "rb", "txt", "Makefile", "Dockerfile", "php", "inc", "hx", "raku", "nope")
	for _, name := range names {
		want, got := chromalexers.Get(name), Get(name)
		switch {
		case want == nil && got == nil:
		case want == nil || got == nil:
			t.Errorf("%q: %v here, %v in chroma", name, got, want)
		case want.Config().Name != got.Config().Name:
			t.Errorf("%q: %s here, %s in chroma", name, got.Config().Name, want.Config().Name)
		}
	}
}

// TestIndexIsTheLexersConfig: what the index says of a lexer is what the lexer says once
// built, and what chroma's says.
func TestIndexIsTheLexersConfig(t *testing.T) {
	for _, l := range registry().Lexers {
		built, err := Built(l)
		if err != nil {
			t.Errorf("%s: %v", l.Config().Name, err)
			continue
		}
		for _, c := range []*chroma.Config{built.Config(), chromalexers.Get(l.Config().Name).Config()} {
			if !sameEntry(l.Config(), c) {
				t.Errorf("index %+v, lexer %+v", *l.Config(), *c)
			}
		}
	}
	if n, want := len(registry().Lexers), len(chromalexers.GlobalLexerRegistry.Lexers); n != want {
		t.Errorf("%d lexers, chroma has %d besides those not kept", n, want)
	}
}

func sameEntry(a, b *chroma.Config) bool {
	return a.Name == b.Name && reflect.DeepEqual(a.Aliases, nilIfEmpty(b.Aliases)) &&
		reflect.DeepEqual(a.Filenames, nilIfEmpty(b.Filenames)) &&
		reflect.DeepEqual(a.AliasFilenames, nilIfEmpty(b.AliasFilenames)) &&
		reflect.DeepEqual(a.MimeTypes, nilIfEmpty(b.MimeTypes)) && a.Priority == b.Priority
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// TestSameTokens: every lexer splits chroma's own test text of its language (lexers/testdata
// in its module; a short text where it has none) into the same tokens as chroma's. Under the
// race detector only those this package builds otherwise than from chroma's XML file
// (hand_*.go, the lexers chroma writes in Go serialised to XML) and those books use most: an
// XML file is chroma's own, read by chroma's own code.
func TestSameTokens(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every lexer twice")
	}
	common := map[string]bool{"Go": true, "Python": true, "Rust": true, "Bash": true, "YAML": true,
		"JSON": true, "JavaScript": true, "C": true, "HTML": true, "TOML": true, "Diff": true,
		"PowerShell": true, "Python Traceback": true, "markdown": true}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		t.Skipf("chroma's module not found: %v", err)
	}
	samples, _ := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata", "*.actual"))
	if len(samples) < 100 {
		t.Fatalf("%d samples of chroma's", len(samples))
	}
	compared := 0
	for _, l := range registry().Lexers {
		name := l.Config().Name
		z := l.(*lazy)
		if raceEnabled && !(z.file == "-" || strings.HasPrefix(z.file, "go-") || common[name]) {
			continue // the race detector makes this ten times slower: the lexers built otherwise
		}
		// Not one text for all: some of chroma's lexers never end on text of another language.
		text := sample(samples, l.Config())
		if text == "" {
			text = "x = 1 # a \"string\" 'c' // comment\n<p>tag</p> {key: [1, 2.5]}\n"
		}
		want := tokens(t, chromalexers.Get(name), text)
		if got := tokens(t, l, text); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d tokens here, %d in chroma; first difference %s", name, len(got), len(want), firstDiff(got, want))
		}
		compared++
	}
	t.Logf("%d lexers compared", compared)
}

// sample is chroma's test text of a lexer, found by its name or aliases, or "".
func sample(samples []string, c *chroma.Config) string {
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		for _, s := range samples {
			if strings.EqualFold(strings.TrimSuffix(filepath.Base(s), ".actual"), n) {
				data, err := os.ReadFile(s)
				if err == nil {
					return string(data)
				}
			}
		}
	}
	return ""
}

func tokens(t *testing.T, l chroma.Lexer, text string) []chroma.Token {
	it, err := l.Tokenise(nil, text)
	if err != nil {
		t.Fatalf("%s: %v", l.Config().Name, err)
	}
	return it.Tokens()
}

func firstDiff(a, b []chroma.Token) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i].GoString() + " against " + b[i].GoString()
		}
	}
	return "in length"
}
