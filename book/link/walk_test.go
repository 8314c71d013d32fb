package link

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/markdown"
)

// orderBook is a book of n chapters, each with every kind of message linking gives: an
// unknown index mark, a dangling link and cross-reference, an acronym (new in each third
// chapter, the same "TV" in all), a term and a glossary use; marks numbered across them.
func orderBook(t *testing.T, n int) *doc.Book {
	t.Helper()
	var chs []*doc.Chapter
	for i := range n {
		text := fmt.Sprintf("# Part %d {#p%d}\n\nSocialism{^socialism} and the MNR on TV; AB%c and {^nothing%d}.\n\nSee [far](#gone%d), [](#p%d) and [](#none%d); capitalism.\n",
			i, i, 'A'+rune(i/3), i, i, (i+1)%n, i)
		ch, list := markdown.Parse(fmt.Sprintf("c%02d.md", i), []byte(text), doc.BodyMatter)
		if list.HasErrors() {
			t.Fatal(list)
		}
		chs = append(chs, ch)
	}
	socialism := &doc.IndexEntry{ID: "ix-socialism", Term: "socialism", Match: []string{"socialism"}}
	capitalism := &doc.IndexEntry{ID: "ix-capitalism", Term: "capitalism", Match: []string{"capitalism"}}
	mnr := &doc.GlossaryEntry{ID: "g-mnr", Term: "MNR"}
	b := &doc.Book{Meta: &doc.Metadata{Language: "en"}, Chapters: chs, Anchors: doc.NewAnchors(),
		Apparatus: &doc.Apparatus{Index: []*doc.IndexEntry{socialism, capitalism}, Glossary: []*doc.GlossaryEntry{mnr}}}
	markdown.RegisterAnchors(b)
	return b
}

// TestLinkingOnAnyCores: the chapters are linked on every core, and the messages, the marks'
// numbers and the glossary uses' are those of one core, in reading order.
func TestLinkingOnAnyCores(t *testing.T) {
	const n = 24
	run := func(procs int) (string, []string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		b := orderBook(t, n)
		list := Resolve(b)
		var ids []string
		for _, ch := range b.Chapters {
			doc.WalkInlines(ch, func(in doc.Inline) {
				switch in := in.(type) {
				case *doc.IndexMark:
					ids = append(ids, in.ID)
				case *doc.GlossaryRef:
					ids = append(ids, in.ID)
				}
			})
		}
		var lines []string
		for _, d := range list {
			lines = append(lines, d.String())
		}
		return strings.Join(lines, "\n"), ids
	}
	one, oneIDs := run(1)
	for _, procs := range []int{2, 4} {
		got, ids := run(procs)
		if got != one {
			t.Errorf("%d cores:\n%s\none core:\n%s", procs, got, one)
		}
		if strings.Join(ids, " ") != strings.Join(oneIDs, " ") {
			t.Errorf("%d cores: marks and uses %v; one core %v", procs, ids, oneIDs)
		}
	}
	// Reading order: each kind of message chapter by chapter, once for each acronym.
	for _, kind := range []string{"index mark {^nothing", "link to #gone", "cross-reference [](#none", "looks like an acronym"} {
		last := ""
		count := 0
		for _, line := range strings.Split(one, "\n") {
			if !strings.Contains(line, kind) {
				continue
			}
			count++
			if file := line[:strings.IndexByte(line, ':')]; file < last {
				t.Errorf("%q: %s after %s", kind, file, last)
			} else {
				last = file
			}
		}
		want := n
		if kind == "looks like an acronym" {
			want = 1 + (n+2)/3 // TV once, then ABA, ABB, …
		}
		if count != want {
			t.Errorf("%q: %d messages, want %d:\n%s", kind, count, want, one)
		}
	}
	if want := "ix-socialism-" + fmt.Sprint(2*n); !strings.Contains(strings.Join(oneIDs, " "), want) {
		t.Errorf("marks %v: no %s", oneIDs, want)
	}
}

// numbered makes the IDs one at a time would: prefix and the number, from 1.
func TestNumberedIsPrefixAndNumber(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 11, 99, 100, 1234} {
		got := make([]string, n)
		numbered("ix-a-", n, func(i int, id string) { got[i] = id })
		for i, id := range got {
			if want := "ix-a-" + strconv.Itoa(i+1); id != want {
				t.Fatalf("n %d: ID %d is %q, want %q", n, i, id, want)
			}
		}
	}
}
