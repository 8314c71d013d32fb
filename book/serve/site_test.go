package serve

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bindery/book/diag"
	"bindery/book/pipeline"
)

// TestEditionOfTheStarterBook: what the preview reads of a built EPUB.
func TestEditionOfTheStarterBook(t *testing.T) {
	s, _, _ := builtSite(t)
	ed := s.ed
	if ed.title != "A Short Book About Books" || ed.start != "/text/codex.xhtml" {
		t.Errorf("title %q, start %q", ed.title, ed.start)
	}
	var titles []string
	for _, e := range ed.contents {
		titles = append(titles, e.Title)
	}
	if got := strings.Join(titles, ", "); got != "The codex, From press to screen, Chronology, Glossary, Index" {
		t.Errorf("contents: %s", got)
	}
	if c := ed.contents[0].Children; len(c) != 2 || c[1].Href != "/text/codex.xhtml#folds" {
		t.Errorf("sections of the first chapter: %+v", c)
	}
	if ed.spine[0] != "text/cover.xhtml" || ed.spine[len(ed.spine)-1] != "text/index.xhtml" {
		t.Errorf("spine: %v", ed.spine)
	}
	// What the manifest lists, and nothing else of the archive.
	for _, name := range []string{"mimetype", "META-INF/container.xml", "OEBPS/content.opf"} {
		if _, ok := ed.files[name]; ok {
			t.Errorf("%s is served", name)
		}
	}
	for _, name := range []string{"css/book.css", "images/cover.png", "nav.xhtml", "text/glossary.xhtml"} {
		if _, ok := ed.files[name]; !ok {
			t.Errorf("%s is not served", name)
		}
	}
	if len(ed.pdf) == 0 || ed.pdfName != "a-short-book-about-books.pdf" {
		t.Errorf("PDF %q, %d bytes", ed.pdfName, len(ed.pdf))
	}
}

// TestPagesCarryThePreview: a chapter is the EPUB's XHTML with the preview's stylesheet, its
// one script (the nonce of the page's policy), the contents and the print edition's link.
func TestPagesCarryThePreview(t *testing.T) {
	_, srv, _ := builtSite(t)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/text/codex.xhtml" {
		t.Fatalf("/ leads to %s, not the first chapter", resp.Request.URL.Path)
	}
	status, h, page := get(t, srv.URL+"/text/codex.xhtml")
	if status != 200 || h.Get("Content-Type") != "application/xhtml+xml" {
		t.Fatalf("status %d, %s", status, h.Get("Content-Type"))
	}
	wellFormed(t, "the first chapter", page)
	scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1)
	if len(scripts) != 1 || !strings.Contains(scripts[0], `src="/_bindery/preview.js"`) {
		t.Fatalf("scripts: %q", scripts)
	}
	nonce := regexp.MustCompile(`nonce="([^"]+)"`).FindStringSubmatch(scripts[0])
	csp := h.Get("Content-Security-Policy")
	if nonce == nil || !strings.Contains(csp, "script-src 'nonce-"+nonce[1]+"';") || !strings.HasPrefix(csp, "default-src 'none';") {
		t.Errorf("the policy %q does not allow the one script %q and nothing else", csp, scripts[0])
	}
	for _, want := range []string{
		`<link rel="stylesheet" type="text/css" href="/_bindery/preview.css"/>`,
		`<a href="/text/codex.xhtml" aria-current="page">The codex</a>`,
		`<a href="/text/glossary.xhtml">Glossary</a>`,
		`<a href="/text/chronology.xhtml">Chronology</a>`,
		`<a href="/text/index.xhtml">Index</a>`,
		`<a href="/_bindery/print">Print edition (PDF)</a>`,
		`<a rel="next" href="/text/press-to-screen.xhtml">`,
		`<h1 id="codex">The codex</h1>`, // the chapter itself
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if strings.Contains(page, "bindery-diagnostics") {
		t.Error("a good build shows diagnostics")
	}
	// Two requests, two nonces: a nonce is good for one page.
	_, h2, _ := get(t, srv.URL+"/text/codex.xhtml")
	if h2.Get("Content-Security-Policy") == csp {
		t.Error("the nonce is the same on two pages")
	}

	status, h, page = get(t, srv.URL+"/_bindery/print")
	if status != 200 || !strings.Contains(page, `<iframe id="bindery-pdf" src="/_bindery/print.pdf"`) {
		t.Errorf("print page: %d\n%s", status, page)
	}
	wellFormed(t, "the print page", page)
	status, h, pdf := get(t, srv.URL+"/_bindery/print.pdf")
	if status != 200 || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("the PDF: %d %s", status, h.Get("Content-Type"))
	}
	status, h, css := get(t, srv.URL+"/css/book.css")
	if status != 200 || h.Get("Content-Type") != "text/css" || !strings.Contains(css, "font-family: serif") {
		t.Errorf("the book's stylesheet: %d %s", status, h.Get("Content-Type"))
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Error("a file that is not a page may run something")
	}
}

// TestLinksLeadToServedPages follows every link, stylesheet and picture of every page of
// the starter book and of the fixture books: each leads to a file the preview serves, and
// each fragment to an ID in it. The glossary, the chronology and the index are reached from
// the text, and the index leads back into it.
func TestLinksLeadToServedPages(t *testing.T) {
	for _, book := range []string{"starter", "features", "commonmark", "mdbook"} {
		t.Run(book, func(t *testing.T) {
			var res *pipeline.Result
			if book == "starter" {
				res, _ = starterBuild(t)
			} else {
				var err error
				res, err = pipeline.Build(pipeline.Options{Dir: filepath.Join("..", "..", "testdata", "books", book), OutDir: t.TempDir(), Formats: pipeline.Formats})
				if err != nil {
					t.Fatal(err)
				}
			}
			s, srv := siteOf(t, res)
			links := followLinks(t, s, srv.URL)
			n := 0
			for _, l := range links.from {
				n += len(l)
			}
			if len(links.from) < 5 || n < 100 {
				t.Errorf("only %d pages and %d links", len(links.from), n)
			}
			if book != "starter" && book != "features" {
				return
			}
			for _, p := range []string{"/text/glossary.xhtml", "/text/chronology.xhtml", "/text/index.xhtml"} {
				if links.into[p] == 0 {
					t.Errorf("nothing links to %s", p)
				}
			}
			back := 0
			for _, l := range links.from["/text/index.xhtml"] {
				if u, _ := url.Parse(l); u.Fragment != "" && strings.HasPrefix(u.Path, "/text/") && u.Path != "/text/index.xhtml" {
					back++
				}
			}
			if back == 0 {
				t.Error("the index leads nowhere in the text")
			}
		})
	}
}

// siteLinks are the links of a site's pages: from each page, and how many into each from
// another.
type siteLinks struct {
	from map[string][]string
	into map[string]int
}

// followLinks checks every link of every page the site serves.
func followLinks(t *testing.T, s *site, base string) siteLinks {
	ids := map[string]map[string]bool{} // site path → IDs
	links := siteLinks{from: map[string][]string{}, into: map[string]int{}}
	for name, res := range s.ed.files {
		if res.page == nil {
			continue
		}
		status, _, page := get(t, base+"/"+name)
		if status != 200 {
			t.Fatalf("/%s: %d", name, status)
		}
		wellFormed(t, name, page)
		ids["/"+name], links.from["/"+name] = idsAndLinks(t, "/"+name, page)
	}
	checked := map[string]int{}
	for from, list := range links.from {
		for _, l := range list {
			u, _ := url.Parse(l)
			if _, ok := checked[u.Path]; !ok {
				checked[u.Path], _, _ = get(t, base+u.Path)
			}
			if status := checked[u.Path]; status != 200 {
				t.Errorf("%s links to %s: %d", from, l, status)
				continue
			}
			if u.Fragment != "" && !ids[u.Path][u.Fragment] {
				t.Errorf("%s links to %s: no such ID", from, l)
			}
			if u.Path != from {
				links.into[u.Path]++
			}
		}
	}
	return links
}

// idsAndLinks reads a page's IDs and its links within the site, resolved against its path.
func idsAndLinks(t *testing.T, at, page string) (map[string]bool, []string) {
	base := &url.URL{Path: at}
	ids := map[string]bool{}
	var links []string
	d := xml.NewDecoder(strings.NewReader(page))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return ids, links
		}
		if err != nil {
			t.Fatalf("%s: %v", at, err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range el.Attr {
			switch {
			case a.Name.Local == "id":
				ids[a.Value] = true
			case a.Name.Space == "" && (a.Name.Local == "href" || a.Name.Local == "src"):
				u, err := url.Parse(a.Value)
				if err != nil || u.Scheme != "" {
					continue // the book's links out of it (https:, mailto:)
				}
				links = append(links, base.ResolveReference(u).String())
			}
		}
	}
}

// TestTraversalRefused: nothing but the last good build is served: no way out of it with
// "..", encoded or not, absolute paths, backslashes, or a symbolic link beside the outputs or
// in the book's folder that leads to a secret.
func TestTraversalRefused(t *testing.T) {
	_, srv, dir := builtSite(t)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("SECRET-2b1f"), 0o600)
	for _, link := range []string{filepath.Join(dir, "out", "secret.txt"), filepath.Join(dir, "secret.txt"), filepath.Join(dir, "out", "text")} {
		if err := os.Symlink(secret, link); err != nil {
			t.Fatal(err)
		}
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, target := range []string{
		"/../secret.txt",
		"/text/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/text/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/..%5csecret.txt",
		"/text\\..\\..\\secret.txt",
		"//etc/passwd",
		"/etc/passwd",
		"/" + secret,
		"/" + url.PathEscape(secret),
		"/secret.txt",
		"/out/secret.txt",
		"/text/secret.txt",
		"/a-short-book-about-books.pdf",
		"/out/a-short-book-about-books.epub",
		"/01-the-codex.md",
		"/book.yaml",
		"/OEBPS/text/codex.xhtml", // in the archive, under another name than the manifest's
		"/META-INF/container.xml",
		"/mimetype",
		"/_bindery/../secret.txt",
		"/_bindery/%2e%2e/book.yaml",
		"/text/codex.xhtml%00.txt",
		"http://" + host + "/../secret.txt",
		"../secret.txt",
		"*",
	} {
		status, body := rawGet(t, host, target, host)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("GET %s: %d", target, status)
		}
		if strings.Contains(body, "SECRET") || strings.Contains(body, "root:") || strings.Contains(body, "title:") {
			t.Errorf("GET %s leaks:\n%s", target, body)
		}
	}
	// The same names, cleaned, are what the site serves.
	if status, _ := rawGet(t, host, "/text/codex.xhtml", host); status != 200 {
		t.Errorf("the first chapter: %d", status)
	}
}

// rawGet sends a request line as written, past any client's cleaning of paths.
func rawGet(t *testing.T, addr, target, host string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestOnlyLocalhost: on loopback the site answers only to this computer's names (a page of
// another site cannot read the book through a name it points at 127.0.0.1), and only reads.
func TestOnlyLocalhost(t *testing.T) {
	_, srv, _ := builtSite(t)
	addr := strings.TrimPrefix(srv.URL, "http://")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{
		addr: 200, "localhost:" + port: 200, "LOCALHOST": 200, "[::1]:" + port: 200, "127.0.0.2": 200,
		"evil.example:" + port: 403, "127.0.0.1.nip.io": 403, "": 403,
	} {
		if status, _ := rawGet(t, addr, "/text/codex.xhtml", host); status != want {
			t.Errorf("Host %q: %d, want %d", host, status, want)
		}
	}
	resp, err := http.Post(srv.URL+"/text/codex.xhtml", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", resp.StatusCode)
	}
	// Served on another address (--host), it answers to any name.
	open := newSite(true)
	defer open.close()
	if status, _ := serveOnce(open, "evil.example"); status != 200 {
		t.Errorf("with --host, Host evil.example: %d", status)
	}
}

func serveOnce(s *site, host string) (int, string) {
	rec := &recorder{header: http.Header{}}
	r, _ := http.NewRequest("GET", "http://"+host+"/", nil)
	s.ServeHTTP(rec, r)
	return rec.status, rec.body.String()
}

type recorder struct {
	header http.Header
	status int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(status int) { r.status = status }

// TestFailedBuildShownEscaped: a failed rebuild is shown above the last good book, every
// diagnostic in it as text: markup, control characters, bidirectional overrides and a
// newline in a file name cannot act or make the page ill-formed. A good build clears it.
func TestFailedBuildShownEscaped(t *testing.T) {
	s, srv, _ := builtSite(t)
	list := diag.List{
		{Pos: diag.Pos{File: "01-the-codex.md", Line: 36, Col: 5}, Severity: diag.Error,
			Message: `index mark {^<img src=x onerror=alert(1)>}: no index entry has the term "</code></section><script>alert(2)</script>"`},
		{Pos: diag.Pos{File: "evil\n01-the-codex.md", Line: 1, Col: 1}, Severity: diag.Warning,
			Message: "control \x1b[31m and \x00 and \u202eright-to-left\u202c and ]]> and &amp;"},
	}
	s.update(&pipeline.Result{Diagnostics: list}, diag.ListError(list), time.Now())
	status, _, page := get(t, srv.URL+"/text/codex.xhtml")
	if status != 200 {
		t.Fatal(status)
	}
	wellFormed(t, "the page with diagnostics", page)
	panel := page[strings.Index(page, `<section id="bindery-diagnostics"`):]
	panel = panel[:strings.Index(panel, "</section>")]
	for _, want := range []string{
		`failed: the book of `,
		`01-the-codex.md:36:5: <span class="bindery-error">error</span>: index mark {^&lt;img src=x onerror=alert(1)&gt;}`,
		`&#34;&lt;/code&gt;&lt;/section&gt;&lt;script&gt;alert(2)&lt;/script&gt;&#34;`,
		`evil\n01-the-codex.md:1:1: <span class="bindery-warning">warning</span>: control \x1b[31m and \x00 and \u202eright-to-left\u202c and ]]&gt; and &amp;amp;`,
	} {
		if !strings.Contains(panel, want) {
			t.Errorf("the diagnostics have no %s:\n%s", want, panel)
		}
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d scripts on the page", n)
	}
	if !strings.Contains(page, `<h1 id="codex">The codex</h1>`) {
		t.Error("the last good book is not shown")
	}
	// An error that is not about a place in the book (the output folder cannot be written).
	s.update(&pipeline.Result{}, errors.New("cannot create the output folder: <permission denied>"), time.Now())
	_, _, page = get(t, srv.URL+"/text/codex.xhtml")
	if !strings.Contains(page, `error</span>: cannot create the output folder: &lt;permission denied&gt;`) {
		t.Errorf("the error is not shown:\n%s", page)
	}
	// The next good build clears it.
	res, _ := starterBuild(t)
	s.update(res, nil, time.Now())
	if _, _, page = get(t, srv.URL+"/text/codex.xhtml"); strings.Contains(page, "bindery-diagnostics") {
		t.Error("a good build still shows the diagnostics of the failed one")
	}
}

// TestNotBuiltYet: before a first good build, every page says so, with the diagnostics of a
// first build that failed, and carries the script that reloads it when the book builds.
func TestNotBuiltYet(t *testing.T) {
	s := newSite(false)
	defer s.close()
	status, body := serveOnce(s, "localhost")
	if status != 200 || !strings.Contains(body, "Building the book") || !strings.Contains(body, `src="/_bindery/preview.js"`) {
		t.Errorf("%d\n%s", status, body)
	}
	list := diag.List{{Pos: diag.Pos{File: "book.yaml", Line: 3, Col: 1}, Severity: diag.Error, Message: "title: required"}}
	s.update(&pipeline.Result{Diagnostics: list}, diag.ListError(list), time.Now())
	status, body = serveOnce(s, "localhost")
	if status != 200 || !strings.Contains(body, "The book did not build") || !strings.Contains(body, "book.yaml:3:1: <span class=\"bindery-error\">error</span>: title: required") {
		t.Errorf("%d\n%s", status, body)
	}
	if strings.Contains(body, "Building the book") {
		t.Error("a failed build still says it is building")
	}
}

// TestEventsTellEveryPage: every open page hears of every build, first of the build the site
// shows when it starts listening.
func TestEventsTellEveryPage(t *testing.T) {
	s, srv, _ := builtSite(t)
	a, b := listen(t, srv.URL), listen(t, srv.URL)
	first := a.next(t)
	if b.next(t) != first || !strings.HasPrefix(first, s.instance+"-") {
		t.Fatalf("first event %q", first)
	}
	_, _, page := get(t, srv.URL+"/text/codex.xhtml")
	if !strings.Contains(page, `data-build="`+first+`"`) {
		t.Errorf("the page does not carry its build %s", first)
	}
	s.update(&pipeline.Result{}, errors.New("failed"), time.Now())
	second := a.next(t)
	if second == first || b.next(t) != second {
		t.Fatalf("after a build: %q, %q", first, second)
	}
	// A page that starts listening after a build hears of the build it did not see.
	c := listen(t, srv.URL)
	if c.next(t) != second {
		t.Error("a new listener is not told of the current build")
	}
}

// TestPrintEditionLeftOut: built without the PDF, the preview says so instead of a link to
// nothing.
func TestPrintEditionLeftOut(t *testing.T) {
	_, dir := starterBuild(t)
	res, err := pipeline.Build(pipeline.Options{Dir: dir, OutDir: t.TempDir(), Formats: []pipeline.Format{pipeline.EPUB}})
	if err != nil {
		t.Fatal(err)
	}
	_, srv := siteOf(t, res)
	if _, _, page := get(t, srv.URL+"/text/codex.xhtml"); strings.Contains(page, "/_bindery/print") {
		t.Error("a page links to the print edition, which was not built")
	}
	if _, _, page := get(t, srv.URL+"/_bindery/print"); !strings.Contains(page, "The formats built leave the PDF out.") {
		t.Errorf("the print page:\n%s", page)
	}
	if status, _, _ := get(t, srv.URL+"/_bindery/print.pdf"); status != http.StatusNotFound {
		t.Errorf("the PDF that was not built: %d", status)
	}
}
