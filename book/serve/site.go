package serve

import (
	"bytes"
	"crypto/rand"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"bindery/book/diag"
	"bindery/book/pipeline"
)

//go:embed preview.js
var previewJS []byte

//go:embed preview.css
var previewCSS []byte

// site answers the browser: the last good edition of the book, the preview's own pages and
// files, and the stream of build events. It reads no file: what it serves is in memory.
type site struct {
	// instance tells this server from an earlier one, so that a page it did not serve
	// reloads when the events reconnect.
	instance string
	// anyHost: answer whatever Host the browser names. Off when serving on loopback, where a
	// page of another site could otherwise read the book through DNS rebinding.
	anyHost bool

	mu      sync.RWMutex
	ed      *edition // the last good build; nil until there is one
	builtAt time.Time
	builds  int      // builds seen, failed ones too: the build a page shows is instance-builds
	failure *failure // the last build, if it failed

	subsMu sync.Mutex
	subs   map[chan struct{}]bool
	stop   chan struct{} // closed when the server stops: the event streams end
}

func newSite(anyHost bool) *site {
	return &site{instance: fmt.Sprintf("%x", randomBytes(4)), anyHost: anyHost, subs: map[chan struct{}]bool{}, stop: make(chan struct{})}
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return b
}

// update takes in a build: a good one becomes the edition served, a failed one is shown
// above the last good edition. Then every open page is told.
func (s *site) update(res *pipeline.Result, err error, now time.Time) {
	var ed *edition
	if err == nil {
		ed, err = editionOf(res)
	}
	s.mu.Lock()
	s.builds++
	if err == nil {
		s.ed, s.builtAt, s.failure = ed, now, nil
	} else {
		kept := ""
		if s.ed != nil {
			kept = s.builtAt.Format(clock)
		}
		s.failure = newFailure(res, err, now.Format(clock), kept)
	}
	s.mu.Unlock()
	s.notify()
}

const clock = "15:04:05"

// editionOf reads the EPUB and the PDF a good build wrote.
func editionOf(res *pipeline.Result) (*edition, error) {
	epub, pdf := "", ""
	for _, o := range res.Outputs {
		if strings.HasSuffix(o, ".epub") {
			epub = o
		}
	}
	if epub == "" {
		return nil, errors.New("the build wrote no EPUB, which the preview shows")
	}
	for _, o := range res.Outputs {
		if o == strings.TrimSuffix(epub, ".epub")+".pdf" {
			pdf = o
		}
	}
	ed, err := readEdition(epub, pdf)
	if err != nil {
		return nil, err
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Note {
			continue // for bindery check, as on the terminal
		}
		if d.Draft {
			ed.draft = append(ed.draft, newDiagLine(d))
		} else {
			ed.warnings = append(ed.warnings, newDiagLine(d))
		}
	}
	return ed, nil
}

// ServeHTTP answers GET and HEAD for the book's pages and files, the preview's own, and the
// events.
func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "no-store") // every reload shows the latest build
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "bindery serve only shows the book", http.StatusMethodNotAllowed)
		return
	}
	if !s.anyHost && !loopbackName(r.Host) {
		http.Error(w, "bindery serve answers only to localhost", http.StatusForbidden)
		return
	}
	name, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "no such page", http.StatusBadRequest)
		return
	}
	s.mu.RLock()
	ed, v := s.ed, s.view()
	s.mu.RUnlock()

	switch name {
	case "_bindery/preview.js":
		serveFile(w, r, previewJS, "text/javascript; charset=utf-8")
		return
	case "_bindery/preview.css":
		serveFile(w, r, previewCSS, "text/css; charset=utf-8")
		return
	case "_bindery/events":
		s.serveEvents(w, r)
		return
	case "_bindery/print.pdf":
		if ed == nil || ed.pdf == nil {
			http.NotFound(w, r)
			return
		}
		h.Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": ed.pdfName}))
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(ed.pdf))
		return
	case "_bindery/print":
		v.PageTitle, v.Print = "Print edition", true
		if v.HasPDF {
			v.PageTitle = v.Title + ": print edition"
		}
		s.serveShell(w, v, http.StatusOK)
		return
	case "":
		if ed == nil {
			v.PageTitle = "bindery serve"
			s.serveShell(w, v, http.StatusOK)
			return
		}
		http.Redirect(w, r, ed.start, http.StatusFound)
		return
	}
	if ed == nil {
		v.PageTitle = "bindery serve"
		s.serveShell(w, v, http.StatusServiceUnavailable)
		return
	}
	s.serveBook(w, r, ed, v, name)
}

// serveBook serves a file of the book's EPUB; a page with the preview's parts in it.
func (s *site) serveBook(w http.ResponseWriter, r *http.Request, ed *edition, v *view, name string) {
	res, ok := ed.files[name]
	if !ok || strings.HasPrefix(name, "_bindery/") {
		v.PageTitle, v.Missing = "No such page", "/"+name
		s.serveShell(w, v, http.StatusNotFound)
		return
	}
	if res.page == nil {
		// Not a page: nothing in it may run, should it be opened on its own (an SVG).
		w.Header().Set("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox")
		serveFile(w, r, res.data, res.mediaType)
		return
	}
	here := "/" + name
	v.Contents = contentsHere(ed.contents, here)
	for i, p := range ed.spine {
		if p != name {
			continue
		}
		if i > 0 {
			v.Prev = "/" + ed.spine[i-1]
		}
		if i+1 < len(ed.spine) {
			v.Next = "/" + ed.spine[i+1]
		}
	}
	var b bytes.Buffer
	if err := writePage(&b, res.data, res.page, v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Security-Policy", pagePolicy(v.Nonce))
	w.Header().Set("Content-Type", res.mediaType)
	w.Write(b.Bytes())
}

// view is what every page shows of the state; s.mu is held. The nonce is base64url: no "+"
// for html/template to escape.
func (s *site) view() *view {
	v := &view{Nonce: base64.RawURLEncoding.EncodeToString(randomBytes(18)), Build: s.build(), Failure: s.failure}
	switch {
	case s.ed != nil:
		v.HasBook, v.Title, v.Start = true, s.ed.title, s.ed.start
		v.Contents = contentsHere(s.ed.contents, "")
		v.HasPDF, v.PDF = s.ed.pdf != nil, "/_bindery/print.pdf"
		v.Warnings, v.Draft = s.ed.warnings, s.ed.draft
		v.Status = "built at " + s.builtAt.Format(clock)
	case s.failure != nil:
		v.Status = "not built"
	default:
		v.Status = "building…"
	}
	return v
}

// build names the build the site shows now; s.mu is held.
func (s *site) build() string { return fmt.Sprintf("%s-%d", s.instance, s.builds) }

// pagePolicy allows a page its own stylesheets, pictures and fonts, its frames (the PDF),
// the event stream, and one script: the preview's, which carries the nonce.
func pagePolicy(nonce string) string {
	return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; media-src 'self'; connect-src 'self'; frame-src 'self'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
}

func (s *site) serveShell(w http.ResponseWriter, v *view, status int) {
	w.Header().Set("Content-Security-Policy", pagePolicy(v.Nonce))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b bytes.Buffer
	if err := writeShell(&b, v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func serveFile(w http.ResponseWriter, r *http.Request, data []byte, mediaType string) {
	w.Header().Set("Content-Type", mediaType)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// cleanPath is the site path asked for, without its leading slash, if it is one the site
// could have: no "..", ".", empty or backslashed segment, no NUL, never absolute once the
// slash is gone. Nothing is looked up on disk in any case; this refuses the attempt plainly.
func cleanPath(p string) (string, bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	if p == "" {
		return "", true
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

// loopbackName reports whether a Host header names this computer: localhost or a loopback
// address, with any port.
func loopbackName(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
