package serve

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"bindery/book/pipeline"
	"bindery/book/watch"
)

// running is a preview served by Run in the background.
type running struct {
	url    string
	stdout *syncBuffer
	stderr *syncBuffer
	stop   func() error // cancels Run and returns what it returned
}

// start runs Run on the book in dir and waits for its first build.
func start(t *testing.T, dir string, opt Options) *running {
	t.Helper()
	opt.Watch.Build = pipeline.Options{Dir: dir, OutDir: filepath.Join(dir, "out"), Formats: pipeline.Formats}
	opened := make(chan string, 1)
	opt.Open = func(url string) error { opened <- url; return nil }
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opt, r.stdout, r.stderr) }()
	var once sync.Once
	var err error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			err = <-done
		})
		return err
	}
	select {
	case r.url = <-opened:
	case err := <-done:
		t.Fatalf("Run returned before the first build: %v\n%s%s", err, r.stdout, r.stderr)
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// TestRunServesRebuildsAndStops: a save changes the page, a broken save shows its
// diagnostic above the last good book, the fix brings the book back; every build is an
// event; Ctrl-C (the context) stops the server and Run returns nil.
func TestRunServesRebuildsAndStops(t *testing.T) {
	dir := starterBook(t)
	r := start(t, dir, Options{})
	if !strings.HasPrefix(r.url, "http://127.0.0.1:") || !strings.Contains(r.stdout.String(), "serving the book at "+r.url) {
		t.Fatalf("address %s\n%s", r.url, r.stdout)
	}
	if r.stderr.String() != "" {
		t.Errorf("on loopback: %s", r.stderr)
	}
	page := r.url + "text/codex.xhtml"
	events := listen(t, strings.TrimSuffix(r.url, "/"))
	shown := events.next(t)
	if _, _, body := get(t, page); !strings.Contains(body, "A book, as most of us picture it") || !strings.Contains(body, `data-build="`+shown+`"`) {
		t.Fatalf("the first chapter, build %s:\n%s", shown, body)
	}

	chapter := filepath.Join(dir, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	save := func(data []byte) string {
		writeFile(t, chapter, data)
		next := events.next(t)
		if next == shown {
			t.Fatalf("an event without a build: %s", next)
		}
		shown = next
		_, _, body := get(t, page)
		return body
	}
	edited := bytes.Replace(text, []byte("A book, as most of us picture it"), []byte("A book, as the preview shows it"), 1)
	if body := save(edited); !strings.Contains(body, "A book, as the preview shows it") {
		t.Fatalf("the saved text is not served:\n%s", body)
	}
	broken := append(edited, "\nA mark of no entry: {^<b>Nowhere</b>}.\n"...)
	body := save(broken)
	if !strings.Contains(body, `<section id="bindery-diagnostics"`) ||
		!strings.Contains(body, `01-the-codex.md:36:21: <span class="bindery-error">error</span>: index mark {^&lt;b&gt;Nowhere&lt;/b&gt;}`) {
		t.Fatalf("the broken save shows no diagnostic:\n%s", body)
	}
	if !strings.Contains(body, "A book, as the preview shows it") {
		t.Error("the last good book is not shown with the diagnostics")
	}
	mended := bytes.Replace(edited, []byte("as the preview shows it"), []byte("as the mended preview shows it"), 1)
	if body := save(mended); strings.Contains(body, "bindery-diagnostics") || !strings.Contains(body, "as the mended preview shows it") {
		t.Fatalf("the fix does not bring the book back:\n%s", body)
	}

	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(page); err == nil {
		t.Error("the server still answers after Run returned")
	}
}

// TestRunRefusesABusyPort: a port in use is an error before anything is built.
func TestRunRefusesABusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := starterBook(t)
	opt := Options{Port: ln.Addr().(*net.TCPAddr).Port}
	opt.Watch.Build = pipeline.Options{Dir: dir, OutDir: filepath.Join(dir, "out"), Formats: pipeline.Formats}
	err = Run(context.Background(), opt, &syncBuffer{}, &syncBuffer{})
	if err == nil || !strings.Contains(err.Error(), "cannot serve on 127.0.0.1:"+strconv.Itoa(opt.Port)) {
		t.Fatalf("error %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a build ran although the preview could not be served")
	}
	opt.Port = 0
	opt.Watch.Build.Formats = []pipeline.Format{pipeline.PDF}
	if err := Run(context.Background(), opt, &syncBuffer{}, &syncBuffer{}); err == nil || !strings.Contains(err.Error(), "epub") {
		t.Errorf("without the EPUB: %v", err)
	}
}

// TestRunWarnsOffLoopback: serving on every interface says so on stderr, and the address
// given to the browser is this computer's.
func TestRunWarnsOffLoopback(t *testing.T) {
	r := start(t, starterBook(t), Options{Host: "0.0.0.0", Watch: watch.Options{Quiet: true}})
	if !strings.HasPrefix(r.stderr.String(), "warning: serving on 0.0.0.0: anyone who can reach this computer") {
		t.Errorf("stderr: %q", r.stderr)
	}
	if !strings.HasPrefix(r.url, "http://127.0.0.1:") {
		t.Errorf("address %s", r.url)
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer that Run's goroutines and the test may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
