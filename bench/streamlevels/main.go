// Command streamlevels measures what DEFLATE costs and gives on each kind of stream a build
// compressed: every FlateDecode stream of the PDFs and every deflated entry of the EPUBs
// given (their bytes inflated back, which are what the writers fed the compressor), grouped
// by kind and compressed again alone at klauspost's levels 1 to 9 with one reused writer a
// level, as book/compress does. It prints, per kind and level, the bytes out and the best
// time of -reps runs; with -plan, the whole set compressed at the levels a plan gives each
// kind (the writers' rule before and after deflate31, and others tried).
//
//	go run ./bench/streamlevels [-reps 5] [-from 1] [-to 9] [-plan NAME] FILE.pdf|FILE.epub...
package main

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/flate"
)

// stream is one compressed stream's bytes before compression, and its kind.
type stream struct {
	kind string
	data []byte
	out  int // its compressed size in the file
}

func main() {
	reps := flag.Int("reps", 5, "runs of each level; the best is kept")
	lo := flag.Int("from", 1, "lowest level")
	hi := flag.Int("to", 9, "highest level")
	plan := flag.String("plan", "", "instead of the table, compress every stream -reps times at the level the plan gives its kind: "+strings.Join(slices.Sorted(maps.Keys(plans)), ", "))
	flag.Parse()
	var all []stream
	for _, name := range flag.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fail(err)
		}
		if strings.HasSuffix(name, ".epub") {
			all = append(all, epubEntries(data)...)
		} else {
			all = append(all, pdfStreams(data)...)
		}
	}
	if *plan != "" {
		replay(all, plans[*plan], *reps)
		return
	}
	report(all, *lo, *hi, *reps)
}

// plans give the level a stream of a kind is compressed at.
var plans = map[string]func(s stream) int{
	"bysize":         bySize,
	"syntax6":        syntax6,
	"syntax6struct7": func(s stream) int { return ifKind(s, "pdf objstm struct elems", bySize, syntax6) },
	"syntax6pages7":  func(s stream) int { return ifKind(s, "pdf page content", bySize, syntax6) },
}

// bySize is the plan before deflate31: level 7 from 2 KB, 6 below; the EPUB's entries at 6.
func bySize(s stream) int {
	if strings.HasPrefix(s.kind, "epub") || len(s.data) < 2<<10 {
		return 6
	}
	return 7
}

// syntax6 has PDF syntax (pages' contents, object streams) at 6, the rest as bySize.
func syntax6(s stream) int {
	if strings.HasPrefix(s.kind, "pdf page") || strings.HasPrefix(s.kind, "pdf objstm") {
		return 6
	}
	return bySize(s)
}

// ifKind is yes(s) for a stream of kind, else no(s).
func ifKind(s stream, kind string, yes, no func(stream) int) int {
	if s.kind == kind {
		return yes(s)
	}
	return no(s)
}

// replay compresses every stream at its plan's level, reps times, and prints the bytes out
// and the best time.
func replay(all []stream, level func(stream) int, reps int) {
	var writers [10]*flate.Writer
	var buf bytes.Buffer
	best, size := time.Duration(1<<62), 0
	for range reps {
		size = 0
		start := time.Now()
		for _, s := range all {
			l := level(s)
			if writers[l] == nil {
				writers[l], _ = flate.NewWriter(&buf, l)
			}
			buf.Reset()
			writers[l].Reset(&buf)
			writers[l].Write(s.data)
			writers[l].Close()
			size += buf.Len()
		}
		best = min(best, time.Since(start))
	}
	fmt.Printf("%d streams: %d bytes compressed, best of %d: %.2f ms\n", len(all), size, reps, best.Seconds()*1000)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "streamlevels:", err)
	os.Exit(1)
}

var (
	streamStart = regexp.MustCompile(`(?s)\d+ 0 obj\n<< ?(.*?) ?/Length (\d+) ?>>\nstream\n`)
	firstKey    = regexp.MustCompile(`/First(\d+)`)
)

// pdfStreams finds the file's FlateDecode streams (bindery's writer puts /Length last).
func pdfStreams(file []byte) []stream {
	var out []stream
	for _, m := range streamStart.FindAllSubmatchIndex(file, -1) {
		// Compared without spaces: the writer may leave out those next to a delimiter.
		dict := strings.ReplaceAll(string(file[m[2]:m[3]]), " ", "")
		n, _ := strconv.Atoi(string(file[m[4]:m[5]]))
		body := file[m[1] : m[1]+n]
		if !strings.Contains(dict, "/FlateDecode") {
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			fail(err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			fail(err)
		}
		out = append(out, stream{kind: pdfKind(dict, raw), data: raw, out: n})
	}
	return out
}

// pdfKind names what a stream holds, from its dictionary and its first bytes.
func pdfKind(dict string, raw []byte) string {
	switch {
	case strings.Contains(dict, "/Type/ObjStm"):
		m := firstKey.FindStringSubmatch(dict)
		first, _ := strconv.Atoi(m[1])
		body := string(raw[first:min(len(raw), first+400)])
		switch {
		case strings.Contains(body, "/Nums"):
			return "pdf objstm parent tree"
		case strings.Contains(body, "/Names") || strings.Contains(body, "/Limits"):
			return "pdf objstm name tree"
		case strings.Contains(body, "/S /") || strings.Contains(body, "/S/"):
			return "pdf objstm struct elems"
		}
		return "pdf objstm other"
	case strings.Contains(dict, "/Type/XRef"):
		return "pdf xref"
	case strings.Contains(dict, "/Subtype/Image"):
		return "pdf image (book/picture)"
	case strings.Contains(dict, "/Length1"):
		return "pdf font file"
	case strings.Contains(dict, "/Type/CMap"):
		return "pdf one-byte cmap"
	case bytes.HasPrefix(raw, []byte("/CIDInit")):
		return "pdf tounicode"
	case bytes.IndexByte(raw, 0) >= 0:
		return "pdf cidtogid"
	}
	return "pdf page content"
}

// epubEntries returns the EPUB's deflated entries.
func epubEntries(file []byte) []stream {
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		fail(err)
	}
	var out []stream
	for _, f := range zr.File {
		if f.Method != zip.Deflate {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			fail(err)
		}
		raw, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			fail(err)
		}
		kind := "epub " + strings.TrimPrefix(path.Ext(f.Name), ".")
		if path.Base(f.Name) == "nav.xhtml" {
			kind = "epub nav"
		}
		out = append(out, stream{kind: kind, data: raw, out: int(f.CompressedSize64)})
	}
	return out
}

// report prints, per kind, the count, raw bytes and bytes in the file, then each level's
// bytes out and best time.
func report(all []stream, lo, hi, reps int) {
	byKind := map[string][]stream{}
	for _, s := range all {
		byKind[s.kind] = append(byKind[s.kind], s)
	}
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	writers := map[int]*flate.Writer{}
	var buf bytes.Buffer
	for l := lo; l <= hi; l++ {
		writers[l], _ = flate.NewWriter(&buf, l)
	}
	totals := make(map[int][2]float64)
	for _, k := range kinds {
		ss := byKind[k]
		raw, inFile := 0, 0
		for _, s := range ss {
			raw += len(s.data)
			inFile += s.out
		}
		fmt.Printf("%-26s %5d streams %10d raw %9d in file\n", k, len(ss), raw, inFile)
		for l := lo; l <= hi; l++ {
			size, best := measure(writers[l], &buf, ss, reps)
			t := totals[l]
			totals[l] = [2]float64{t[0] + float64(size), t[1] + best.Seconds()*1000}
			fmt.Printf("    level %d %10d bytes %8.2f ms\n", l, size, best.Seconds()*1000)
		}
	}
	fmt.Println("all kinds")
	for l := lo; l <= hi; l++ {
		fmt.Printf("    level %d %10.0f bytes %8.2f ms\n", l, totals[l][0], totals[l][1])
	}
}

// measure compresses every stream with w, reps times; it returns the bytes out (zlib
// framed: 6 bytes a stream more) and the best run's time.
func measure(w *flate.Writer, buf *bytes.Buffer, ss []stream, reps int) (int, time.Duration) {
	best := time.Duration(1 << 62)
	size := 0
	for range reps {
		size = 0
		start := time.Now()
		for _, s := range ss {
			buf.Reset()
			w.Reset(buf)
			w.Write(s.data)
			w.Close()
			size += buf.Len() + 6
		}
		best = min(best, time.Since(start))
	}
	return size, best
}
