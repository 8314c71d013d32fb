package mdbook

import (
	"fmt"
	"strings"
	"testing"
)

// outlineOf writes a summary compactly: "[Name](loc)" for prefix and suffix chapters, "1.2 Name
// (loc)" for numbered ones (nested ones indented), "# Part", "---"; prefix, numbered and suffix
// separated by "|".
func outlineOf(s *Summary) string {
	var b strings.Builder
	var walk func(items []Item, indent string)
	walk = func(items []Item, indent string) {
		for _, it := range items {
			switch it.Kind {
			case Separator:
				b.WriteString(indent + "---\n")
			case PartTitle:
				b.WriteString(indent + "# " + it.Name + "\n")
			case Link:
				b.WriteString(indent)
				if it.Number != nil {
					n := fmt.Sprint(it.Number)
					b.WriteString(strings.ReplaceAll(n[1:len(n)-1], " ", ".") + " ")
				}
				fmt.Fprintf(&b, "[%s](%s)\n", it.Name, it.Location)
				walk(it.Nested, indent+"  ")
			}
		}
	}
	walk(s.Prefix, "")
	b.WriteString("|\n")
	walk(s.Numbered, "")
	b.WriteString("|\n")
	walk(s.Suffix, "")
	return b.String()
}

// The cases are mdBook's own tests of its summary parser (summary.rs), and a few more.
func TestParseSummary(t *testing.T) {
	cases := []struct {
		name, src, title, want string
	}{
		{"title", "# Summary", "Summary", "|\n|\n"},
		{"title with styling", "# My **Awesome** Summary", "My Awesome Summary", "|\n|\n"},
		{"prefix items", "[First](./first.md)\n[Second](./second.md)\n", "",
			"[First](./first.md)\n[Second](./second.md)\n|\n|\n"},
		{"prefix with a separator", "[First](./first.md)\n\n---\n\n[Second](./second.md)\n", "",
			"[First](./first.md)\n---\n[Second](./second.md)\n|\n|\n"},
		{"a numbered chapter", "- [First](./first.md)\n", "", "|\n1 [First](./first.md)\n|\n"},
		{"nested numbered chapters", "- [First](./first.md)\n  - [Nested](./nested.md)\n- [Second](./second.md)", "",
			"|\n1 [First](./first.md)\n  1.1 [Nested](./nested.md)\n2 [Second](./second.md)\n|\n"},
		{"separated by a comment", "- [First](./first.md)\n<!-- this is a comment -->\n- [Second](./second.md)", "",
			"|\n1 [First](./first.md)\n2 [Second](./second.md)\n|\n"},
		{"titled parts", "- [First](./first.md)\n- [Second](./second.md)\n\n# Title 2\n- [Third](./third.md)\n\t- [Fourth](./fourth.md)\n", "",
			"|\n1 [First](./first.md)\n2 [Second](./second.md)\n# Title 2\n3 [Third](./third.md)\n  3.1 [Fourth](./fourth.md)\n|\n"},
		{"a subheading between items", "- [First](./first.md)\n\n## Subheading\n\n- [Second](./second.md)\n", "",
			"|\n1 [First](./first.md)\n2 [Second](./second.md)\n|\n"},
		{"a draft chapter", "- [Empty]()\n", "", "|\n1 [Empty]()\n|\n"},
		{"numbering continues after a separator", "- [First](./first.md)\n\n---\n\n- [Second](./second.md)\n", "",
			"|\n1 [First](./first.md)\n---\n2 [Second](./second.md)\n|\n"},
		{"a name over two lines", "- [Chapter\ntitle](./chapter.md)", "", "|\n1 [Chapter title](./chapter.md)\n|\n"},
		{"spaces in the destination", "- [test1](./test%20link1.md)\n- [test2](<./test link2.md>)", "",
			"|\n1 [test1](./test link1.md)\n2 [test2](./test link2.md)\n|\n"},
		{"escapes and entities", "- [A \\*star\\* &amp; `code`](a&#46;md)", "", "|\n1 [A *star* & code](a.md)\n|\n"},
		{"suffix", "- [First](./first.md)\n\n[Last](./last.md)\n", "", "|\n1 [First](./first.md)\n|\n[Last](./last.md)\n"},
		{"loose list", "- [A](a.md)\n\n- [B](b.md)\n\n  - [C](c.md)\n", "", "|\n1 [A](a.md)\n2 [B](b.md)\n  2.1 [C](c.md)\n|\n"},
		{"ordered list", "1. [A](a.md)\n2. [B](b.md)\n", "", "|\n1 [A](a.md)\n2 [B](b.md)\n|\n"},
		{"setext title", "Summary\n=======\n\n- [A](a.md)\n", "Summary", "|\n1 [A](a.md)\n|\n"},
		{"BOM and CRLF", "\ufeff# Summary\r\n\r\n- [A](a.md)\r\n", "Summary", "|\n1 [A](a.md)\n|\n"},
		{"part title without chapters, then suffix", "[A](a.md)\n\n# hi\n- [B](b.md)\n\n# bye\n\n---\n\n[C](c.md)\n", "",
			"[A](a.md)\n|\n# hi\n1 [B](b.md)\n# bye\n---\n|\n[C](c.md)\n"},
		{"text after the link is ignored", "- [A](a.md) (the first)\n", "", "|\n1 [A](a.md)\n|\n"},
		{"paragraph after a part title is skipped", "# Summary\n# Part\n\nSome words, [not a chapter](x.md).\n\n- [A](a.md)\n", "Summary",
			"|\n# Part\n1 [A](a.md)\n|\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, list := ParseSummary("SUMMARY.md", []byte(c.src))
			if s == nil {
				t.Fatalf("failed: %v", list)
			}
			if len(list) > 0 {
				t.Errorf("diagnostics: %v", list)
			}
			if s.Title != c.title {
				t.Errorf("title %q, want %q", s.Title, c.title)
			}
			if got := outlineOf(s); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestParseSummaryHTMLComments is mdBook's skip_html_comments test: commented-out entries
// are not entries.
func TestParseSummaryHTMLComments(t *testing.T) {
	src := "<!--\n# Title - En\n-->\n# Title - Local\n\n<!--\n[Prefix 00-01 - En](ch00-01.md)\n[Prefix 00-02 - En](ch00-02.md)\n-->\n" +
		"[Prefix 00-01 - Local](ch00-01.md)\n[Prefix 00-02 - Local](ch00-02.md)\n\n<!--\n## Section Title - En\n-->\n## Section Title - Localized\n\n" +
		"<!--\n- [Ch 01-00 - En](ch01-00.md)\n    - [Ch 01-01 - En](ch01-01.md)\n    - [Ch 01-02 - En](ch01-02.md)\n-->\n" +
		"- [Ch 01-00 - Local](ch01-00.md)\n    - [Ch 01-01 - Local](ch01-01.md)\n    - [Ch 01-02 - Local](ch01-02.md)\n\n" +
		"<!--\n- [Ch 02-00 - En](ch02-00.md)\n-->\n- [Ch 02-00 - Local](ch02-00.md)\n\n" +
		"<!--\n[Appendix A - En](appendix-01.md)\n[Appendix B - En](appendix-02.md)\n-->`\n[Appendix A - Local](appendix-01.md)\n[Appendix B - Local](appendix-02.md)\n"
	s, list := ParseSummary("SUMMARY.md", []byte(src))
	if s == nil {
		t.Fatal(list)
	}
	want := "[Prefix 00-01 - Local](ch00-01.md)\n[Prefix 00-02 - Local](ch00-02.md)\n|\n" +
		"1 [Ch 01-00 - Local](ch01-00.md)\n  1.1 [Ch 01-01 - Local](ch01-01.md)\n  1.2 [Ch 01-02 - Local](ch01-02.md)\n2 [Ch 02-00 - Local](ch02-00.md)\n|\n" +
		"[Appendix A - Local](appendix-01.md)\n[Appendix B - Local](appendix-02.md)\n"
	if s.Title != "Title - Local" {
		t.Errorf("title %q", s.Title)
	}
	if got := outlineOf(s); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestParseSummaryErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"suffix followed by a list", "- [A](a.md)\n\n[First](./first.md)\n- [Second](./second.md)\n",
			"SUMMARY.md:4:1: error: a list of numbered chapters after the suffix chapters"},
		{"not a link", "# Summary\n\n- [A](a.md)\n- Title\n",
			`SUMMARY.md:4:3: error: a numbered chapter must be a link and only a link, - [Title](file.md); found "Title"`},
		{"emphasised link", "- **[A](a.md)**\n", "SUMMARY.md:1:3: error: a numbered chapter must be a link and only a link, - [Title](file.md); found emphasis"},
		{"duplicate", "# Summary\n- [A](./a.md)\n- [B](b.md)\n  - [A](a.md)\n", "SUMMARY.md:4:5: error: a.md is listed twice (first at SUMMARY.md:2:3)"},
		{"duplicate prefix and suffix", "[A](./a.md)\n\n# hi\n- [B](./b.md)\n\n---\n\n[A](./a.md)\n", "SUMMARY.md:8:1: error: ./a.md is listed twice (first at SUMMARY.md:1:1)"},
		{"differing in case", "- [A](Intro.md)\n- [B](b.md)\n  - [A again](intro.md)\n", "SUMMARY.md:3:5: error: intro.md and Intro.md (at SUMMARY.md:1:3) differ only in case"},
		{"part after the suffix", "- [A](a.md)\n\n[B](b.md)\n\n# Part\n", "SUMMARY.md:5:1: error: a part title after the suffix chapters"},
		{"not UTF-8", "- [Caf\xe9](a.md)\n", "SUMMARY.md:1:7: error: not UTF-8 text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, list := ParseSummary("SUMMARY.md", []byte(c.src))
			if got := fmt.Sprint(list); !strings.Contains(got, c.want) {
				t.Errorf("got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestParseSummaryPositions(t *testing.T) {
	src := "# Summary\n\n[Intro](intro.md)\n\n# Part One\n\n- [A](a.md)\n    * [B](b.md)\n\n---\n\n[End](end.md)\n"
	s, list := ParseSummary("S.md", []byte(src))
	if s == nil || len(list) > 0 {
		t.Fatal(list)
	}
	got := fmt.Sprint(s.Prefix[0].Pos, " ", s.Numbered[0].Pos, " ", s.Numbered[1].Pos, " ", s.Numbered[1].Nested[0].Pos, " ", s.Numbered[2].Pos, " ", s.Suffix[0].Pos)
	want := "S.md:3:1 S.md:5:1 S.md:7:3 S.md:8:7 S.md:10:1 S.md:12:1"
	if got != want {
		t.Errorf("positions %s, want %s", got, want)
	}
}
