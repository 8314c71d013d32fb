package serve

import (
	"bufio"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bindery/book/pipeline"
	"bindery/book/starter"
)

// starterBook writes the starter book (two chapters, a glossary, a chronology and an index)
// into a new folder.
func starterBook(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := starter.Write(dir, starter.Starter, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shared is one good build of the starter book, for the tests that serve it and change
// nothing on disk (the site reads the outputs into memory when it takes the build in).
var shared struct {
	once sync.Once
	dir  string
	res  *pipeline.Result
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func starterBuild(t *testing.T) (*pipeline.Result, string) {
	t.Helper()
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "bindery-serve-"); shared.err != nil {
			return
		}
		if _, shared.err = starter.Write(shared.dir, starter.Starter, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); shared.err != nil {
			return
		}
		shared.res, shared.err = pipeline.Build(pipeline.Options{Dir: shared.dir, OutDir: filepath.Join(shared.dir, "out"), Formats: pipeline.Formats})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.res, shared.dir
}

// builtSite is a site that has taken in a good build of the starter book, a server for it,
// and the book's folder.
func builtSite(t *testing.T) (*site, *httptest.Server, string) {
	t.Helper()
	res, dir := starterBuild(t)
	s, srv := siteOf(t, res)
	return s, srv, dir
}

// siteOf is a site that has taken in a good build, and a server for it.
func siteOf(t *testing.T, res *pipeline.Result) (*site, *httptest.Server) {
	t.Helper()
	s := newSite(false)
	s.update(res, nil, time.Now())
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		s.close()
		srv.Close()
	})
	return s, srv
}

// get asks for a page and returns its status, headers and body.
func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// wellFormed fails the test if an XHTML page is not well-formed XML, as a browser that
// reads application/xhtml+xml requires.
func wellFormed(t *testing.T, name, page string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v\n%s", name, err, page)
		}
	}
}

// eventStream reads a stream of Server-Sent Events.
type eventStream struct {
	body io.Closer
	r    *bufio.Reader
}

func listen(t *testing.T, base string) *eventStream {
	t.Helper()
	resp, err := http.Get(base + "/_bindery/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events are %s", ct)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return &eventStream{resp.Body, bufio.NewReader(resp.Body)}
}

// next returns the build named by the next event.
func (e *eventStream) next(t *testing.T) string {
	t.Helper()
	build := ""
	for {
		line, err := e.r.ReadString('\n')
		if err != nil {
			t.Fatalf("the event stream ended: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "data: "):
			build = strings.TrimPrefix(line, "data: ")
		case line == "" && build != "":
			return build
		}
	}
}

// writeFile saves a file as an editor that writes a new file and renames it over the old one.
func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".swp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}
