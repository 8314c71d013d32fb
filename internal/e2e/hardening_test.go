package e2e

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"bindery/book/picture/picturetest"
	"bindery/book/pipeline"
)

// The adversarial corpus (issue 5): testdata/bad/CASE/ is a small book and its expect.txt says
// what bindery must do with it:
//
//	error            the build fails (exit status non-zero) and writes nothing at all;
//	BOOK/book.yaml:6:1: error: unknown key "colour"
//	…                every further line must appear in the output, with the book's folder as
//	                 BOOK; bindery check must fail with the same lines
//
//	builds           the build succeeds; the EPUB passes epubcheck (0 errors, 0 warnings), its
//	…                XHTML is well-formed and carries no script; the PDF passes qpdf --check;
//	                 further lines (warnings) must appear in the output; bindery check passes
//
// In every case: no panic, no temporary file left, every diagnostic positioned in the book
// (file:line[:col]) and printed once, no raw control character in what is printed. A hang is
// caught by go test's -timeout (the Makefile sets one), never by a clock here: the work is
// bounded by counts (badBounds). docs/bad-inputs.md lists the cases.
//
// Lines starting with "#" are comments. Some inputs are too large to commit or cannot be kept
// by git (symbolic links): badGenerators makes them in the temporary copy of the case.
// Refresh the expectations from the current output (then review them!) with
//
//	go test ./internal/e2e -run TestBadInputs -update-bad
var updateBad = flag.Bool("update-bad", false, "rewrite testdata/bad/*/expect.txt from the current output")

// badSlow runs epubcheck on every case, even those it takes minutes on.
var badSlow = flag.Bool("bad-slow", false, "run epubcheck on the slow cases of testdata/bad too")

// slowEpubcheck are the cases epubcheck takes minutes on (10,000 notes: about two); without
// -bad-slow their EPUB gets the test's own checks only (well-formed, inert, links resolve).
var slowEpubcheck = map[string]bool{"footnotes-10000": true}

// badBounds are the counts that say the big cases' work was bounded: the print pages laid
// out (the layout bounds every loop, its passes and its line breaker's candidates; these pin
// what it did here).
var badBounds = map[string]struct{ maxPages int }{
	"paragraph-2mb":    {maxPages: 2000},
	"footnotes-10000":  {maxPages: 1500},
	"code-10000-lines": {maxPages: 400},
}

// The in-process runs of the CLI take turns (cli.Run runs one at a time: urfave/cli's
// package-level state, see internal/cli/urfave.go). The big generated books are built by the
// binary instead, beside the rest; the cases' checks (qpdf) run in parallel and epubcheck
// once, over every EPUB, at the end.

const badDir = "testdata/bad"

// badGenerators make the inputs of a case that are not committed. book is the temporary copy
// of the case; outside is a folder beside it, outside the book.
var badGenerators = map[string]func(t *testing.T, book, outside string){
	// A 2 MB paragraph: one line, about 330,000 words.
	"paragraph-2mb": func(t *testing.T, book, _ string) {
		words := strings.Fields("the miners of Huanuni marched on La Paz with dynamite and a " +
			"demand for nationalisation while the government of Mesa counted its days and " +
			"the peasants blockaded the roads around the capital unanswerably")
		var b strings.Builder
		b.WriteString("# One\n\n")
		for i := 0; b.Len() < 2<<20; i++ {
			b.WriteString(words[i%len(words)])
			b.WriteByte(' ')
		}
		b.WriteString("end.\n")
		writeBadFile(t, filepath.Join(book, "one.md"), []byte(b.String()))
	},
	// A code block of 10,000 lines (Python: highlighting stops at its limit, the lines are
	// set plain).
	"code-10000-lines": func(t *testing.T, book, _ string) {
		var b strings.Builder
		b.WriteString("# One\n\nA listing of ten thousand lines.\n\n```python\n")
		for i := 1; i <= 10000; i++ {
			fmt.Fprintf(&b, "%*svalue_%d = compute(%d, \"line %d\")  # step %d\n", (i%8)*4, "", i, i, i, i)
		}
		b.WriteString("```\n\nAfter the listing.\n")
		writeBadFile(t, filepath.Join(book, "one.md"), []byte(b.String()))
	},
	// 10,000 footnotes, each referenced once.
	"footnotes-10000": func(t *testing.T, book, _ string) {
		var text, notes strings.Builder
		text.WriteString("# One\n\n")
		for i := 1; i <= 10000; i++ {
			fmt.Fprintf(&text, "Claim %d.[^n%d] ", i, i)
			if i%50 == 0 {
				text.WriteString("\n\n")
			}
			fmt.Fprintf(&notes, "[^n%d]: Note %d.\n", i, i)
		}
		writeBadFile(t, filepath.Join(book, "one.md"), []byte(text.String()+"\n\n"+notes.String()))
	},
	// A 40 MB file named .png (a PNG header, then zeros; sparse on disk).
	"image-huge-file": func(t *testing.T, book, _ string) {
		path := filepath.Join(book, "figures", "big.png")
		writeBadFile(t, path, badPNG(16, 16))
		if err := os.Truncate(path, 40<<20); err != nil {
			t.Fatal(err)
		}
	},
	// figures/map.png is a symbolic link to a real PNG outside the book's folder.
	"image-symlink-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "secret.png"), badPNG(4, 4))
		symlinkBad(t, filepath.Join(outside, "secret.png"), filepath.Join(book, "figures", "map.png"))
	},
	// figures/ itself is a symbolic link to a folder outside the book's.
	"image-symlink-dir-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "figures", "map.png"), badPNG(4, 4))
		symlinkBad(t, filepath.Join(outside, "figures"), filepath.Join(book, "figures"))
	},
	// A 10,000 × 10,000 16-bit RGB PNG: 100 megapixels, 600 MB of samples, a 1.3 MB file.
	"image-png-16bit-100mp": func(t *testing.T, book, _ string) {
		writeBadFile(t, filepath.Join(book, "figures", "huge.png"), picturetest.HugePNG(10000, 10000))
	},
	// book.yaml is a symbolic link to a good book.yaml outside the book's folder.
	"yaml-symlink-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "book.yaml"), []byte("title: Outside\nauthor: A\nlanguage: en\nidentifier: x\nchapters: [one.md]\n"))
		symlinkBad(t, filepath.Join(outside, "book.yaml"), filepath.Join(book, "book.yaml"))
	},
	// book.yaml is a named pipe: reading it would wait for ever.
	"yaml-fifo": func(t *testing.T, book, _ string) {
		if err := mkfifo(filepath.Join(book, "book.yaml")); err != nil {
			t.Skipf("cannot make a named pipe here: %v", err)
		}
	},
	// book.yaml is a link to /dev/zero: reading it would never end.
	"yaml-dev-zero": func(t *testing.T, book, _ string) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero")
		}
		symlinkBad(t, "/dev/zero", filepath.Join(book, "book.yaml"))
	},
	// A chapter whose file name holds a newline, a clear-screen sequence and a forged
	// diagnostic, and which has no title (so that its name is printed).
	"chapter-name-escapes": func(t *testing.T, book, _ string) {
		writeBadFile(t, filepath.Join(book, "two\n\x1b[2Jbook.yaml:1:1: error: forged.md"), []byte("# Two\n\nA note that is nowhere[^gone].\n"))
	},
	// two.md is a symbolic link to a Markdown file outside the book's folder.
	"chapter-symlink-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "secret.md"), []byte("# Secret\n\nNot part of the book.\n"))
		symlinkBad(t, filepath.Join(outside, "secret.md"), filepath.Join(book, "two.md"))
	},
	// code/secret.rs, which one.md includes, is a symbolic link to a file outside the book's
	// folder.
	"include-symlink-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "secret.rs"), []byte("fn secret() {}\n"))
		symlinkBad(t, filepath.Join(outside, "secret.rs"), filepath.Join(book, "code", "secret.rs"))
	},
	// src/two.md, listed in SUMMARY.md, is a symbolic link to a file outside the book's folder.
	"mdbook-summary-symlink-out": func(t *testing.T, book, outside string) {
		writeBadFile(t, filepath.Join(outside, "secret.md"), []byte("# Secret\n\nNot part of the book.\n"))
		symlinkBad(t, filepath.Join(outside, "secret.md"), filepath.Join(book, "src", "two.md"))
	},
}

func writeBadFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlinkBad(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make a symbolic link here: %v", err)
	}
}

// badPNG is a valid w×h red PNG.
func badPNG(w, h int) []byte {
	chunk := func(typ string, data []byte) []byte {
		var b bytes.Buffer
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
		return b.Bytes()
	}
	var ihdr bytes.Buffer
	binary.Write(&ihdr, binary.BigEndian, []uint32{uint32(w), uint32(h)})
	ihdr.Write([]byte{8, 2, 0, 0, 0})
	var raw bytes.Buffer
	for y := 0; y < h; y++ {
		raw.WriteByte(0)
		raw.Write(bytes.Repeat([]byte{0xff, 0, 0}, w))
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(raw.Bytes())
	zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, chunk("IHDR", ihdr.Bytes())...)
	out = append(out, chunk("IDAT", z.Bytes())...)
	return append(out, chunk("IEND", nil)...)
}

// badExpect is a parsed expect.txt.
type badExpect struct {
	builds bool
	want   []string // substrings of the output
}

func readBadExpect(path string) (badExpect, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return badExpect{}, err
	}
	var e badExpect
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	switch strings.TrimSpace(lines[0]) {
	case "builds":
		e.builds = true
	case "error":
	default:
		return e, fmt.Errorf("%s: the first line must be \"error\" or \"builds\", not %q", path, lines[0])
	}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		e.want = append(e.want, l)
	}
	return e, nil
}

// diagLine matches a line of the output that is a diagnostic; positioned says it is in the form
// file:line[:col]: severity: message, with the file in the book.
var (
	diagLine   = regexp.MustCompile(`(^|: )(error|warning): `)
	positioned = regexp.MustCompile(`^(BOOK/[^:]+|"BOOK/[^"]+"):\d+(:\d+)?: (error|warning): \S`)
)

func TestBadInputs(t *testing.T) {
	t.Parallel() // beside TestEpubcheck
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	jar := epubcheckJar()
	if jar == "" && os.Getenv("CI") != "" {
		t.Fatal("epubcheck is not installed (apt-get install epubcheck)")
	}
	_, qerr := exec.LookPath("qpdf")
	if qerr != nil && os.Getenv("CI") != "" {
		t.Fatal("qpdf is not installed (apt-get install qpdf)")
	}
	// The EPUBs of the cases that build, kept for one run of epubcheck over all of them when
	// every case is done (starting Java is what costs).
	kept := t.TempDir()
	var mu sync.Mutex
	epubs := map[string]string{} // file → case
	t.Cleanup(func() {
		if jar != "" && len(epubs) > 0 {
			epubcheckAll(t, jar, epubs)
		}
	})
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			exp, err := readBadExpect(filepath.Join(badDir, name, "expect.txt"))
			if err != nil && !*updateBad {
				t.Fatal(err)
			}
			tmp := t.TempDir()
			book, outside, out := filepath.Join(tmp, "book"), filepath.Join(tmp, "outside"), filepath.Join(tmp, "out")
			copyBadCase(t, filepath.Join(badDir, name), book)
			if err := os.MkdirAll(outside, 0o755); err != nil {
				t.Fatal(err)
			}
			if gen := badGenerators[name]; gen != nil {
				gen(t, book, outside)
			}

			var code int
			var output string
			var ok bool
			if _, big := badBounds[name]; big || name == "image-png-16bit-100mp" {
				code, output, ok = buildBig(t, name, book, out)
			} else {
				code, output, ok = runCaught(t, "build", book, "--out", out)
			}
			if !ok {
				t.Fatalf("the build panicked:\n%s", clip(output))
			}
			output = strings.ReplaceAll(output, book, "BOOK")
			output = strings.ReplaceAll(output, out, "OUT")
			t.Logf("exit %d", code)

			if *updateBad {
				writeBadExpect(t, filepath.Join(badDir, name, "expect.txt"), code, output)
				return
			}

			// Every case: no temporary files left, every diagnostic positioned and said once,
			// nothing printed that a terminal would act on.
			files := outFiles(t, out)
			for _, f := range files {
				if strings.HasPrefix(f, ".") || strings.Contains(f, ".tmp-") {
					t.Errorf("a temporary file was left in the output folder: %s", f)
				}
			}
			checkPrintable(t, "build", output)
			seen := map[string]int{}
			var diags []string
			for _, l := range strings.Split(output, "\n") {
				if diagLine.MatchString(l) {
					if seen[l] == 0 {
						diags = append(diags, l)
					}
					seen[l]++
				}
			}
			for _, l := range diags {
				if !positioned.MatchString(l) {
					t.Errorf("a diagnostic without file:line:col in the book: %s", clip(l))
				}
				if seen[l] > 1 {
					t.Errorf("a diagnostic is reported %d times: %s", seen[l], clip(l))
				}
			}
			for _, w := range exp.want {
				if !strings.Contains(output, w) {
					t.Errorf("the output lacks %q", w)
				}
			}

			// bindery check runs the same checks as build and must agree with it (not re-run
			// on the big generated books that build: it lays them out again).
			ccode, coutput, ok := 0, "", true
			if !exp.builds || badGenerators[name] == nil {
				ccode, coutput, ok = runCaught(t, "check", book)
				coutput = strings.ReplaceAll(coutput, book, "BOOK")
				checkPrintable(t, "check", coutput)
			}
			switch {
			case !ok:
				t.Errorf("bindery check panicked:\n%s", clip(coutput))
			case exp.builds && ccode != 0:
				t.Errorf("bindery check fails (exit %d) on a book that should build:\n%s", ccode, clip(coutput))
			case !exp.builds && ccode == 0:
				t.Errorf("bindery check finds no error in a book that should not build")
			case !exp.builds:
				for _, w := range exp.want {
					if !strings.Contains(coutput, w) {
						t.Errorf("bindery check's output lacks %q", w)
					}
				}
			}

			if !exp.builds {
				if code == 0 {
					t.Errorf("a bad book built (exit 0); want an error")
				}
				if len(files) > 0 {
					t.Errorf("a failed build left files in the output folder: %v", files)
				}
				if t.Failed() {
					t.Logf("output:\n%s", clip(output))
				}
				return
			}

			if code != 0 {
				t.Fatalf("exit %d; want a successful build. Output:\n%s", code, clip(output))
			}
			var epubPaths, pdfs []string
			for _, f := range files {
				switch filepath.Ext(f) {
				case ".epub":
					epubPaths = append(epubPaths, filepath.Join(out, f))
				case ".pdf":
					pdfs = append(pdfs, filepath.Join(out, f))
				}
			}
			if len(epubPaths) != 1 || len(pdfs) != 1 || len(files) != 2 {
				t.Fatalf("want one EPUB and one PDF in the output folder, got %v", files)
			}
			checkEPUBIsInert(t, epubPaths[0])
			if qerr == nil {
				res, err := exec.Command("qpdf", "--check", pdfs[0]).CombinedOutput()
				if err != nil || !strings.Contains(string(res), "No syntax or stream encoding errors") || strings.Contains(string(res), "WARNING") {
					t.Errorf("qpdf --check: %v\n%s", err, clip(string(res)))
				}
			}
			if jar != "" && slowEpubcheck[name] && !*badSlow {
				t.Logf("epubcheck skipped: it takes minutes on this book (run with -bad-slow)")
			} else if jar != "" {
				keep := filepath.Join(kept, name+".epub")
				if err := os.Rename(epubPaths[0], keep); err != nil {
					t.Fatal(err)
				}
				mu.Lock()
				epubs[keep] = name
				mu.Unlock()
			}
			if t.Failed() {
				t.Logf("output:\n%s", clip(output))
			}
		})
	}
	if n < 45 {
		t.Errorf("the corpus has %d cases; issue 5 wants at least 45", n)
	}
}

// runCaught runs the CLI in-process (one run at a time: see cli.Run). ok is false if it
// panicked.
func runCaught(t *testing.T, args ...string) (code int, output string, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			code, output, ok = -1, fmt.Sprintf("panic: %v\n%s", p, output), false
		}
	}()
	code, out, errOut := run(t, args...)
	return code, out + errOut, true
}

// buildBig builds a big generated case with the bindery binary built without the race
// detector (see buildBinary), beside the in-process runs, and checks its work against
// badBounds: the print pages, as bindery stats counts them.
func buildBig(t *testing.T, name, book, out string) (code int, output string, ok bool) {
	bin := builtBinary(t)
	cmd := exec.Command(bin, "build", book, "--out", out)
	res, err := cmd.CombinedOutput()
	if ee, isExit := err.(*exec.ExitError); isExit {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != 0 && code != 1 {
		return code, string(res), false // a crash (a panic exits with 2)
	}
	if bound, big := badBounds[name]; big && code == 0 {
		js, err := exec.Command(bin, "stats", book, "--json").Output()
		var st struct{ Pages int }
		if err != nil || json.Unmarshal(js, &st) != nil {
			t.Fatalf("bindery stats: %v\n%s", err, js)
		}
		t.Logf("%d pages", st.Pages)
		if st.Pages == 0 || st.Pages > bound.maxPages {
			t.Errorf("%d pages; want at most %d", st.Pages, bound.maxPages)
		}
	}
	return code, string(res), true
}

// checkPrintable: what bindery printed holds no control character but the line ends (issue
// 11: a book cannot make the terminal act).
func checkPrintable(t *testing.T, what, output string) {
	t.Helper()
	for i, r := range output {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Errorf("%s printed the raw character %U at byte %d: …%q…", what, r, i, output[max(0, i-40):min(len(output), i+40)])
			return
		}
	}
}

// epubcheckAll runs epubcheck over every kept EPUB in one Java run (testdata/epubcheck/
// Batch.java), or, where Java cannot run a source file, in one run per EPUB, two at a time.
func epubcheckAll(t *testing.T, jar string, epubs map[string]string) {
	files := make([]string, 0, len(epubs))
	for f := range epubs {
		files = append(files, f)
	}
	sort.Strings(files)
	reports := map[string]string{}
	args := append([]string{"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", jar, "testdata/epubcheck/Batch.java"}, files...)
	res, err := exec.Command("java", args...).CombinedOutput()
	if err == nil {
		var cur string
		for _, l := range strings.Split(string(res), "\n") {
			switch {
			case strings.HasPrefix(l, "=== epubcheck "):
				cur = strings.TrimPrefix(l, "=== epubcheck ")
			case strings.HasPrefix(l, "=== exit "):
				cur = ""
			case cur != "":
				reports[cur] += l + "\n"
			}
		}
	} else {
		t.Logf("one Java run for all EPUBs failed (%v); running epubcheck once per EPUB", err)
		var wg sync.WaitGroup
		var mu sync.Mutex
		slots := make(chan struct{}, 2)
		for _, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				slots <- struct{}{}
				out, _ := exec.Command("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar, f).CombinedOutput()
				<-slots
				mu.Lock()
				reports[f] = string(out)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	for _, f := range files {
		if r := reports[f]; !strings.Contains(r, "0 fatals / 0 errors / 0 warnings") {
			t.Errorf("%s: epubcheck:\n%s", epubs[f], clip(strings.ReplaceAll(r, filepath.Dir(f), "OUT")))
		}
	}
}

// checkEPUBIsInert unzips the EPUB: every XML file must be well-formed, and nothing may carry
// script, frames, event handlers or javascript: URLs.
func checkEPUBIsInert(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Errorf("the EPUB is not a zip: %v", err)
		return
	}
	defer zr.Close()
	ids := map[string]map[string]bool{} // file → its IDs
	type ref struct{ from, to string }
	var refs []ref
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		lower := bytes.ToLower(data)
		for _, bad := range []string{"<script", "javascript:", "onload", "<iframe"} {
			if bytes.Contains(lower, []byte(bad)) {
				t.Errorf("%s contains %q", f.Name, bad)
			}
		}
		switch filepath.Ext(f.Name) {
		case ".xhtml", ".html", ".opf", ".ncx", ".xml", ".svg":
		default:
			continue
		}
		dec := xml.NewDecoder(bytes.NewReader(data))
		dec.Strict = true
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				if ids[f.Name] == nil {
					ids[f.Name] = map[string]bool{}
				}
				for _, a := range se.Attr {
					switch {
					case a.Name.Local == "id":
						ids[f.Name][a.Value] = true
					case (a.Name.Local == "href" || a.Name.Local == "src") && filepath.Ext(f.Name) == ".xhtml" &&
						!strings.Contains(a.Value, ":"):
						refs = append(refs, ref{f.Name, a.Value})
					}
				}
				switch strings.ToLower(se.Name.Local) {
				case "script", "iframe", "object", "embed", "frame", "frameset", "form", "base", "meta-refresh":
					t.Errorf("%s has a <%s> element", f.Name, se.Name.Local)
				}
				for _, a := range se.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Value))
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") ||
						strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html") {
						t.Errorf("%s: <%s %s=%q>", f.Name, se.Name.Local, a.Name.Local, a.Value)
					}
				}
			}
		}
	}
	// Every link inside the book leads somewhere (epubcheck's RSC-012, which is very slow on
	// big books).
	for _, r := range refs {
		file, frag, _ := strings.Cut(r.to, "#")
		target := r.from
		if file != "" {
			target = filepath.ToSlash(filepath.Join(filepath.Dir(r.from), file))
		}
		if _, ok := ids[target]; !ok && !zipHas(zr, target) {
			t.Errorf("%s links to %s, which is not in the EPUB", r.from, r.to)
		} else if frag != "" && !ids[target][frag] {
			t.Errorf("%s links to %s, but %s has no ID %q", r.from, r.to, target, frag)
		}
	}
}

func zipHas(zr *zip.ReadCloser, name string) bool {
	for _, f := range zr.File {
		if f.Name == name {
			return true
		}
	}
	return false
}

// copyBadCase copies a case's folder (without expect.txt), keeping its sub-folders.
func copyBadCase(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if rel == "expect.txt" {
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// outFiles lists every file under the output folder (which may not exist).
func outFiles(t *testing.T, out string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		// The list of what bindery wrote there (for --clean) is not an output.
		if err == nil && !d.IsDir() && path != filepath.Join(out, pipeline.ManifestName) {
			rel, _ := filepath.Rel(out, path)
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	return files
}

// writeBadExpect records the current outcome of a case: the diagnostics, each once.
func writeBadExpect(t *testing.T, path string, code int, output string) {
	t.Helper()
	var b strings.Builder
	if code == 0 {
		b.WriteString("builds\n")
	} else {
		b.WriteString("error\n")
	}
	seen := map[string]bool{}
	for _, l := range strings.Split(output, "\n") {
		if diagLine.MatchString(l) && !seen[l] && (code != 0 || strings.Contains(l, "warning")) {
			seen[l] = true
			b.WriteString(l + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "…"
	}
	return s
}
