package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestBrowserPreview opens the preview in headless Chromium, as an author would: the first
// chapter with its contents and one script; a glossary link that leads to its entry; a save
// that changes the open page with no reload asked; a broken save that shows its diagnostic
// in the page, as text, above the last good book; the fix that brings the book back. The
// browser is driven over the DevTools protocol on a pipe (--remote-debugging-pipe): no port,
// no dependency. Skipped where Chromium is not installed (BINDERY_CHROMIUM names another).
func TestBrowserPreview(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	bin := os.Getenv("BINDERY_CHROMIUM")
	if bin == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				bin = p
				break
			}
		}
	}
	if bin == "" {
		t.Skip("no Chromium (apt-get install chromium)")
	}
	dir := starterBook(t)
	r := start(t, dir, Options{})
	b := startBrowser(t, bin)
	tab := b.open(t)

	// The first chapter, from the preview's address.
	tab.navigate(t, r.url)
	tab.check(t, `location.pathname === "/text/codex.xhtml"`)
	tab.check(t, `document.querySelector("h1").textContent === "The codex"`)
	tab.check(t, `document.scripts.length === 1 && document.scripts[0].getAttribute("src") === "/_bindery/preview.js"`)
	tab.check(t, `document.querySelectorAll("#bindery-sidebar a[href='/text/glossary.xhtml'], #bindery-sidebar a[href='/text/index.xhtml'], #bindery-sidebar a[href='/text/chronology.xhtml']").length === 3`)
	tab.check(t, `getComputedStyle(document.getElementById("bindery-sidebar")).position === "fixed"`)

	// A glossary link leads to its entry; back to the chapter.
	tab.click(t, `a[role="doc-glossref"]`)
	tab.check(t, `location.pathname === "/text/glossary.xhtml" && location.hash !== "" && document.getElementById(location.hash.slice(1)) !== null`)
	tab.navigate(t, r.url+"text/codex.xhtml")

	chapter := filepath.Join(dir, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	loads := tab.loads
	saved := time.Now()
	edited := bytes.Replace(text, []byte("A book, as most of us picture it"), []byte("A book, as the browser shows it"), 1)
	writeFile(t, chapter, edited)
	tab.waitFor(t, `document.body.textContent.includes("A book, as the browser shows it")`)
	// Logged, not asserted: the time depends on the machine (the debounce, a build).
	t.Logf("the save was on the page %d ms later, after %d reload(s)", time.Since(saved).Milliseconds(), tab.loads-loads)

	writeFile(t, chapter, append(edited, "\nA mark of no entry: {^<b>Nowhere</b>}.\n"...))
	tab.waitFor(t, `document.getElementById("bindery-diagnostics") !== null`)
	tab.check(t, `document.getElementById("bindery-diagnostics").textContent.includes("01-the-codex.md:36:21: error: index mark {^<b>Nowhere</b>}")`)
	tab.check(t, `document.querySelector("#bindery-diagnostics b") === null && document.scripts.length === 1`)
	tab.check(t, `document.body.textContent.includes("A book, as the browser shows it")`) // the last good book

	writeFile(t, chapter, bytes.Replace(edited, []byte("the browser shows it"), []byte("the mended book shows it"), 1))
	tab.waitFor(t, `document.getElementById("bindery-diagnostics") === null && document.body.textContent.includes("A book, as the mended book shows it")`)

	if len(tab.problems) > 0 {
		t.Errorf("the browser reported:\n%s", strings.Join(tab.problems, "\n"))
	}
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
}

// browser is a headless Chromium driven over the DevTools protocol on a pipe: messages are
// JSON, each ended by a NUL byte, written to its fd 3 and read from its fd 4.
type browser struct {
	to      io.Writer
	mu      sync.Mutex
	next    int
	replies map[int]chan reply
	events  map[string]chan event // by session
}

type reply struct {
	Result json.RawMessage
	Error  *struct{ Message string }
}

type event struct {
	Method string
	Params json.RawMessage
}

func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	toChrome, ours, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromChrome, theirs, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
		"--user-data-dir="+t.TempDir(), "--window-size=1280,900", "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, theirs}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toChrome.Close()
	theirs.Close()
	b := &browser{to: ours, replies: map[int]chan reply{}, events: map[string]chan event{}}
	go b.read(fromChrome)
	t.Cleanup(func() {
		b.call("", "Browser.close", nil)
		ours.Close()
		if err := cmd.Wait(); err != nil {
			t.Logf("chromium: %v\n%s", err, stderr.String())
		}
		fromChrome.Close()
	})
	return b
}

func (b *browser) read(from io.Reader) {
	r := bufio.NewReader(from)
	for {
		msg, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			for id, ch := range b.replies {
				close(ch)
				delete(b.replies, id)
			}
			b.mu.Unlock()
			return
		}
		var m struct {
			ID        int
			SessionID string
			reply
			event
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.replies[m.ID]; ok {
				ch <- m.reply
				delete(b.replies, m.ID)
			}
		} else if ch, ok := b.events[m.SessionID]; ok {
			select {
			case ch <- m.event:
			default: // a test that does not read them does not block the browser
			}
		}
		b.mu.Unlock()
	}
}

// call sends a command (to a page's session, or to the browser for "") and waits for its
// reply.
func (b *browser) call(session, method string, params any) (json.RawMessage, error) {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan reply, 1)
	b.replies[id] = ch
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	_, err := b.to.Write(append(data, 0))
	b.mu.Unlock()
	if err != nil {
		return nil, err
	}
	rep, ok := <-ch
	switch {
	case !ok:
		return nil, errors.New("the browser is gone")
	case rep.Error != nil:
		return nil, fmt.Errorf("%s: %s", method, rep.Error.Message)
	}
	return rep.Result, nil
}

// tab is one page of the browser.
type tab struct {
	b        *browser
	session  string
	events   chan event
	loads    int      // pages loaded, reloads included
	problems []string // exceptions, console errors, refused loads
}

func (b *browser) open(t *testing.T) *tab {
	t.Helper()
	res, err := b.call("", "Target.createTarget", map[string]any{"url": "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	var target struct{ TargetID string }
	json.Unmarshal(res, &target)
	res, err = b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true})
	if err != nil {
		t.Fatal(err)
	}
	var attached struct{ SessionID string }
	json.Unmarshal(res, &attached)
	tb := &tab{b: b, session: attached.SessionID, events: make(chan event, 1000)}
	b.mu.Lock()
	b.events[tb.session] = tb.events
	b.mu.Unlock()
	for _, domain := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		if _, err := b.call(tb.session, domain, nil); err != nil {
			t.Fatal(err)
		}
	}
	return tb
}

// navigate opens url and waits until it has loaded.
func (tb *tab) navigate(t *testing.T, url string) {
	t.Helper()
	if _, err := tb.b.call(tb.session, "Page.navigate", map[string]any{"url": url}); err != nil {
		t.Fatal(err)
	}
	tb.nextLoad(t)
}

// click clicks the first element the selector finds and waits for the page it leads to.
func (tb *tab) click(t *testing.T, selector string) {
	t.Helper()
	sel, _ := json.Marshal(selector)
	tb.check(t, fmt.Sprintf(`(function(){ var a = document.querySelector(%s); if (!a) return false; a.click(); return true })()`, sel))
	tb.nextLoad(t)
}

// nextLoad waits for the next page load of the tab (a navigation or a reload), noting what
// went wrong on the way. Only the test's deadline bounds the wait.
func (tb *tab) nextLoad(t *testing.T) {
	t.Helper()
	for ev := range tb.events {
		switch ev.Method {
		case "Page.loadEventFired":
			tb.loads++
			return
		case "Runtime.exceptionThrown":
			tb.problems = append(tb.problems, "exception: "+string(ev.Params))
		case "Log.entryAdded":
			var e struct {
				Entry struct{ Level, Source, Text, URL string }
			}
			json.Unmarshal(ev.Params, &e)
			if e.Entry.Level == "error" {
				tb.problems = append(tb.problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		case "Runtime.consoleAPICalled":
			var c struct{ Type string }
			json.Unmarshal(ev.Params, &c)
			if c.Type == "error" {
				tb.problems = append(tb.problems, "console: "+string(ev.Params))
			}
		}
	}
	t.Fatal("the browser is gone")
}

// eval evaluates a JavaScript expression in the page and returns whether it is true.
func (tb *tab) eval(t *testing.T, expr string) bool {
	t.Helper()
	res, err := tb.b.call(tb.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Result           struct{ Value any }
		ExceptionDetails any
	}
	json.Unmarshal(res, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("%s: %s", expr, res)
	}
	return r.Result.Value == true
}

func (tb *tab) check(t *testing.T, expr string) {
	t.Helper()
	if !tb.eval(t, expr) {
		t.Fatalf("not so in the browser: %s", expr)
	}
}

// waitFor waits until expr holds on the page, looking again after each reload the preview
// makes (a save may take more than one build to settle), at most 5 reloads.
func (tb *tab) waitFor(t *testing.T, expr string) {
	t.Helper()
	for range 5 {
		tb.nextLoad(t)
		if tb.eval(t, expr) {
			return
		}
	}
	t.Fatalf("not so after 5 reloads: %s", expr)
}
