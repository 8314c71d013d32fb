package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"bindery/book/diag"

	urfave "github.com/urfave/cli/v2"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal. Tests replace it.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// useColour reports whether to colour what is written to w: only on a terminal, and never
// with NO_COLOR set (no-color.org) or on a dumb terminal.
func useColour(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// ANSI styles, as compilers colour their diagnostics.
const (
	bold    = "\x1b[1m"
	red     = "\x1b[1;31m"
	magenta = "\x1b[1;35m"
	green   = "\x1b[1;32m"
	reset   = "\x1b[0m"
)

func paint(colour bool, style, s string) string {
	if !colour || s == "" {
		return s
	}
	return style + s + reset
}

// formatDiag formats a diagnostic as file:line:col: severity: message, the place in bold and the
// severity in red (error) or magenta (warning) when colour is on. The file name and the
// message are shown as diag.Visible and diag.VisibleFile say: a book cannot move the cursor, set the
// terminal's title or forge a line of its own.
func formatDiag(d diag.Diagnostic, colour bool) string {
	d.Pos.File = diag.VisibleFile(d.Pos.File)
	d.Message = diag.Visible(d.Message)
	if !colour {
		return d.String()
	}
	sev := paint(true, red, d.Severity.String())
	if d.Severity == diag.Warning {
		sev = paint(true, magenta, d.Severity.String())
	}
	if where := d.Pos.String(); where != "" {
		return fmt.Sprintf("%s %s: %s", paint(true, bold, where+":"), sev, d.Message)
	}
	return fmt.Sprintf("%s: %s", sev, d.Message)
}

// hintedExit is a failure whose message is followed by lines of advice; each line is shown
// as diag.Visible says, so that only bindery's own lines break the output.
type hintedExit struct {
	msg   string
	hints []string
	code  int
}

func (e hintedExit) Error() string { return e.msg + "\n" + strings.Join(e.hints, "\n") }
func (e hintedExit) ExitCode() int { return e.code }

// printExit prints the message of a failure, as the last thing bindery says.
func printExit(w io.Writer, err error) {
	var h hintedExit
	if errors.As(err, &h) {
		fmt.Fprintf(w, "bindery: %s\n", diag.Visible(h.msg))
		for _, l := range h.hints {
			fmt.Fprintf(w, "  %s\n", diag.Visible(l))
		}
		return
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(w, "bindery: %s\n", diag.Visible(msg))
	}
}

// jsonDiagnostic is a diagnostic as --json prints it. Line and column are 0 when unknown.
type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// reportJSON prints the diagnostics of a build or check, and err when it is not one of them
// (no book.yaml, an unwritable folder), as one JSON array on w. It returns the exit status
// to end with: 1 if anything failed. Usage mistakes (status 2) stay plain messages.
func reportJSON(w io.Writer, list diag.List, err error) error {
	var ec urfave.ExitCoder
	if errors.As(err, &ec) && ec.ExitCode() == 2 {
		return err
	}
	out := []jsonDiagnostic{}
	for _, d := range list {
		out = append(out, jsonDiagnostic{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Message})
	}
	if _, isList := diag.AsList(err); err != nil && !isList {
		out = append(out, jsonDiagnostic{Severity: "error", Message: err.Error()})
	}
	data, merr := json.MarshalIndent(out, "", "  ")
	if merr != nil {
		return merr
	}
	fmt.Fprintf(w, "%s\n", data)
	if err != nil || list.HasErrors() {
		return urfave.Exit("", 1)
	}
	return nil
}

// progressDelay is how long a build runs before the progress display shows: quick builds show
// nothing. Tests shorten it.
var progressDelay = 500 * time.Millisecond

// progress is a one-line display of a long build's stage and time on a terminal, redrawn in
// place and cleared at the end. A nil progress shows nothing.
type progress struct {
	w           io.Writer
	mu          sync.Mutex
	stageName   string
	done, total int
	start       time.Time
	shown       bool
	quit        chan struct{}
	finished    sync.WaitGroup
}

// startProgress starts the display on w if it is a terminal and enabled is set.
func startProgress(w io.Writer, enabled bool) *progress {
	if !enabled || !isTerminal(w) || os.Getenv("TERM") == "dumb" {
		return nil
	}
	p := &progress{w: w, start: time.Now(), quit: make(chan struct{})}
	p.finished.Add(1)
	go func() {
		defer p.finished.Done()
		if progressDelay > 0 { // (tests set none, and then the first stage always shows)
			delay := time.NewTimer(progressDelay)
			defer delay.Stop()
			select {
			case <-p.quit:
				return
			case <-delay.C:
			}
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			p.draw()
			select {
			case <-p.quit:
				return
			case <-tick.C:
			}
		}
	}()
	return p
}

// stage is pipeline.Options.Progress: a stage begins.
func (p *progress) stage(name string, done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.stageName, p.done, p.total = name, done, total
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	steps := ""
	if p.total > 1 {
		steps = fmt.Sprintf(" (%d/%d)", p.done+1, p.total)
	}
	// \r returns to the start of the line, \x1b[K clears it.
	fmt.Fprintf(p.w, "\r\x1b[Kbindery: %s…%s %.1f s", p.stageName, steps, time.Since(p.start).Seconds())
	p.shown = true
}

// stop ends the display and clears its line, so that what follows starts on a clean line.
func (p *progress) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	p.finished.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// formatPos is a position as file:line:col, its file name as diag.VisibleFile shows it.
func formatPos(p diag.Pos) string {
	p.File = diag.VisibleFile(p.File)
	return p.String()
}
