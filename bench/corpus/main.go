// Command corpus builds a corpus of real manuscripts, written for other tools, with the
// bindery of a given repository's HEAD, and reports for each book: refusal, warnings by kind,
// epubcheck, qpdf --check, and the words kept in the EPUB and the PDF (bench/wordcheck).
//
//	go run ./bench/corpus [-main /work/main] [-work /work/corpus] [-publish] [book…]
//
// Each book is a recipe in bench/corpus/recipes (see lib.sh); its text comes from a snapshot
// of its repository fetched beforehand (the search tool's fetch) and is never committed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

type recipe struct {
	Path, Name, Repo, Commit, Licence, Kind, Why, BookDir string
}

type diagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type retention struct {
	Retention float64 `json:"retention"`
	Words     int     `json:"words"`
	Lost      int     `json:"lost"`
	AltFound  int     `json:"alt_found"`
	Error     string  `json:"error"`
}

type result struct {
	recipe
	Mode        string // how the folder was given to bindery
	PrepareErr  string
	CheckStatus int
	Diags       []diagnostic
	BuildStatus int
	BuildErrs   []diagnostic
	BuildTime   time.Duration
	Epubcheck   string // "0/0" errors/warnings, or what went wrong
	EpubMsgs    []string
	Qpdf        string
	Pages       string
	Words       struct {
		SourceWords int        `json:"source_words"`
		AltWords    int        `json:"alt_words"`
		SourceLinks int        `json:"source_links"`
		EPUBLinks   int        `json:"epub_links"`
		EPUB        *retention `json:"epub"`
		PDF         *retention `json:"pdf"`
	}
	Details string // wordcheck's Markdown details
}

var (
	mainDir = flag.String("main", "/work/main", "the bindery repository whose HEAD is measured")
	workDir = flag.String("work", "/work/corpus", "where books, builds and results go (outside the repository)")
	publish = flag.Bool("publish", false, "also write the summary to bench/corpus/RESULTS.md")
)

func main() {
	flag.Parse()
	here, err := os.Getwd()
	check(err)
	root := moduleRoot(here)
	commit := strings.TrimSpace(run("", "git", "-C", *mainDir, "rev-parse", "HEAD"))
	subject := strings.TrimSpace(run("", "git", "-C", *mainDir, "log", "-1", "--format=%cs %s", "HEAD"))
	short := commit[:7]
	runCommit = short
	bin := filepath.Join(*workDir, "bin")
	check(os.MkdirAll(bin, 0o755))
	bindery := filepath.Join(bin, "bindery-"+short)
	if _, err := os.Stat(bindery); err != nil {
		// Build the commit, not the work tree: others edit /work/main while we measure.
		src := filepath.Join(*workDir, "src-"+short)
		os.RemoveAll(src)
		check(os.MkdirAll(src, 0o755))
		run("", "bash", "-c", fmt.Sprintf("git -C %q archive %s | tar -x -C %q", *mainDir, commit, src))
		run(src, "go", "build", "-o", bindery, ".")
		os.RemoveAll(src)
	}
	wordcheck := filepath.Join(bin, "wordcheck")
	run(root, "go", "build", "-o", wordcheck, "./bench/wordcheck/cmd/wordcheck")

	recipes := loadRecipes(filepath.Join(root, "bench/corpus"))
	if flag.NArg() > 0 {
		want := map[string]bool{}
		for _, a := range flag.Args() {
			want[a] = true
		}
		var keep []recipe
		for _, r := range recipes {
			if want[r.Name] {
				keep = append(keep, r)
			}
		}
		recipes = keep
	}
	stamp := time.Now().UTC().Format("20060102-150405")
	resDir := filepath.Join(*workDir, "results", stamp+"-"+short)
	check(os.MkdirAll(filepath.Join(resDir, "books"), 0o755))
	var results []*result
	for _, r := range recipes {
		fmt.Fprintf(os.Stderr, "== %s\n", r.Name)
		res := measure(root, r, bindery, wordcheck)
		results = append(results, res)
		check(os.WriteFile(filepath.Join(resDir, "books", r.Name+".md"), []byte(bookDetails(res)), 0o644))
	}
	summary := summarize(results, commit, subject)
	rows := digest(results)
	if prev := previousDigest(filepath.Join(*workDir, "results"), resDir); prev != nil {
		summary += changes(prev, rows)
	}
	j, _ := json.MarshalIndent(rows, "", " ")
	check(os.WriteFile(filepath.Join(resDir, "digest.json"), j, 0o644))
	check(os.WriteFile(filepath.Join(resDir, "summary.md"), []byte(summary), 0o644))
	var all strings.Builder
	all.WriteString(summary)
	for _, res := range results {
		all.WriteString("\n" + bookDetails(res))
	}
	check(os.WriteFile(filepath.Join(resDir, "report.md"), []byte(all.String()), 0o644))
	if *publish {
		check(os.WriteFile(filepath.Join(root, "bench/corpus/RESULTS.md"), []byte(all.String()), 0o644))
	}
	fmt.Print(summary)
	fmt.Fprintf(os.Stderr, "details: %s\n", filepath.Join(resDir, "report.md"))
}

// row is what one run says of one book, to compare runs.
type row struct {
	Commit, Build, Epubcheck, Qpdf string
	EPUB, PDF                      float64 // retention, -1 when not measured
	Errors, Warnings               int
}

var runCommit string

func digest(rs []*result) map[string]row {
	m := map[string]row{}
	for _, r := range rs {
		x := row{Commit: runCommit, Build: "ok", Epubcheck: r.Epubcheck, Qpdf: r.Qpdf, EPUB: -1, PDF: -1,
			Errors: nsev(r.Diags, "error"), Warnings: nsev(r.Diags, "warning")}
		if r.PrepareErr != "" {
			x.Build = "not prepared"
		} else if r.BuildStatus != 0 {
			x.Build = "refused"
		}
		if e := r.Words.EPUB; e != nil && e.Error == "" {
			x.EPUB = e.Retention
		}
		if p := r.Words.PDF; p != nil && p.Error == "" {
			x.PDF = p.Retention
		}
		m[r.Name] = x
	}
	return m
}

// previousDigest reads, for each book, what the latest earlier run that measured it said.
func previousDigest(dir, this string) map[string]row {
	runs, _ := filepath.Glob(filepath.Join(dir, "*", "digest.json"))
	sort.Strings(runs)
	var all map[string]row
	for i := len(runs) - 1; i >= 0; i-- {
		if filepath.Dir(runs[i]) == this {
			continue
		}
		b, err := os.ReadFile(runs[i])
		if err != nil {
			continue
		}
		var m map[string]row
		if json.Unmarshal(b, &m) != nil {
			continue
		}
		if all == nil {
			all = map[string]row{}
		}
		for k, v := range m {
			if _, ok := all[k]; !ok {
				all[k] = v
			}
		}
	}
	return all
}

// changes lists what differs from the previous run, book by book.
func changes(prev, cur map[string]row) string {
	names := make([]string, 0, len(cur))
	for n := range cur {
		names = append(names, n)
	}
	sort.Strings(names)
	f := func(v float64) string {
		if v < 0 {
			return "—"
		}
		return fmt.Sprintf("%.3f %%", 100*v)
	}
	var b strings.Builder
	for _, n := range names {
		c, p := cur[n], prev[n]
		if _, ok := prev[n]; !ok {
			fmt.Fprintf(&b, "- %s: new in the corpus\n", n)
			continue
		}
		var d []string
		if c.Build != p.Build {
			d = append(d, fmt.Sprintf("build %s → %s", p.Build, c.Build))
		}
		if c.EPUB != p.EPUB {
			d = append(d, fmt.Sprintf("EPUB %s → %s", f(p.EPUB), f(c.EPUB)))
		}
		if c.PDF != p.PDF {
			d = append(d, fmt.Sprintf("PDF %s → %s", f(p.PDF), f(c.PDF)))
		}
		if c.Epubcheck != p.Epubcheck {
			d = append(d, fmt.Sprintf("epubcheck %s → %s", p.Epubcheck, c.Epubcheck))
		}
		if c.Qpdf != p.Qpdf {
			d = append(d, fmt.Sprintf("qpdf %s → %s", p.Qpdf, c.Qpdf))
		}
		if c.Errors != p.Errors || c.Warnings != p.Warnings {
			d = append(d, fmt.Sprintf("check %d/%d → %d/%d", p.Errors, p.Warnings, c.Errors, c.Warnings))
		}
		if len(d) > 0 {
			fmt.Fprintf(&b, "- %s (since %s): %s\n", n, p.Commit, strings.Join(d, "; "))
		}
	}
	if b.Len() == 0 {
		return "\nNo change from the previous run.\n"
	}
	return "\nChanges from the previous run:\n\n" + b.String()
}

func moduleRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if d == filepath.Dir(d) {
			fmt.Fprintln(os.Stderr, "corpus: run inside the bindery repository")
			os.Exit(2)
		}
	}
}

func loadRecipes(dir string) []recipe {
	paths, _ := filepath.Glob(filepath.Join(dir, "recipes", "*.sh"))
	sort.Strings(paths)
	var rs []recipe
	for _, p := range paths {
		out := run(dir, "bash", "-c", `source ./lib.sh; source "$1"; printf '%s\n' "$NAME" "$REPO" "$COMMIT" "$LICENCE" "$KIND" "$WHY" "${BOOKDIR:-.}"`, "-", p)
		f := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(f) != 7 {
			fmt.Fprintf(os.Stderr, "corpus: %s: want NAME, REPO, COMMIT, LICENCE, KIND, WHY on one line each\n", p)
			os.Exit(1)
		}
		rs = append(rs, recipe{Path: p, Name: f[0], Repo: f[1], Commit: f[2], Licence: f[3], Kind: f[4], Why: f[5], BookDir: f[6]})
	}
	return rs
}

func measure(root string, r recipe, bindery, wordcheck string) *result {
	res := &result{recipe: r}
	top := filepath.Join(*workDir, "books", r.Name)
	dest := filepath.Join(top, r.BookDir) // the book's folder
	out := filepath.Join(*workDir, "out", r.Name)
	os.RemoveAll(top)
	os.RemoveAll(out)
	check(os.MkdirAll(top, 0o755))
	env := []string{"DEST=" + top, "WORDCHECK=" + wordcheck}
	prep := func(fn string) error {
		c := exec.Command("bash", "-c", `set -e; source ./lib.sh; source "$1"; `+fn, "-", r.Path)
		c.Dir = filepath.Join(root, "bench/corpus")
		c.Env = append(os.Environ(), env...)
		b, err := c.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v: %s", err, b)
		}
		return nil
	}
	if err := prep("prepare"); err != nil {
		res.PrepareErr = err.Error()
		return res
	}
	res.Mode = "book.yaml written by the recipe"
	if r.Kind == "mdbook" {
		res.Mode = "as is (book.toml, SUMMARY.md)"
		st, diags := checkBook(bindery, dest)
		if st != 0 && mentionsBookYAML(diags) {
			if err := prep("mdbook_yaml"); err != nil {
				res.PrepareErr = err.Error()
				return res
			}
			res.Mode = "book.yaml from SUMMARY.md (bindery did not read the mdBook project)"
		}
	}
	res.CheckStatus, res.Diags = checkBook(bindery, dest)

	t0 := time.Now()
	var stdout bytes.Buffer
	c := exec.Command(bindery, "build", dest, "--out", out, "--json")
	c.Stdout = &stdout
	res.BuildStatus = exitStatus(c.Run())
	res.BuildTime = time.Since(t0)
	var bd []diagnostic
	json.Unmarshal(stdout.Bytes(), &bd)
	for _, d := range bd {
		if d.Severity == "error" {
			res.BuildErrs = append(res.BuildErrs, d)
		}
	}
	epub := first(filepath.Join(out, "*.epub"))
	pdf := first(filepath.Join(out, "*.pdf"))
	if epub != "" {
		res.Epubcheck, res.EpubMsgs = epubcheck(epub)
	}
	if pdf != "" {
		c := exec.Command("qpdf", "--check", pdf)
		b, err := c.CombinedOutput()
		switch exitStatus(err) {
		case 0:
			res.Qpdf = "clean"
		case 3:
			res.Qpdf = "warnings"
		default:
			res.Qpdf = "errors: " + lastLine(string(b))
		}
		info, _ := exec.Command("pdfinfo", pdf).Output()
		if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			res.Pages = string(m[1])
		}
	}
	{
		os.MkdirAll(out, 0o755)
		args := []string{"-top", "15", "-json", filepath.Join(out, "words.json"), "-md", filepath.Join(out, "words.md")}
		if epub != "" {
			args = append(args, "-epub", epub)
		}
		if pdf != "" {
			args = append(args, "-pdf", pdf)
		}
		c := exec.Command(wordcheck, append(args, dest)...)
		if b, err := c.CombinedOutput(); err != nil {
			res.Details = "wordcheck failed: " + string(b)
		} else {
			j, _ := os.ReadFile(filepath.Join(out, "words.json"))
			json.Unmarshal(j, &res.Words)
			d, _ := os.ReadFile(filepath.Join(out, "words.md"))
			res.Details = string(d)
		}
	}
	return res
}

func checkBook(bindery, dir string) (int, []diagnostic) {
	var stdout bytes.Buffer
	c := exec.Command(bindery, "check", dir, "--json")
	c.Stdout = &stdout
	st := exitStatus(c.Run())
	var ds []diagnostic
	json.Unmarshal(stdout.Bytes(), &ds)
	return st, ds
}

func mentionsBookYAML(ds []diagnostic) bool {
	for _, d := range ds {
		if strings.Contains(d.Message, "book.yaml") {
			return true
		}
	}
	return len(ds) == 0
}

var epubMessages = regexp.MustCompile(`Messages:\s*(\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

func epubcheck(file string) (string, []string) {
	// A quick-starting JVM: epubcheck runs once per book on a shared machine.
	c := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "/usr/share/java/epubcheck.jar", file)
	b, _ := c.CombinedOutput()
	var msgs []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "ERROR") || strings.HasPrefix(l, "FATAL") || strings.HasPrefix(l, "WARNING") {
			msgs = append(msgs, l)
		}
	}
	m := epubMessages.FindStringSubmatch(string(b))
	if m == nil {
		if strings.Contains(string(b), "No errors or warnings detected") {
			return "0/0", nil
		}
		return "did not run: " + lastLine(string(b)), msgs
	}
	fatal, _ := strconv.Atoi(m[1])
	errs, _ := strconv.Atoi(m[2])
	return fmt.Sprintf("%d/%s", fatal+errs, m[3]), msgs
}

// kind is a diagnostic's message with its particulars (quoted text, numbers) taken out, so that
// messages of one sort count together.
var particulars = regexp.MustCompile("\"[^\"]*\"|“[^”]*”|‘[^’]*’|`[^`]*`|'[^']*'|<[^>]*>|\\([^)]*\\)|U\\+[0-9A-F]{4,6}|\\b[0-9]+\\b|\\S+\\.(md|markdown|png|jpg|svg|gif|html|rs)\\S*")

func kind(d diagnostic) string {
	m := d.Message
	if i := strings.Index(m, " (and "); i > 0 {
		m = m[:i]
	}
	// "a line is wider than the measure: Value": what follows the colon is the particular.
	if i := strings.Index(m, ": "); i >= 12 && len(m)-i < 40 {
		m = m[:i] + ": …"
	}
	m = particulars.ReplaceAllString(m, "…")
	if len(m) > 90 {
		m = m[:90] + "…"
	}
	return m
}

type count struct {
	Kind string
	N    int
	At   diagnostic
}

func kinds(ds []diagnostic, severity string) []count {
	idx := map[string]int{}
	var cs []count
	for _, d := range ds {
		if d.Severity != severity {
			continue
		}
		k := kind(d)
		i, ok := idx[k]
		if !ok {
			i = len(cs)
			idx[k] = i
			cs = append(cs, count{Kind: k, At: d})
		}
		cs[i].N++
	}
	sort.SliceStable(cs, func(a, b int) bool { return cs[a].N > cs[b].N })
	return cs
}

func nsev(ds []diagnostic, severity string) int {
	n := 0
	for _, d := range ds {
		if d.Severity == severity {
			n++
		}
	}
	return n
}

func pct(r *retention) string {
	switch {
	case r == nil:
		return "—"
	case r.Error != "":
		return "error"
	}
	// Truncated, not rounded: 99.999 % is not shown as 100 %.
	s := fmt.Sprintf("%.2f %%", math.Floor(10000*r.Retention)/100)
	if r.Lost == 0 {
		s = "100 %"
	}
	if r.Retention < 0.999 {
		s = "**" + s + "**"
	}
	return s
}

func summarize(rs []*result, commit, subject string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Corpus run: bindery %s (%s)\n\n", commit[:7], subject)
	fmt.Fprintf(&b, "Run %s. Words kept are source words found in the output as multisets (bench/wordcheck); the bar is 99.9 %%. "+
		"\"mdbook (yaml)\": bindery did not read the mdBook project, so it was given a book.yaml listing SUMMARY.md's files "+
		"(includes and hidden lines are then bindery's to miss). Check E/W: errors/warnings of `bindery check`. "+
		"Image text: words of image descriptions and titles found in each output. "+
		"Links: links within the book (no scheme) in the EPUB's chapters / in the source; a link to another site's relative page is kept as text.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	b.WriteString("| book | kind | words | check E/W | build | epubcheck E/W | qpdf | pages | EPUB words kept | PDF words kept | image text EPUB/PDF | links EPUB/source | top warning |\n")
	b.WriteString("|---|---|---:|---:|---|---|---|---:|---:|---:|---:|---:|---|\n")
	for _, r := range rs {
		if r.PrepareErr != "" {
			fmt.Fprintf(&b, "| %s | %s | | | not prepared | | | | | | | | %s |\n", r.Name, r.Kind, oneLine(r.PrepareErr, 60))
			continue
		}
		build := "ok"
		if r.BuildStatus != 0 {
			build = fmt.Sprintf("**refused** (%d errors)", max(len(r.BuildErrs), nsev(r.Diags, "error")))
		}
		top := ""
		if ks := kinds(r.Diags, "warning"); len(ks) > 0 {
			top = fmt.Sprintf("%s ×%d", ks[0].Kind, ks[0].N)
		}
		ep := r.Epubcheck
		if ep == "" {
			ep = "—"
		}
		q := r.Qpdf
		if q == "" {
			q = "—"
		}
		k := r.Kind
		if strings.HasPrefix(r.Mode, "book.yaml from") {
			k += " (yaml)" // bindery did not read the project itself
		}
		alt := "—"
		if r.Words.AltWords > 0 && r.Words.EPUB != nil && r.Words.PDF != nil {
			alt = fmt.Sprintf("%d/%d of %d", r.Words.EPUB.AltFound, r.Words.PDF.AltFound, r.Words.AltWords)
		}
		links := "—"
		if r.Words.EPUB != nil {
			links = fmt.Sprintf("%d/%d", r.Words.EPUBLinks, r.Words.SourceLinks)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d/%d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.Name, k, r.Words.SourceWords, nsev(r.Diags, "error"), nsev(r.Diags, "warning"), build, ep, q, r.Pages,
			pct(r.Words.EPUB), pct(r.Words.PDF), alt, links, strings.ReplaceAll(top, "|", "\\|"))
	}
	return b.String()
}

func bookDetails(r *result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s — %s@%s (%s)\n\n%s\n\n", r.Name, r.Kind, r.Repo, r.Commit[:12], r.Licence, r.Why)
	if r.PrepareErr != "" {
		fmt.Fprintf(&b, "Not prepared: %s\n", r.PrepareErr)
		return b.String()
	}
	fmt.Fprintf(&b, "Given to bindery: %s. `check` exit %d, `build` exit %d in %.1f s.\n\n", r.Mode, r.CheckStatus, r.BuildStatus, r.BuildTime.Seconds())
	for _, sev := range []string{"error", "warning"} {
		ks := kinds(r.Diags, sev)
		if len(ks) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%ss by kind (first place):\n\n", strings.ToUpper(sev[:1])+sev[1:])
		for i, k := range ks {
			if i == 20 {
				fmt.Fprintf(&b, "- … %d more kinds\n", len(ks)-20)
				break
			}
			fmt.Fprintf(&b, "- ×%d %s — `%s:%d:%d` %s\n", k.N, k.Kind, k.At.File, k.At.Line, k.At.Column, oneLine(k.At.Message, 160))
		}
		b.WriteString("\n")
	}
	if r.Epubcheck != "" && r.Epubcheck != "0/0" {
		fmt.Fprintf(&b, "epubcheck %s:\n\n", r.Epubcheck)
		for i, m := range r.EpubMsgs {
			if i == 8 {
				fmt.Fprintf(&b, "- … %d more\n", len(r.EpubMsgs)-8)
				break
			}
			fmt.Fprintf(&b, "- %s\n", oneLine(m, 200))
		}
		b.WriteString("\n")
	}
	if r.Qpdf != "" && r.Qpdf != "clean" {
		fmt.Fprintf(&b, "qpdf --check: %s\n\n", r.Qpdf)
	}
	if r.Details != "" {
		b.WriteString(strings.ReplaceAll(r.Details, "### ", "### "+r.Name+": "))
	}
	return b.String()
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) > n {
		s = string([]rune(s)[:n]) + "…"
	}
	return s
}

func lastLine(s string) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	return oneLine(ls[len(ls)-1], 120)
}

func first(glob string) string {
	m, _ := filepath.Glob(glob)
	for _, f := range m {
		if !strings.Contains(filepath.Base(f), "-booklet") {
			return f
		}
	}
	return ""
}

func exitStatus(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*exec.ExitError); ok {
		return e.ExitCode()
	}
	return -1
}

func run(dir, name string, args ...string) string {
	c := exec.Command(name, args...)
	c.Dir = dir
	var stderr bytes.Buffer
	c.Stderr = &stderr
	b, err := c.Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "corpus: %s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
		os.Exit(1)
	}
	return string(b)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
