package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bindery/internal/cli"
	"bindery/manuscript"
)

// starterEPUB and starterPDF are the outputs of the starter book, named after its title.
const (
	starterEPUB = "a-short-book-about-books.epub"
	starterPDF  = "a-short-book-about-books.pdf"
)

// TestInitThenBuild is a new user's first minute: in an empty folder, init, check, build. The
// starter book has no warning, its EPUB passes epubcheck with 0 errors and 0 warnings and its
// PDF passes qpdf --check.
func TestInitThenBuild(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := run(t, "init")
	if code != 0 || !strings.Contains(stdout, "bindery build") {
		t.Fatalf("init: exit %d\n%s%s", code, stdout, stderr)
	}
	yaml, _ := os.ReadFile("book.yaml")
	if bytes.Contains(yaml, []byte("00000000-0000-4000-8000-000000000000")) {
		t.Error("the new book kept the starter's placeholder identifier")
	}
	if code, stdout, _ := run(t, "check"); code != 0 || stdout != "0 errors, 0 warnings\n" {
		t.Fatalf("check: exit %d\n%s", code, stdout)
	}
	code, stdout, stderr = run(t, "build")
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, f := range []string{starterEPUB, starterPDF} {
		if !strings.Contains(stdout, "wrote "+filepath.Join("out", f)) {
			t.Errorf("build did not report out/%s:\n%s", f, stdout)
		}
	}
	epubcheck(t, filepath.Join("out", starterEPUB))
	qpdfCheck(t, filepath.Join("out", starterPDF))
}

func TestInitRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	mine := []byte("# My own chapter\n")
	os.WriteFile(filepath.Join(dir, "glossary.yaml"), mine, 0o644)
	code, _, stderr := run(t, "init", dir)
	if code != 1 || !strings.Contains(stderr, "glossary.yaml") || !strings.Contains(stderr, "never overwrites") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "glossary.yaml")); !bytes.Equal(got, mine) {
		t.Fatal("init changed an existing file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("init wrote %d files next to an existing one", len(entries)-1)
	}
}

// TestInitFromDefault writes the embedded default book: the same files as manuscript/.
func TestInitFromDefault(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pamphlet") // made by init
	if code, stdout, stderr := run(t, "init", "--from-default", dir); code != 0 || !strings.Contains(stdout, "cd "+dir) {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	entries, _ := os.ReadDir("manuscript")
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		n++
		want, _ := os.ReadFile(filepath.Join("manuscript", e.Name()))
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: not the default book's file (%v)", e.Name(), err)
		}
	}
	if written, _ := os.ReadDir(dir); len(written) != n+1 { // and .gitignore
		t.Errorf("init wrote %d files, the default book has %d and .gitignore", len(written), n)
	}
	if _, err := manuscript.Files.Open("embed.go"); err == nil {
		t.Error("the Go file is embedded in the book")
	}
}

// TestBuildOutsideABook: where there is no book (and no manuscript/), bindery says so and
// suggests bindery init.
func TestBuildOutsideABook(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{{}, {"build"}, {"check"}, {"stats"}, {"watch"}} {
		code, _, stderr := run(t, args...)
		if code != 1 || !strings.Contains(stderr, "no book.yaml (nor an mdBook project's book.toml) in this folder") || !strings.Contains(stderr, "bindery init") {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
	if code, _, stderr := run(t, "build", "nowhere"); code != 1 || !strings.Contains(stderr, "nowhere: no such folder") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

var statsGolden = filepath.Join("testdata", "stats.golden.json")

// TestStatsJSON pins `bindery stats --json` on the default book.
// Refresh with: go test ./internal/e2e -run TestStatsJSON -update
func TestStatsJSON(t *testing.T) {
	code, stdout, stderr := run(t, "stats", "--json", "manuscript")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if *update {
		os.WriteFile(statsGolden, []byte(stdout), 0o644)
	}
	want, err := os.ReadFile(statsGolden)
	if err != nil {
		t.Fatal(err)
	}
	if stdout != string(want) {
		t.Fatalf("stats --json differs from %s (-update to accept):\n%s", statsGolden, stdout)
	}
}

func TestStatsTable(t *testing.T) {
	code, stdout, stderr := run(t, "stats", "testdata/books/features")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Features: a test book\n", "words", "(at 238 words a minute)", "print pages", "(A5, 148 × 210 mm)",
		"glossary entries            2\n", "chronology events           2\n", "index entries               4  (and 1 sub-entries)\n",
		"longest paragraph", "testdata/books/features/one.md:3"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in:\n%s", want, stdout)
		}
	}
	if code, _, stderr := run(t, "stats", "testdata/broken"); code != 1 || !strings.Contains(stderr, "error") {
		t.Errorf("stats of a broken book: exit %d: %s", code, stderr)
	}
}

// TestJSONDiagnostics: --json prints one JSON array with file, line, column, severity and
// message, and nothing else on stdout.
func TestJSONDiagnostics(t *testing.T) {
	type jd struct {
		File     string
		Line     int
		Column   int
		Severity string
		Message  string
	}
	parse := func(out string) []jd {
		t.Helper()
		var list []jd
		dec := json.NewDecoder(strings.NewReader(out))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&list); err != nil {
			t.Fatalf("not a JSON array of diagnostics: %v\n%s", err, out)
		}
		if dec.More() {
			t.Fatalf("more than one JSON value:\n%s", out)
		}
		return list
	}
	code, stdout, _ := run(t, "check", "--json", "testdata/broken")
	list := parse(stdout)
	if code != 1 || len(list) == 0 {
		t.Fatalf("check --json: exit %d, %d diagnostics", code, len(list))
	}
	errs := 0
	for _, d := range list {
		if d.File == "" || d.Line == 0 || d.Message == "" || (d.Severity != "error" && d.Severity != "warning") {
			t.Errorf("incomplete diagnostic %+v", d)
		}
		if d.Severity == "error" {
			errs++
		}
	}
	if errs == 0 {
		t.Error("no errors reported for the broken book")
	}
	out := t.TempDir()
	code, stdout, stderr := run(t, "build", "--json", "testdata/broken", "--out", out)
	if code != 1 || len(parse(stdout)) == 0 || stderr != "" {
		t.Errorf("build --json of a broken book: exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr = run(t, "build", "--json", "book/starter/book", "--out", out)
	if code != 0 || strings.TrimSpace(stdout) != "[]" || stderr != "" {
		t.Errorf("build --json of a good book: exit %d\n%s%s", code, stdout, stderr)
	}
	// A failure that is not a diagnostic is one too: the editor shows it.
	code, stdout, _ = run(t, "check", "--json", t.TempDir())
	if l := parse(stdout); code != 1 || len(l) != 1 || !strings.Contains(l[0].Message, "no book.yaml") {
		t.Errorf("check --json of an empty folder: exit %d %+v", code, l)
	}
}

func TestQuiet(t *testing.T) {
	out := t.TempDir()
	// The default book has warnings (index sub-entries with one page): --quiet leaves them out.
	code, stdout, stderr := run(t, "build", "--quiet", "--format", "epub", "--out", out)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("build --quiet: exit %d\nstdout %q\nstderr %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "check", "-q", "testdata/broken")
	if code != 1 || strings.Contains(stdout, "warning") || !strings.Contains(stdout, "error") || strings.Contains(stdout, "errors,") {
		t.Fatalf("check -q: exit %d\n%s", code, stdout)
	}
}

func TestDidYouMean(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"biuld"}, `unknown command "biuld": did you mean build?`},
		{[]string{"chek", "manuscript"}, "did you mean check?"},
		{[]string{"help", "wach"}, "did you mean watch?"},
		{[]string{"build", "--formt", "epub"}, "unknown flag --formt: did you mean --format?"},
		{[]string{"--outt", "x"}, "did you mean --out?"},
		{[]string{"check", "--out", "x"}, "check has no flag --out (build, watch and serve have it)"},
		{[]string{"xyzzy"}, `unknown command "xyzzy" (commands: init, build`},
		{[]string{"manuscript"}, `"manuscript" is a book's folder, not a command: to build it, bindery build manuscript`},
		{[]string{"completion", "bsh"}, "did you mean bash?"},
	} {
		code, _, stderr := run(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
		}
	}
	if code, stdout, _ := run(t, "help", "stats"); code != 0 || !strings.Contains(stdout, "bindery stats [command options] [DIR]") {
		t.Errorf("help stats: exit %d\n%s", code, stdout)
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(stdout, "bindery ") || !strings.Contains(stdout, "built with go1.") {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	// The dependencies' versions: Go records them in a main package's binaries (and its test
	// binaries, where this test ran while the command line was the root package), so ask the
	// binary, as a bug report would.
	out, err := exec.Command(builtBinary(t), "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range []string{"github.com/urfave/cli/v2", "github.com/yuin/goldmark", "github.com/fsnotify/fsnotify"} {
		if !strings.Contains(string(out), dep+" ") {
			t.Errorf("no %s in:\n%s", dep, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{"bash": "complete -o bashdefault", "zsh": "compdef _bindery", "fish": "complete -c bindery"} {
		code, stdout, stderr := run(t, "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("completion %s: exit %d %s\n%s", shell, code, stderr, stdout)
		}
	}
	if code, _, _ := run(t, "completion"); code != 2 {
		t.Errorf("completion without a shell: exit %d", code)
	}
	for _, c := range []struct {
		words []string
		want  []string
		not   string
	}{
		{nil, []string{"init", "build", "watch", "stats"}, "--format"},
		{[]string{"build", "--"}, []string{"--format", "--out", "--impose", "--json", "--help"}, "init"},
		{[]string{"check", "-"}, []string{"--json", "--quiet"}, "--format"},
		{[]string{"build", "--format"}, []string{"epub", "pdf"}, "--out"},
		{[]string{"watch", "--impose"}, []string{"booklet", "A4"}, "--out"},
		{[]string{"completion"}, []string{"bash", "zsh", "fish"}, "build"},
		{[]string{"build", "--out", "dist"}, nil, "build"}, // a folder: the shell completes file names
	} {
		_, stdout, _ := run(t, append(c.words, "--generate-bash-completion")...)
		lines := strings.Fields(stdout)
		for _, w := range c.want {
			if !contains(lines, w) {
				t.Errorf("%v: no %s in %v", c.words, w, lines)
			}
		}
		if contains(lines, c.not) || (c.want == nil && len(lines) > 0) {
			t.Errorf("%v: unexpected completions %v", c.words, lines)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// syncBuffer is a bytes.Buffer safe to write from the watch loop and read from the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitFor waits until the output holds want n times. It sets no time limit of its own (a busy
// machine must not fail the test): it gives up shortly before go test's -timeout would end
// the run, so as to say what it was waiting for.
func waitFor(t *testing.T, out *syncBuffer, want string, n int) {
	t.Helper()
	for strings.Count(out.String(), want) < n {
		if nearTimeout(t) {
			t.Fatalf("no %q (×%d) in the watch's output:\n%s", want, n, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// untilNearTimeout is closed when go test's -timeout is ten seconds away (never without one).
func untilNearTimeout(t *testing.T) <-chan time.Time {
	if deadline, ok := t.Deadline(); ok {
		return time.After(time.Until(deadline) - 10*time.Second)
	}
	return nil
}

// nearTimeout reports whether go test's -timeout is less than ten seconds away.
func nearTimeout(t *testing.T) bool {
	deadline, ok := t.Deadline()
	return ok && time.Until(deadline) < 10*time.Second
}

// TestWatchRebuildsAndKeepsOutputs drives `bindery watch`: an edited chapter is rebuilt once
// and its new text is in the EPUB; a broken manuscript gets its diagnostic and the outputs of
// the last good build stay as they were; a fix builds again; cancelling stops cleanly.
func TestWatchRebuildsAndKeepsOutputs(t *testing.T) {
	book := t.TempDir()
	run(t, "init", book)
	out := filepath.Join(book, "out") // in the book's folder, as for a user: must not trigger rebuilds
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- cli.Run(ctx, []string{"bindery", "watch", book, "--out", out}, strings.NewReader(""), &stdout, &stderr)
	}()
	waitFor(t, &stdout, "watching ", 1)
	if !strings.Contains(stdout.String(), " built in ") {
		t.Fatalf("no first build:\n%s", stdout.String())
	}

	// An editor that saves by writing a temporary file and renaming it over the chapter.
	chapter := filepath.Join(book, "01-the-codex.md")
	text, _ := os.ReadFile(chapter)
	edited := bytes.Replace(text, []byte("A book, as most of us picture it"), []byte("A book, as the watch test pictures it"), 1)
	tmp := filepath.Join(book, ".01-the-codex.md.swp")
	os.WriteFile(tmp, edited, 0o644)
	os.Rename(tmp, chapter)
	waitFor(t, &stdout, " rebuilt in ", 1)
	epub, _ := os.ReadFile(filepath.Join(out, starterEPUB))
	if !bytes.Contains(unzipEntry(t, epub, "OEBPS/text/codex.xhtml"), []byte("as the watch test pictures it")) {
		t.Fatal("the rebuilt EPUB does not have the new text")
	}
	pdf, _ := os.ReadFile(filepath.Join(out, starterPDF))
	if !strings.Contains(stdout.String(), "(01-the-codex.md)") {
		t.Errorf("the rebuild does not name the changed file:\n%s", stdout.String())
	}

	// Break it: a chapter listed in book.yaml is removed.
	chapter2, _ := os.ReadFile(filepath.Join(book, "02-from-press-to-screen.md"))
	os.Remove(filepath.Join(book, "02-from-press-to-screen.md"))
	waitFor(t, &stdout, " rebuild failed ", 1)
	waitFor(t, &stdout, "error: 02-from-press-to-screen.md: no such file", 1)
	if !strings.Contains(stdout.String(), "keeps the outputs of ") {
		t.Errorf("the failure does not say the outputs were kept:\n%s", stdout.String())
	}
	if now, _ := os.ReadFile(filepath.Join(out, starterEPUB)); !bytes.Equal(now, epub) {
		t.Error("a failed rebuild changed the EPUB")
	}
	if now, _ := os.ReadFile(filepath.Join(out, starterPDF)); !bytes.Equal(now, pdf) {
		t.Error("a failed rebuild changed the PDF")
	}

	// Mend it: the chapter comes back. One rebuild, not one per event of the save.
	os.WriteFile(filepath.Join(book, "02-from-press-to-screen.md"), chapter2, 0o644)
	waitFor(t, &stdout, " rebuilt in ", 2)
	time.Sleep(500 * time.Millisecond) // time enough for a spurious second rebuild
	if n := strings.Count(stdout.String(), " rebuil"); n != 3 {
		t.Errorf("%d rebuilds for 3 changes:\n%s", n, stdout.String())
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.HasSuffix(stdout.String(), "stopped watching\n") {
			t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
		}
	case <-untilNearTimeout(t):
		t.Fatal("watch did not stop when cancelled")
	}
}

// TestWatchCtrlC: Ctrl-C stops bindery watch with exit status 0 and one line.
func TestWatchCtrlC(t *testing.T) {
	bin := builtBinary(t)
	book := t.TempDir()
	run(t, "init", book)
	cmd := exec.Command(bin, "watch", book, "--out", t.TempDir())
	var stdout syncBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &stdout, "watching ", 1)
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v\n%s", err, stdout.String())
	}
	if !strings.HasSuffix(stdout.String(), "(Ctrl-C to stop)\nstopped watching\n") {
		t.Fatalf("output:\n%s", stdout.String())
	}
}

// TestBashCompletionScript loads the bash script in bash and completes as a user would.
func TestBashCompletionScript(t *testing.T) {
	bin := builtBinary(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	script := `source <(bindery completion bash)
COMP_WORDS=(bindery bu); COMP_CWORD=1; _bindery_complete; echo "1:${COMPREPLY[*]}"
COMP_WORDS=(bindery build --for); COMP_CWORD=2; _bindery_complete; echo "2:${COMPREPLY[*]}"
COMP_WORDS=(bindery build --format ep); COMP_CWORD=3; _bindery_complete; echo "3:${COMPREPLY[*]}"`
	cmd := exec.Command("bash", "-c", script)
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if want := "1:build\n2:--format\n3:epub epub,pdf\n"; string(out) != want {
		t.Fatalf("got\n%swant\n%s", out, want)
	}
}

// epubcheck runs epubcheck on an EPUB: 0 errors, 0 warnings. It fails, not skips, in CI when
// epubcheck is missing.
func epubcheck(t *testing.T, path string) {
	t.Helper()
	jar := epubcheckJar()
	if jar == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("epubcheck is not installed (apt-get install epubcheck)")
		}
		t.Skip("epubcheck is not installed")
	}
	// A short run: the JIT's first tier and the serial collector start fastest.
	res, err := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, path).CombinedOutput()
	if err != nil || !strings.Contains(string(res), "0 fatals / 0 errors / 0 warnings") {
		t.Fatalf("epubcheck %s: %v\n%s", path, err, res)
	}
}

// qpdfCheck runs qpdf --check on a PDF.
func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	needTool(t, "qpdf", "qpdf")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
}

// TestInitInSpanish writes the starter in Spanish, which builds into an EPUB and a PDF in
// Spanish; an unknown language is a usage error naming the languages there are.
func TestInitInSpanish(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, _, stderr := run(t, "init", "--language", "tlh"); code != 2 || !strings.Contains(stderr, "en, es") {
		t.Fatalf("init --language tlh: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := run(t, "init", "--language", "es")
	if code != 0 || !strings.Contains(stdout, "01-el-codice.md") {
		t.Fatalf("init --language es: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := run(t, "check"); code != 0 || stdout != "0 errors, 0 warnings\n" {
		t.Fatalf("check: exit %d\n%s", code, stdout)
	}
	if code, stdout, stderr := run(t, "build"); code != 0 || stderr != "" {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	epub := filepath.Join("out", "un-breve-libro-sobre-los-libros.epub")
	epubcheck(t, epub)
	qpdfCheck(t, filepath.Join("out", "un-breve-libro-sobre-los-libros.pdf"))
}

// TestBuildClean: after a new title, build names the old outputs and the flag once;
// build --clean removes them and says so.
func TestBuildClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "book")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := run(t, "build", dir, "--out", out, "--format", "epub"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	yaml := filepath.Join(dir, "book.yaml")
	data, _ := os.ReadFile(yaml)
	os.WriteFile(yaml, bytes.Replace(data, []byte("title: A Short Book About Books"), []byte("title: Renamed"), 1), 0o644)
	code, stdout, stderr := run(t, "build", dir, "--out", out, "--format", "epub")
	if code != 0 || strings.Count(stderr, "--clean") != 1 || !strings.Contains(stderr, "note: "+out+"/ still holds a-short-book-about-books.epub") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "build", dir, "--out", out, "--format", "epub", "--clean")
	if code != 0 || !strings.Contains(stdout, "removed "+filepath.Join(out, "a-short-book-about-books.epub")+"\n") || strings.Contains(stderr, "note:") {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "renamed.epub")); err != nil {
		t.Fatal(err)
	}
}
