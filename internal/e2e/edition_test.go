package e2e

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode"

	"bindery/book/doc"
	"bindery/book/pipeline"
)

// seedPath is our copy of the pamphlet's raw text as received (../shared/seed/).
const seedPath = "testdata/seed/bolivia-power-within-grasp.txt"

// TestSeedCopyIsExact keeps our copy of the seed identical to the shared original when that is
// present beside the repository.
func TestSeedCopyIsExact(t *testing.T) {
	orig, err := os.ReadFile("../shared/seed/000_a534e394230a4e18.txt")
	if err != nil {
		t.Skip("shared seed not beside the repository:", err)
	}
	ours, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(orig, ours) {
		t.Fatal("testdata seed differs from ../shared/seed")
	}
}

// TestEditionKeepsTheAuthorsWords compares the edition's text with the seed's body word for
// word. The only differences allowed are the corrections listed in the edition notes, which
// are applied to the seed first; quotes, dashes and ellipses are compared by kind only.
func TestEditionKeepsTheAuthorsWords(t *testing.T) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	b, list, err := pipeline.Load(defaultBookDir)
	if err != nil {
		t.Fatalf("%v\n%v", err, list)
	}
	lines := strings.Split(string(seed), "\n")
	if len(lines) < 7 || strings.TrimSpace(lines[2]) != b.Meta.Title {
		t.Fatalf("seed title line %q does not match book.yaml title %q", lines[2], b.Meta.Title)
	}
	body := strings.Join(lines[6:], "\n") // lines 1–6: page furniture and the title

	corrections := editionCorrections(t, b.Book)
	if len(corrections) == 0 {
		t.Fatal("the edition notes list no corrections: the table was not found")
	}
	for _, c := range corrections {
		if n := strings.Count(body, c[0]); n != 1 {
			t.Fatalf("edition note %q → %q: the source text occurs %d times in the seed, want exactly once", c[0], c[1], n)
		}
		body = strings.Replace(body, c[0], c[1], 1)
	}

	var edition []string
	for _, ch := range b.Chapters {
		doc.Walk(ch.Blocks, func(blk doc.Block) bool {
			switch blk := blk.(type) {
			case *doc.Heading:
				if !blk.HasClass("editorial") {
					edition = append(edition, doc.PlainText(blk.Inlines))
				}
			case *doc.Paragraph:
				edition = append(edition, doc.PlainText(blk.Inlines))
			}
			return true
		})
	}
	want, got := words(body), words(strings.Join(edition, "\n"))
	for i := 0; i < len(want) && i < len(got); i++ {
		if want[i] != got[i] {
			t.Fatalf("word %d differs: seed has %q, edition has %q\nseed:    …%s…\nedition: …%s…", i, want[i], got[i],
				strings.Join(want[max(0, i-8):min(len(want), i+8)], " "), strings.Join(got[max(0, i-8):min(len(got), i+8)], " "))
		}
	}
	if len(want) != len(got) {
		t.Fatalf("seed has %d words, edition %d", len(want), len(got))
	}
	if len(got) < 11000 {
		t.Fatalf("only %d words compared", len(got))
	}
}

// editionCorrections reads the table of the edition notes: source reads → edition reads.
func editionCorrections(t *testing.T, b *doc.Book) [][2]string {
	var out [][2]string
	for _, ch := range b.Back {
		if ch.ID != "edition-notes" {
			continue
		}
		doc.Walk(ch.Blocks, func(blk doc.Block) bool {
			tab, ok := blk.(*doc.Table)
			if !ok || len(tab.Header) != 3 {
				return true
			}
			for _, row := range tab.Rows {
				out = append(out, [2]string{doc.PlainText(row[1].Inlines), doc.PlainText(row[2].Inlines)})
			}
			return true
		})
	}
	return out
}

// words splits text into words, treating every kind of quote, dash and ellipsis alike.
func words(s string) []string {
	r := strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "…", "...")
	s = r.Replace(s)
	return strings.FieldsFunc(s, func(c rune) bool {
		return unicode.IsSpace(c) || (unicode.IsPunct(c) && c != '\'' && c != '%' && c != '$') || c == '"'
	})
}
