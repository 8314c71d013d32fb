package pipeline

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/layout"
)

// books with a glossary, chronology and index to check.
var apparatusBooks = []string{"../../testdata/books/features", "../../manuscript"}

func loadLayout(t *testing.T, dir string) (*Book, *layout.Document) {
	t.Helper()
	b, list, err := Load(dir)
	if err != nil {
		t.Fatalf("%v\n%v", err, list)
	}
	d, _, err := Layout(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, d
}

// pageText is a page's text with words hyphenated at line ends joined again.
func pageText(p *layout.Page) string {
	var lines []string
	for _, l := range p.Lines {
		lines = append(lines, l.Text)
	}
	s := strings.Join(lines, "\n")
	s = regexp.MustCompile(`(\pL)-\n(\pL)`).ReplaceAllString(s, "$1$2")
	return strings.Join(strings.Fields(s), " ")
}

// TestLocatorsAgreeWithPages checks every page reference of the generated back matter
// against the laid-out pages: the printed number is the page the target is on, and where the
// target is a term found in the text, that page holds the term.
func TestLocatorsAgreeWithPages(t *testing.T) {
	for _, dir := range apparatusBooks {
		t.Run(dir, func(t *testing.T) {
			b, d := loadLayout(t, dir)
			if b.Apparatus == nil || len(d.Generated) == 0 {
				t.Skip("no apparatus")
			}
			forms := map[string][]string{} // mark ID → forms that must be on its page
			for _, ch := range b.Chapters {
				doc.WalkInlines(ch, func(in doc.Inline) {
					if g, ok := in.(*doc.GlossaryRef); ok {
						forms[g.ID] = []string{doc.PlainText(g.Children)}
					}
				})
			}
			for _, e := range b.Apparatus.Index {
				for _, x := range append([]*doc.IndexEntry{e}, e.Sub...) {
					for _, m := range x.Marks {
						if m.Found {
							// The form the linker found (by its stem, "nationalised"), else the
							// entry's written forms.
							all := x.Match
							if x.Glossary != nil {
								all = append(all, x.Glossary.Forms()...)
							}
							if m.Form != "" {
								all = []string{m.Form}
							}
							forms[m.ID] = all
						}
					}
				}
			}
			checked := 0
			for _, ch := range d.Generated {
				doc.WalkInlines(ch, func(in doc.Inline) {
					l, ok := in.(*doc.Link)
					if !ok || (l.Role != "index-locator" && l.Role != "page") {
						return
					}
					id := strings.TrimPrefix(l.URL, "#")
					loc, ok := d.Map.Get(id)
					if !ok {
						t.Errorf("%s: locator to %s, which is on no page", ch.ID, id)
						return
					}
					printed, _, _ := strings.Cut(doc.PlainText(l.Children), "–")
					if printed != loc.Label {
						t.Errorf("%s: locator %q for %s, but it is on page %s", ch.ID, printed, id, loc.Label)
					}
					if fs, ok := forms[id]; ok {
						text := pageText(d.Pages[loc.Page])
						found := false
						words := strings.Fields(text)
						last := ""
						if len(words) > 0 {
							last = words[len(words)-1]
						}
						for _, f := range fs {
							found = found || strings.Contains(text, f) || strings.Contains(strings.ToLower(text), strings.ToLower(f))
							// A term hyphenated across the page break begins on this page.
							found = found || (strings.HasSuffix(last, "-") && strings.HasPrefix(f, strings.TrimSuffix(last, "-")))
						}
						if !found {
							t.Errorf("%s: page %s should hold %q (%s)", ch.ID, loc.Label, fs, id)
						}
					}
					checked++
				})
			}
			if checked == 0 {
				t.Fatal("no locators checked")
			}
			t.Logf("%d locators checked", checked)
		})
	}
}

// epubFiles builds the EPUB of a laid-out book in memory.
func epubFiles(t *testing.T, b *Book, d *layout.Document) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := epub.Write(&buf, b.Book, epub.Options{Print: PrintForEPUB(b, d)}); err != nil {
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
	return files
}

var (
	idRE   = regexp.MustCompile(` id="([^"]+)"`)
	hrefRE = regexp.MustCompile(` (?:href|src)="([^"]+)"`)
	tagRE  = regexp.MustCompile(`<[^>]*>`)
	// blockEndRE ends a table cell or a block: its words do not run into the next one's.
	blockEndRE = regexp.MustCompile(`</(th|td|p|li|h[1-6])>`)
)

// TestEPUBLinksResolve: every link of the EPUB (index, glossary, chronology, cross-references,
// notes, page-list) leads to an ID that exists in the same book.
func TestEPUBLinksResolve(t *testing.T) {
	for _, dir := range apparatusBooks {
		t.Run(dir, func(t *testing.T) {
			b, d := loadLayout(t, dir)
			files := epubFiles(t, b, d)
			ids := map[string]map[string]bool{}
			for name, body := range files {
				ids[name] = map[string]bool{}
				for _, m := range idRE.FindAllStringSubmatch(body, -1) {
					ids[name][m[1]] = true
				}
			}
			links := 0
			for name, body := range files {
				if !strings.HasSuffix(name, ".xhtml") {
					continue
				}
				dirOf := name[:strings.LastIndex(name, "/")+1]
				for _, m := range hrefRE.FindAllStringSubmatch(body, -1) {
					href := m[1]
					if strings.Contains(href, ":") {
						continue // external
					}
					file, frag, _ := strings.Cut(href, "#")
					target := name
					if file != "" {
						target = cleanPath(dirOf + file)
					}
					if _, ok := files[target]; !ok {
						t.Errorf("%s: link %q to a missing file %s", name, href, target)
						continue
					}
					if frag != "" && !ids[target][frag] {
						t.Errorf("%s: link %q: no id %q in %s", name, href, frag, target)
					}
					links++
				}
			}
			t.Logf("%d links resolve", links)
		})
	}
}

func cleanPath(p string) string {
	var out []string
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "..":
			out = out[:len(out)-1]
		case ".", "":
		default:
			out = append(out, part)
		}
	}
	return strings.Join(out, "/")
}

// TestPageBreaksMatchPrint: the EPUB's page-break marker for each print page stands at the
// word the printed page begins with.
func TestPageBreaksMatchPrint(t *testing.T) {
	for _, dir := range apparatusBooks {
		t.Run(dir, func(t *testing.T) {
			b, d := loadLayout(t, dir)
			files := epubFiles(t, b, d)
			all := ""
			for name, body := range files {
				if strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, "nav.xhtml") {
					all += body
				}
			}
			pages := 0
			for _, p := range d.Pages[d.BodyStart:] {
				if p.Start == nil {
					continue
				}
				marker := `id="page-` + p.Label + `"`
				i := strings.Index(all, marker)
				if i < 0 {
					t.Errorf("page %s has no marker in the EPUB", p.Label)
					continue
				}
				after := tagRE.ReplaceAllString(blockEndRE.ReplaceAllString(all[i+len(marker):], " "), "")
				after = strings.TrimPrefix(strings.TrimSpace(after), `title="`+p.Label+`">`)
				epubWord := firstWord(after)
				printWord := firstWord(firstBodyLine(p))
				if epubWord == "" || printWord == "" || !(epubWord == printWord || strings.HasSuffix(epubWord, strings.TrimSuffix(printWord, "-"))) {
					t.Errorf("page %s: print starts with %q, the EPUB marker stands before %q", p.Label, printWord, epubWord)
				}
				pages++
			}
			if pages < len(d.Pages)-d.BodyStart-5 {
				t.Errorf("only %d of %d pages compared", pages, len(d.Pages)-d.BodyStart)
			}
			t.Logf("%d pages compared", pages)
		})
	}
}

func firstBodyLine(p *layout.Page) string {
	for _, l := range p.Lines {
		// An index entry's "(continued)" line repeats its term, as a running head would; a
		// table's repeated header is not where the page begins either.
		if l.Kind != "footnote" && l.Kind != layout.LineContinued && strings.TrimSpace(l.Text) != "" && !l.Repeated {
			return l.Text
		}
	}
	return ""
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], "“”‘’\"'()[],.;:")
}
