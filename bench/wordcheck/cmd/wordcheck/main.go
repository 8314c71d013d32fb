// Command wordcheck reports how many of a book's source words bindery's EPUB and PDF keep, and
// which words are lost where.
//
//	wordcheck [-epub F] [-pdf F] [-json F] [-md F] [-top N] BOOKDIR
//	wordcheck -list BOOKDIR      the book's Markdown files in reading order, one a line
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"bindery/bench/wordcheck"
)

type report struct {
	Book        string  `json:"book"`
	SourceWords int     `json:"source_words"`
	AltWords    int     `json:"alt_words"`
	SourceLinks int     `json:"source_links"` // links within the book in the source
	EPUBLinks   int     `json:"epub_links"`   // and in the EPUB's chapters
	EPUB        *format `json:"epub,omitempty"`
	PDF         *format `json:"pdf,omitempty"`
}

type format struct {
	Retention float64                `json:"retention"`
	Words     int                    `json:"words"`
	Matched   int                    `json:"matched"`
	Lost      int                    `json:"lost"`
	Extra     int                    `json:"extra"`
	OffPage   int                    `json:"off_page,omitempty"` // PDF words partly outside the page, not counted
	AltFound  int                    `json:"alt_found"`
	Files     []wordcheck.FileResult `json:"files"`
	Top       []wordcheck.WordCount  `json:"top_lost"`
	TopExtra  []wordcheck.WordCount  `json:"top_extra"`
	Passages  []wordcheck.Passage    `json:"passages"`
	Error     string                 `json:"error,omitempty"`
	result    *wordcheck.Result      `json:"-"`
}

func main() {
	epub := flag.String("epub", "", "the EPUB to check")
	pdf := flag.String("pdf", "", "the PDF to check")
	jsonOut := flag.String("json", "", "write the report as JSON to this file")
	mdOut := flag.String("md", "", "write the details (lost words and passages) as Markdown to this file")
	top := flag.Int("top", 25, "how many lost words and passages to list")
	list := flag.Bool("list", false, "print the book's Markdown files in reading order and exit")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wordcheck [-epub F] [-pdf F] [-json F] [-md F] [-top N] BOOKDIR | -list BOOKDIR")
		os.Exit(2)
	}
	book, err := wordcheck.LoadBook(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	if *list {
		for _, f := range book.Files {
			fmt.Println(f)
		}
		return
	}
	src, alt, links, err := book.TokensLinks()
	if err != nil {
		fail(err)
	}
	var words []string
	for _, t := range src {
		words = append(words, t.Word)
	}
	vocab := wordcheck.NewVocab(words)
	r := report{Book: flag.Arg(0), SourceWords: len(src), AltWords: len(alt), SourceLinks: links}
	if *epub != "" {
		text, outAlt, outLinks, err := wordcheck.EPUBTokensLinks(*epub)
		r.EPUB = measure(src, alt, text, outAlt, err, *top)
		r.EPUBLinks = outLinks
	}
	if *pdf != "" {
		text, clipped, err := wordcheck.PDFTokens(*pdf, vocab)
		r.PDF = measure(src, alt, text, nil, err, *top)
		r.PDF.OffPage = clipped
	}
	if r.EPUB == nil && r.PDF == nil {
		fmt.Printf("source: %d words, %d words of image text\n", r.SourceWords, r.AltWords)
	}
	for _, f := range []struct {
		name string
		f    *format
	}{{"epub", r.EPUB}, {"pdf", r.PDF}} {
		if f.f == nil {
			continue
		}
		if f.f.Error != "" {
			fmt.Printf("%s: error: %s\n", f.name, f.f.Error)
			continue
		}
		fmt.Printf("%s: %.3f%% of %d words kept (%d lost, %d extra); image descriptions %d/%d",
			f.name, 100*f.f.Retention, f.f.Words, f.f.Lost, f.f.Extra, f.f.AltFound, r.AltWords)
		if f.f.OffPage > 0 {
			fmt.Printf("; %d words off the page", f.f.OffPage)
		}
		if f.name == "epub" {
			fmt.Printf("; links within the book %d of %d", r.EPUBLinks, r.SourceLinks)
		}
		fmt.Println()
	}
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(r, "", " ")
		if err := os.WriteFile(*jsonOut, b, 0o644); err != nil {
			fail(err)
		}
	}
	if *mdOut != "" {
		f, err := os.Create(*mdOut)
		if err != nil {
			fail(err)
		}
		details(f, r, *top)
		if err := f.Close(); err != nil {
			fail(err)
		}
	}
}

func measure(src, alt, text, outAlt []wordcheck.Token, err error, top int) *format {
	if err != nil {
		return &format{Error: err.Error()}
	}
	res := wordcheck.Compare(src, text)
	return &format{
		Retention: res.Retention(), Words: res.Words, Matched: res.Matched,
		Lost: res.Words - res.Matched, Extra: res.Extra,
		AltFound: wordcheck.AltFound(alt, outAlt, text),
		Files:    res.Files, Top: res.TopLost(top), TopExtra: res.TopExtra(top), Passages: firstN(res.Passages(src, 2), top),
		result: res,
	}
}

func firstN(p []wordcheck.Passage, n int) []wordcheck.Passage {
	if len(p) > n {
		return p[:n]
	}
	return p
}

// details writes what is lost, per format, for a person to read.
func details(w io.Writer, r report, top int) {
	fmt.Fprintf(w, "source: %d words, %d words of image descriptions\n\n", r.SourceWords, r.AltWords)
	for _, x := range []struct {
		name string
		f    *format
	}{{"EPUB", r.EPUB}, {"PDF", r.PDF}} {
		f := x.f
		if f == nil {
			continue
		}
		fmt.Fprintf(w, "### %s\n\n", x.name)
		if f.Error != "" {
			fmt.Fprintf(w, "error: %s\n\n", f.Error)
			continue
		}
		fmt.Fprintf(w, "%.3f%% kept: %d of %d words lost; %d output words match no source word; image descriptions %d/%d",
			100*f.Retention, f.Lost, f.Words, f.Extra, f.AltFound, r.AltWords)
		if f.OffPage > 0 {
			fmt.Fprintf(w, "; %d words stand partly outside the page (not counted as kept)", f.OffPage)
		}
		fmt.Fprint(w, "\n\n")
		if len(f.TopExtra) > 0 {
			var ex []string
			for _, c := range f.TopExtra {
				ex = append(ex, fmt.Sprintf("%q ×%d", c.Word, c.Count))
			}
			fmt.Fprintf(w, "Output words with no source word (generated or garbled): %s\n\n", strings.Join(ex, ", "))
		}
		if f.Lost == 0 {
			continue
		}
		files := append([]wordcheck.FileResult(nil), f.Files...)
		sort.SliceStable(files, func(a, b int) bool {
			return files[a].Words-files[a].Matched > files[b].Words-files[b].Matched
		})
		fmt.Fprintf(w, "Files losing most:\n\n| file | words | lost | kept |\n|---|---:|---:|---:|\n")
		for i, fr := range files {
			if i == 10 || fr.Words == fr.Matched {
				break
			}
			fmt.Fprintf(w, "| %s | %d | %d | %.2f%% |\n", fr.File, fr.Words, fr.Words-fr.Matched, 100*float64(fr.Matched)/float64(fr.Words))
		}
		fmt.Fprintf(w, "\nLongest lost passages (file:line, words lost; [lost words] among their neighbours):\n\n")
		for _, p := range f.Passages {
			fmt.Fprintf(w, "- `%s:%d` (%d) %s\n", p.File, p.Line, len(p.Words), p.Context(30))
		}
		fmt.Fprintf(w, "\nMost often lost words:\n\n")
		for _, c := range f.Top {
			var at []string
			for _, t := range c.At {
				at = append(at, fmt.Sprintf("%s:%d", t.File, t.Line))
			}
			fmt.Fprintf(w, "- %q ×%d (%s)\n", c.Word, c.Count, strings.Join(at, ", "))
		}
		fmt.Fprintln(w)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "wordcheck:", err)
	os.Exit(1)
}
