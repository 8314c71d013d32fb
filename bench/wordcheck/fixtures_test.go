package wordcheck_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"bindery/bench/wordcheck"
	"bindery/book/mdbook"
	"bindery/book/pipeline"
)

// TestFixtureBooksLoseNoWord builds the fixture books written as other tools' authors write
// (CommonMark and HTML, an mdBook project) and bindery's own, and finds every word of their
// Markdown, as goldmark reads it on its own, in both outputs: issue 22's "no word lost", on
// books whose every construct is known. The default book is checked too: its editor's notes
// ([^ed-…]) must reach both outputs whole. The outputs also pass epubcheck and qpdf.
//
// The source is taken as bindery reads it before parsing (its own include expansion, which
// keeps an include inside the list item it stands in, where mdBook 0.4 breaks the list; link
// reference definitions shared by the book's files; its {#id} and {^term} marks, which print
// nothing): what is compared is what the reader and the writers keep of it.
func TestFixtureBooksLoseNoWord(t *testing.T) {
	for _, tool := range []string{"pdftotext", "qpdf"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool, "is not installed (Debian: poppler-utils, qpdf)")
		}
	}
	var epubs []string
	defer func() { epubcheck(t, epubs) }()
	for _, dir := range []string{"../../testdata/books/commonmark", "../../testdata/books/mdbook", "../../testdata/books/features", "../../testdata/books/technical", "../../manuscript", "../../testdata/books/es", "../../testdata/books/de", "../../testdata/books/fr"} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := t.TempDir()
			res, err := pipeline.Build(pipeline.Options{Dir: dir, OutDir: out, Formats: pipeline.Formats})
			if err != nil {
				t.Fatalf("%v\n%v", err, res.Diagnostics)
			}
			src := sourceAsBinderyReadsIt(t, dir)
			var words []string
			for _, tok := range src {
				words = append(words, tok.Word)
			}
			for _, f := range res.Outputs {
				if filepath.Ext(f) == ".epub" {
					epubs = append(epubs, f)
				} else if out, err := exec.Command("qpdf", "--check", f).CombinedOutput(); err != nil {
					t.Errorf("%s: qpdf: %v\n%s", filepath.Base(f), err, out)
				}
				var got []wordcheck.Token
				switch filepath.Ext(f) {
				case ".epub":
					got, _, err = wordcheck.EPUBTokens(f)
				case ".pdf":
					got, _, err = wordcheck.PDFTokens(f, wordcheck.NewVocab(words))
				}
				if err != nil {
					t.Fatal(err)
				}
				r := wordcheck.Compare(src, got)
				if r.Matched != r.Words {
					var lost []string
					for _, p := range r.Passages(src, 3) {
						lost = append(lost, p.Context(12))
					}
					t.Errorf("%s keeps %d of %d words; lost: %s", filepath.Base(f), r.Matched, r.Words, strings.Join(lost, " | "))
				}
			}
		})
	}
}

var (
	referenceDef = regexp.MustCompile(`(?m)^ {0,3}\[[^\]^\n][^\]\n]*\]:[ \t]*\S+.*$`)
	// pandoc's table caption marker ("Table: …" by a table): it prints nothing itself.
	captionMark = regexp.MustCompile(`(?m)^Table:`)
	binderyMark = regexp.MustCompile(`\{[#^][^{}\s][^{}\n]*\}`)
)

// sourceAsBinderyReadsIt is the words of a book's Markdown files in reading order.
func sourceAsBinderyReadsIt(t *testing.T, dir string) []wordcheck.Token {
	t.Helper()
	book, err := wordcheck.LoadBook(dir)
	if err != nil {
		t.Fatal(err)
	}
	texts := make([][]byte, len(book.Files))
	var defs []string
	for i, f := range book.Files {
		path := filepath.Join(dir, f)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data, _, list := mdbook.Expand(dir, path, f, data)
		if list.HasErrors() {
			t.Fatal(list)
		}
		texts[i] = data
		defs = append(defs, referenceDef.FindAllString(string(data), -1)...)
	}
	var src []wordcheck.Token
	for i, f := range book.Files {
		md := hideRustLines(captionMark.ReplaceAll(binderyMark.ReplaceAll(texts[i], nil), nil))
		md = append(md, "\n\n"+strings.Join(defs, "\n")+"\n"...)
		text, _, err := wordcheck.SourceTokens(f, md)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, text...)
	}
	return src
}

// epubcheck runs epubcheck over the EPUBs in one Java run (starting it costs seconds), when
// it is installed.
func epubcheck(t *testing.T, epubs []string) {
	const jar = "/usr/share/java/epubcheck.jar"
	if _, err := os.Stat(jar); err != nil || len(epubs) == 0 {
		return
	}
	args := append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar, "../../testdata/epubcheck/Batch.java"}, epubs...)
	out, err := exec.Command("java", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("epubcheck: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), "0 fatals / 0 errors / 0 warnings"); n != len(epubs) {
		t.Errorf("epubcheck finds problems:\n%s", out)
	}
}

// hideRustLines drops, in Rust code blocks, the lines rustdoc hides ("# use x;"), as bindery
// and mdBook show them.
func hideRustLines(md []byte) []byte {
	lines := strings.SplitAfter(string(md), "\n")
	rust := false
	var out []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "```"):
			rust = !rust && strings.HasPrefix(strings.TrimPrefix(t, "```"), "rust")
		case rust && (t == "#" || strings.HasPrefix(t, "# ")):
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, ""))
}
