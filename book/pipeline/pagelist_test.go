package pipeline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"bindery/book/config"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/layout"
	"bindery/book/starter"
)

// pageListBooks are the books whose page-list is compared with their PDF: the fixtures, the
// default book and the starter book of bindery init (written to a temporary folder).
func pageListBooks(t *testing.T) []string {
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return []string{"../../testdata/books/features", "../../testdata/books/commonmark", "../../testdata/books/technical", "../../manuscript", dir}
}

// pageListTrims are the page sizes each book is laid out at: its own, and two small ones
// where pages begin in every kind of block (tables, lists, notes, quotes, code, captions).
var pageListTrims = []*config.Trim{nil, {Name: "A6", Width: 105 * mm, Height: 148 * mm}, {Name: "custom", Width: 120 * mm, Height: 165 * mm}}

const mm = 72 / 25.4

// epubOf writes the EPUB of a laid-out book in memory and returns its entries by name and
// the names of its spine's documents in reading order.
func epubOf(t *testing.T, b *Book, d *layout.Document) (map[string]string, []string) {
	t.Helper()
	var buf bytes.Buffer
	opt := epub.Options{Print: PrintForEPUB(b, d), Image: func(src string) ([]byte, string, error) {
		p, err := bookPicture(b.Pictures, src)
		if err != nil {
			return nil, "", err
		}
		data, err := p.Data()
		return data, p.Type, err
	}}
	if err := epub.Write(&buf, b.Book, opt); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = string(data)
	}
	var spine []string
	opf := files["OEBPS/content.opf"]
	hrefs := map[string]string{}
	for _, m := range regexp.MustCompile(`<item id="([^"]+)" href="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		hrefs[m[1]] = m[2]
	}
	for _, m := range regexp.MustCompile(`<itemref idref="([^"]+)"`).FindAllStringSubmatch(opf, -1) {
		spine = append(spine, "OEBPS/"+hrefs[m[1]])
	}
	return files, spine
}

var (
	markerRE = regexp.MustCompile(`<span epub:type="pagebreak" role="doc-pagebreak" id="page-([^"]+)" title="[^"]*"></span>`)
	// Elements that separate words in the text a reader sees (cells, items, paragraphs).
	blockTagRE = regexp.MustCompile(`</?(p|td|th|tr|li|dt|dd|h[1-6]|div|section|aside|figure|figcaption|blockquote|pre|br|ul|ol|dl|table|thead|tbody)\b[^>]*>`)
	// What the EPUB shows and print does not set as text: the extra links back from a note
	// cited more than once, task boxes (drawn in print).
	notPrintedRE = regexp.MustCompile(`<a [^>]*class="backlink"[^>]*>[^<]*</a>|[☐☑]`)
)

// plainWords are the words of XHTML as a reader sees them, normalised for comparing with
// pdftotext: punctuation around words dropped, words hyphenated at line ends joined.
func plainWords(s string, n int) []string {
	s = notPrintedRE.ReplaceAllString(s, "")
	s = blockTagRE.ReplaceAllString(s, " ")
	s = tagRE.ReplaceAllString(s, "")
	for _, e := range [][2]string{{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", `"`}, {"&#39;", "'"}} {
		s = strings.ReplaceAll(s, e[0], e[1])
	}
	return normalWords(s, n)
}

func normalWords(s string, n int) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		out = append(out, w)
		if len(out) == n {
			break
		}
	}
	return out
}

// pdfPages returns the text of each page of a PDF inside the text block (no running heads,
// no folios), words hyphenated at line ends joined.
func pdfPages(t *testing.T, path string, s layout.Settings) []string {
	t.Helper()
	top := (s.Top - s.FontSize/2).Points()
	bottom := (s.TextBottom() + s.FontSize/2).Points()
	out, err := exec.Command("pdftotext", "-raw", "-r", "72", "-x", "0", "-y", fmt.Sprint(int(top)),
		"-W", fmt.Sprint(int(s.PageWidth.Points())+1), "-H", fmt.Sprint(int(bottom-top)), path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(out), "\f")
	hyphen := regexp.MustCompile(`(\pL)-\n(\pL)`)
	for i := range pages {
		pages[i] = hyphen.ReplaceAllString(pages[i], "$1$2")
	}
	return pages
}

// TestPageListMatchesPDF: the EPUB has exactly one page marker for each print page that has
// text or a picture, in page order, listed in that order by the nav's page-list and the
// NCX's pageList; and the first words after each marker are the words that open that page
// of the PDF. Each book is laid out at its own size and at two small ones, so that pages
// begin in every kind of block.
func TestPageListMatchesPDF(t *testing.T) {
	needPDFToText(t)
	for _, dir := range pageListBooks(t) {
		for _, trim := range pageListTrims {
			name := filepath.Base(dir)
			if trim != nil {
				name += "/" + trim.Name
			}
			t.Run(name, func(t *testing.T) {
				b, list, err := Load(dir)
				if err != nil {
					t.Fatalf("%v\n%v", err, list)
				}
				if trim != nil {
					b.Config.Trim = *trim
					b.Pictures = nil // read again for this page
				}
				d, _, err := Layout(b)
				if err != nil {
					t.Fatal(err)
				}
				files, spine := epubOf(t, b, d)
				pdfPath := filepath.Join(t.TempDir(), "book.pdf")
				pfs, err := writePDF(pdfPath, b, Options{}, d)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range pfs {
					if err := f.commit(); err != nil {
						t.Fatal(err)
					}
				}
				pages := pdfPages(t, pdfPath, d.Settings)
				if len(pages) < len(d.Pages) {
					t.Fatalf("%d pages of text for %d pages", len(pages), len(d.Pages))
				}

				// The markers in reading order, with the text after each in its file.
				type marker struct{ label, file, after string }
				var markers []marker
				for _, name := range spine {
					body := files[name]
					for _, m := range markerRE.FindAllStringSubmatchIndex(body, -1) {
						markers = append(markers, marker{body[m[2]:m[3]], name, body[m[1]:]})
					}
				}
				byLabel := map[string]int{}
				for i, p := range d.Pages {
					byLabel[p.Label] = i
				}
				// Pages with text or a picture in the text block, body matter on.
				var want []string
				for i, p := range d.Pages[d.BodyStart:] {
					if len(normalWords(pages[d.BodyStart+i], 1)) > 0 || len(p.Pictures) > 0 {
						want = append(want, p.Label)
					}
				}
				var got []string
				for _, m := range markers {
					got = append(got, m.label)
				}
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("page markers in reading order:\n%s\nprint pages with text:\n%s", strings.Join(got, " "), strings.Join(want, " "))
				}
				checkPageLists(t, files, got)

				for _, m := range markers {
					i, ok := byLabel[m.label]
					if !ok {
						t.Errorf("marker of page %s, which print does not have", m.label)
						continue
					}
					epubWords := plainWords(m.after, 3)
					// An index entry's "(continued)" line and a table's header repeated at the
					// top of the page are not where it begins.
					skip := 0
					for _, l := range d.Pages[i].Lines {
						if l.Repeated {
							skip += len(normalWords(l.Text, 1000))
						}
					}
					// An index page that opens among an entry's sub-entries opens with the
					// entry's "(continued)" line (a table's caption "… (continued)" is a
					// repeated line, counted above).
					page := pages[i]
					for _, l := range d.Pages[i].Lines {
						if l.Kind == layout.LineContinued {
							page = dropContinued(page)
							break
						}
					}
					printWords := normalWords(page, 12+skip)
					printWords = printWords[min(skip, len(printWords)):]
					if len(printWords) == 0 {
						continue // a page of pictures alone
					}
					if !opens(epubWords, printWords) {
						t.Errorf("page %s (%s): the PDF page opens with %q, the EPUB's marker stands before %q", m.label, m.file, printWords, epubWords)
					}
				}
				t.Logf("%d pages, %d markers", len(d.Pages)-d.BodyStart, len(markers))
			})
		}
	}
}

// opens reports whether the EPUB's words after a marker open a print page: the first is the
// page's first word (or ends with it, when the page begins in a word hyphenated on the page
// before), and the next ones follow among the page's first words (a table row's cells are
// set side by side in print, one after the other in the EPUB).
// dropContinued drops a page's opening index line "Term (continued)": it repeats the term
// of an entry whose sub-entries run over, as a running head would, and is not in the EPUB.
func dropContinued(page string) string {
	first, rest, _ := strings.Cut(strings.TrimLeft(page, "\n"), "\n")
	if strings.HasSuffix(strings.TrimSpace(first), "(continued)") {
		return rest
	}
	return page
}

func opens(epubWords, printWords []string) bool {
	// A word with a hyphen of its own broken there at a line's end ("neo-/liberalism") is
	// joined by pdfPages as a hyphenated one would be: compare words without hyphens.
	unhyphen := func(ws []string) []string {
		out := make([]string, len(ws))
		for i, w := range ws {
			out[i] = strings.ReplaceAll(w, "-", "")
		}
		return out
	}
	epubWords, printWords = unhyphen(epubWords), unhyphen(printWords)
	if len(epubWords) == 0 {
		return false
	}
	if epubWords[0] != printWords[0] && !strings.HasSuffix(epubWords[0], printWords[0]) {
		return false
	}
	k := 1
	for _, w := range epubWords[1:] {
		for k < len(printWords) && printWords[k] != w {
			k++
		}
		if k == len(printWords) {
			return false
		}
		k++
	}
	return true
}

// checkPageLists: the nav's page-list and the NCX's pageList list the markers in reading
// order, each pointing at its marker, and the NCX counts the pages.
func checkPageLists(t *testing.T, files map[string]string, labels []string) {
	t.Helper()
	var nav []string
	for _, m := range regexp.MustCompile(`<li><a href="([^"]+)">([^<]+)</a></li>`).FindAllStringSubmatch(sectionOf(files["OEBPS/nav.xhtml"], `epub:type="page-list"`), -1) {
		nav = append(nav, m[2])
		file, frag, _ := strings.Cut(m[1], "#")
		if frag != "page-"+m[2] || !strings.Contains(files["OEBPS/"+file], ` id="`+frag+`"`) {
			t.Errorf("page-list: page %s points at %s", m[2], m[1])
		}
	}
	if strings.Join(nav, " ") != strings.Join(labels, " ") {
		t.Errorf("the nav's page-list is\n%s\nthe markers\n%s", strings.Join(nav, " "), strings.Join(labels, " "))
	}
	ncx := files["OEBPS/toc.ncx"]
	var targets []string
	for _, m := range regexp.MustCompile(`<pageTarget [^>]*value="[^"]*"[^>]*><navLabel><text>([^<]+)</text></navLabel><content src="([^"]+)"/>`).FindAllStringSubmatch(ncx, -1) {
		targets = append(targets, m[1])
		if !strings.HasSuffix(m[2], "#page-"+m[1]) {
			t.Errorf("pageList: page %s points at %s", m[1], m[2])
		}
	}
	if strings.Join(targets, " ") != strings.Join(labels, " ") {
		t.Errorf("the NCX's pageList is\n%s\nthe markers\n%s", strings.Join(targets, " "), strings.Join(labels, " "))
	}
	if len(labels) > 0 && !strings.Contains(ncx, fmt.Sprintf(`<meta name="dtb:totalPageCount" content="%d"/>`, len(labels))) {
		t.Errorf("the NCX does not count %d pages", len(labels))
	}
}

// sectionOf is the element of s that opens with an attribute, up to the end of s.
func sectionOf(s, attr string) string {
	if i := strings.Index(s, attr); i >= 0 {
		return s[i:]
	}
	return ""
}

// TestAnchorsFollowTheirPageMarker: every ID the print edition places on a page (headings,
// anchors, index marks, glossary terms, note references, generated entries) stands after
// that page's marker in the EPUB and before the next one, so that a reader who follows a
// link is told the page print gives. Notes are left out: the EPUB keeps them at the end
// of their chapter.
func TestAnchorsFollowTheirPageMarker(t *testing.T) {
	for _, dir := range pageListBooks(t) {
		for _, trim := range pageListTrims {
			name := filepath.Base(dir)
			if trim != nil {
				name += "/" + trim.Name
			}
			t.Run(name, func(t *testing.T) {
				b, list, err := Load(dir)
				if err != nil {
					t.Fatalf("%v\n%v", err, list)
				}
				if trim != nil {
					b.Config.Trim = *trim
					b.Pictures = nil // read again for this page
				}
				d, _, err := Layout(b)
				if err != nil {
					t.Fatal(err)
				}
				files, spine := epubOf(t, b, d)
				idAt := regexp.MustCompile(` id="([^"]+)"`)
				checked := 0
				page := ""
				for _, name := range spine {
					body := files[name]
					if notes := strings.Index(body, `<section class="footnotes">`); notes >= 0 {
						body = body[:notes]
					}
					marks := markerRE.FindAllStringSubmatchIndex(body, -1)
					k := 0
					for _, m := range idAt.FindAllStringSubmatchIndex(body, -1) {
						for k < len(marks) && marks[k][0] <= m[0] {
							page = body[marks[k][2]:marks[k][3]]
							k++
						}
						id := body[m[2]:m[3]]
						loc, ok := d.Map.Get(id)
						if !ok || strings.HasPrefix(id, "page-") || loc.Page < d.BodyStart {
							continue
						}
						if loc.Label != page {
							t.Errorf("%s: %s is on page %s in print, after the marker of page %q in the EPUB", name, id, loc.Label, page)
						}
						checked++
					}
				}
				if checked < 5 {
					t.Errorf("only %d anchors checked", checked)
				}
				t.Logf("%d anchors checked", checked)
			})
		}
	}
}

func needPDFToText(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed (apt-get install poppler-utils)")
		}
		t.Skip("pdftotext is not installed")
	}
}

// TestPrintIdentifier: the print edition is named by its ISBN when book.yaml gives one, else
// by a UUID of its own (RFC 9562 version 5), the same in every build, never the EPUB's.
func TestPrintIdentifier(t *testing.T) {
	meta := &config.Book{Metadata: doc.Metadata{Identifier: "urn:uuid:6f1c2d8e-0000-4000-8000-000000000000"}, Trim: config.DefaultTrim}
	id := PrintIdentifier(meta)
	if !regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(id) || id == meta.Identifier {
		t.Errorf("print edition %q", id)
	}
	if again := PrintIdentifier(meta); again != id {
		t.Errorf("%q, then %q", id, again)
	}
	other := *meta
	other.Trim = config.Trims[1]
	if PrintIdentifier(&other) == id {
		t.Error("an A4 edition has the A5 edition's identifier")
	}
	meta.PrintISBN = "9780306406157"
	if got := PrintIdentifier(meta); got != "urn:isbn:9780306406157" {
		t.Errorf("with print_isbn: %q", got)
	}
}
