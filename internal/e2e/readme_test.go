package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// readmeExample is one of README.md's examples of what bindery prints, made by running it: a
// book, edits to it, and a command run in the book's folder. For watch and serve, each edit
// is made after the build before it has been reported, and the session ends with Ctrl-C.
type readmeExample struct {
	name  string
	book  string     // a folder under testdata/readme, or "" for the starter bindery init writes
	edits []textEdit // before the command (check, build), or one per rebuild (watch, serve)
	args  []string
	fence string // the code block's info string
	// A session's clock times and durations are the only parts not the run's own (they
	// differ in every run): the first build is at start, each next one a step later, and
	// that succeeded takes the next of ms (measured with a static build on the 2-core machine,
	// 2026-12-02).
	start, step int // seconds since midnight
	ms          []int
}

// textEdit replaces the first old in a file of the book by new; with old "", it writes a new
// file.
type textEdit struct{ file, old, new string }

var readmeExamples = []readmeExample{
	{
		name: "serve", args: []string{"serve", "--port", "0"},
		edits: []textEdit{
			{"01-the-codex.md", "[](#press-to-screen)", "[](#press-to-scren)"},
			{"01-the-codex.md", "[](#press-to-scren)", "[](#press-to-screen)"},
			{"book.yaml", "subtitle:", "subtitel:"},
			{"book.yaml", "subtitel:", "subtitle:"},
		},
		start: 6*3600 + 58*60, step: 4, ms: []int{29, 12, 9, 21},
	},
	{
		name: "check", args: []string{"check"},
		edits: []textEdit{
			{"book.yaml", "subtitle:", "subtitel:"},
			{"01-the-codex.md", "[](#press-to-screen)", "[](#press-to-scren)"},
			{"chronology.yaml", "  anchor: c-press", "  ancor: c-press"},
			{"index.yaml", "see_also: [scroll]", "see_also: [scrol]"},
			{"03-the-screen.md", "", "# The screen\n"},
		},
	},
	{
		name: "watch", book: "my-novel", args: []string{"watch"},
		edits: []textEdit{
			{"chapter-one.md", "a dark and stormy night", "a dark and windy night"},
			{"book.yaml", "  - chapter-one.md", "  - chapter-one.md\n  - chapter-two.md"},
		},
		start: 10*3600 + 41*60 + 7, step: 23, ms: []int{27, 4},
	},
	{
		name: "json", book: "my-novel", args: []string{"build", "--json"}, fence: "json",
		edits: []textEdit{{"book.yaml", "  - chapter-one.md", "  - chapter-one.md\n  - chapter-two.md"}},
	},
}

// exampleMarker opens a generated example in README.md; endMarker closes it.
var exampleMarker = regexp.MustCompile(`(?m)^<!-- example "([a-z-]+)": .* -->\n`)

const endMarker = "<!-- end of example -->\n"

// TestREADMEExamples runs bindery for each of README.md's examples of its diagnostics and
// sessions and fails when the README shows anything else; -update rewrites them.
func TestREADMEExamples(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the sessions end with SIGINT, and README shows Unix paths")
	}
	bin := builtBinary(t)
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	var out strings.Builder
	seen := map[string]bool{}
	for {
		loc := exampleMarker.FindStringSubmatchIndex(text)
		if loc == nil {
			out.WriteString(text)
			break
		}
		name := text[loc[2]:loc[3]]
		end := strings.Index(text[loc[1]:], endMarker)
		if end < 0 {
			t.Fatalf("README.md: example %q has no %q", name, strings.TrimSpace(endMarker))
		}
		i := slices.IndexFunc(readmeExamples, func(e readmeExample) bool { return e.name == name })
		if i < 0 {
			t.Fatalf("README.md: no example is called %q", name)
		}
		seen[name] = true
		shown := text[loc[1] : loc[1]+end]
		made := readmeExamples[i].run(t, bin)
		if made != shown && !*update {
			t.Errorf("README.md's example %q is not what bindery prints (go test ./internal/e2e -run TestREADMEExamples -update, and read the diff):\n%s", name, made)
		}
		out.WriteString(text[:loc[1]] + made + endMarker)
		text = text[loc[1]+end+len(endMarker):]
	}
	for _, e := range readmeExamples {
		if !seen[e.name] {
			t.Errorf("README.md has no example %q", e.name)
		}
	}
	if *update {
		if err := os.WriteFile("README.md", []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// run makes the example: its book in a new folder, the edits, the command; it returns the
// code block as README.md shows it.
func (e readmeExample) run(t *testing.T, bin string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "book")
	if e.book == "" {
		if code, _, stderr := run(t, "init", dir); code != 0 {
			t.Fatalf("init: %s", stderr)
		}
	} else if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", "readme", e.book))); err != nil {
		t.Fatal(err)
	}
	edit := func(ed textEdit) {
		path := filepath.Join(dir, ed.file)
		data, err := os.ReadFile(path)
		if ed.old == "" && err == nil {
			t.Fatalf("example %q: %s is there already", e.name, ed.file)
		}
		if ed.old != "" && !bytes.Contains(data, []byte(ed.old)) {
			t.Fatalf("example %q: %s has no %q", e.name, ed.file, ed.old)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(ed.old), []byte(ed.new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, e.args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=", "NO_COLOR=1")
	var text string
	if e.args[0] != "watch" && e.args[0] != "serve" {
		for _, ed := range e.edits {
			edit(ed)
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
			t.Fatalf("example %q: %v\n%s", e.name, err, stderr.String())
		}
		text = stdout.String() + stderr.String()
		if e.fence == "json" {
			return "```json\n" + text + "```\n"
		}
	} else {
		text = e.session(t, cmd, edit)
	}
	return "```\n$ bindery " + strings.Join(shownArgs(e.args), " ") + "\n" + text + "```\n"
}

// shownArgs are the arguments as README.md shows them: a preview on its usual port.
func shownArgs(args []string) []string {
	if i := slices.Index(args, "--port"); i >= 0 {
		return append(slices.Clone(args[:i]), args[i+2:]...)
	}
	return args
}

// session runs watch or serve, making each edit once the build before it is reported (with
// its diagnostics: they are printed before the next build can start), then stops it as
// Ctrl-C does, and returns what it printed with the example's clock.
func (e readmeExample) session(t *testing.T, cmd *exec.Cmd, edit func(textEdit)) string {
	t.Helper()
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { cmd.Wait(); pw.Close() }()
	defer cmd.Process.Kill()
	var lines []string
	builds := 0
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		lines = append(lines, line)
		if !buildLine.MatchString(line) {
			continue
		}
		if builds == len(e.edits) {
			cmd.Process.Signal(os.Interrupt)
			continue
		}
		// The first edit waits for the watch to start; the watcher is set before the first
		// build, so an edit after it is seen.
		edit(e.edits[builds])
		builds++
	}
	if builds != len(e.edits) {
		t.Fatalf("example %q: the session ended after %d of %d edits:\n%s", e.name, builds, len(e.edits), strings.Join(lines, "\n"))
	}
	return e.withClock(lines)
}

// buildLine is the line a watch prints for each build.
var buildLine = regexp.MustCompile(`^\d\d:\d\d:\d\d (built|rebuilt|build failed|rebuild failed)`)

var (
	clockTime = regexp.MustCompile(`^\d\d:\d\d:\d\d `)
	duration  = regexp.MustCompile(` in \d+ ms`)
	keeps     = regexp.MustCompile(`keeps the outputs of \d\d:\d\d:\d\d`)
	address   = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
)

// withClock gives the session's lines the example's times and durations, the preview its
// usual address, and the ^C a terminal echoes before the last line.
func (e readmeExample) withClock(lines []string) string {
	var b strings.Builder
	n, timed, lastGood := 0, 0, ""
	for i, line := range lines {
		line = address.ReplaceAllString(line, "http://127.0.0.1:3000/")
		if buildLine.MatchString(line) {
			s := e.start + n*e.step
			at := fmt.Sprintf("%02d:%02d:%02d ", s/3600, s/60%60, s%60)
			line = clockTime.ReplaceAllString(line, at)
			if duration.MatchString(line) {
				line = duration.ReplaceAllString(line, fmt.Sprintf(" in %d ms", e.ms[min(timed, len(e.ms)-1)]))
				timed++
			}
			line = keeps.ReplaceAllString(line, "keeps the outputs of "+lastGood)
			if !strings.Contains(line, "failed") {
				lastGood = strings.TrimSpace(at)
			}
			n++
		}
		if i == len(lines)-1 {
			b.WriteString("^C\n")
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
