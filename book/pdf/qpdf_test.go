package pdf

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// The tests read every PDF back with qpdf, a parser that shares nothing with the writer:
// `qpdf --check` must find nothing, and `qpdf --json` gives the objects (streams decoded), the
// pages, their labels and the outline as qpdf understands them.

// needQPDF skips a test without qpdf, except in CI, where it must be installed.
func needQPDF(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("qpdf is not installed (apt-get install qpdf)")
		}
		t.Skip("qpdf is not installed")
	}
}

// qpdfDoc is a PDF as qpdf's JSON (version 2) describes it.
type qpdfDoc struct {
	raw     []byte // the file
	Objects map[string]qpdfObject
	Pages   []struct {
		Object       string
		Contents     []string
		Label        map[string]any
		PagePosFrom1 int `json:"pageposfrom1"`
	}
	PageLabels []struct {
		Index int
		Label map[string]any
	} `json:"pagelabels"`
	Outlines []qpdfOutline
}

// qpdfObject is one object: a value, or a stream (its data decoded when qpdf can).
type qpdfObject struct {
	Value  any
	Stream *struct {
		Data []byte // base64 in the JSON
		Dict map[string]any
	}
}

type qpdfOutline struct {
	Title            string
	Dest             []any
	DestPagePosFrom1 int `json:"destpageposfrom1"`
	Kids             []qpdfOutline
	Object           string
}

// readBack checks the PDF with qpdf and returns what qpdf reads in it.
func readBack(t testing.TB, data []byte) *qpdfDoc {
	t.Helper()
	needQPDF(t)
	path := filepath.Join(t.TempDir(), "book.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	qpdfCheck(t, path)
	out, err := exec.Command("qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		qpdfDoc
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	if len(doc.QPDF) != 2 {
		t.Fatalf("qpdf --json: %d parts under \"qpdf\"", len(doc.QPDF))
	}
	if err := json.Unmarshal(doc.QPDF[1], &doc.qpdfDoc.Objects); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	d := doc.qpdfDoc
	d.raw = data
	return &d
}

// qpdfCheck fails the test unless qpdf --check passes the file without a warning.
func qpdfCheck(t testing.TB, path string) {
	t.Helper()
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || bytes.Contains(out, []byte("WARNING")) || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// value returns the value of object ref ("12 0 R"), failing if it is not there.
func (d *qpdfDoc) value(t testing.TB, ref any) any {
	t.Helper()
	s, ok := ref.(string)
	if !ok || !strings.HasSuffix(s, " 0 R") {
		t.Fatalf("%v is not a reference", ref)
	}
	o, ok := d.Objects["obj:"+s]
	if !ok {
		t.Fatalf("no object %s", s)
	}
	if o.Stream != nil {
		return o.Stream.Dict
	}
	return o.Value
}

// dict returns the dictionary ref points to (or the stream's dictionary).
func (d *qpdfDoc) dict(t testing.TB, ref any) map[string]any {
	t.Helper()
	m, ok := d.value(t, ref).(map[string]any)
	if !ok {
		t.Fatalf("%v is not a dictionary: %v", ref, d.value(t, ref))
	}
	return m
}

// stream returns the decoded data and the dictionary of stream ref.
func (d *qpdfDoc) stream(t testing.TB, ref any) ([]byte, map[string]any) {
	t.Helper()
	s, _ := ref.(string)
	o, ok := d.Objects["obj:"+s]
	if !ok || o.Stream == nil {
		t.Fatalf("%v is not a stream", ref)
	}
	return o.Stream.Data, o.Stream.Dict
}

func (d *qpdfDoc) trailer(t testing.TB) map[string]any {
	t.Helper()
	m, ok := d.Objects["trailer"].Value.(map[string]any)
	if !ok {
		t.Fatal("no trailer")
	}
	return m
}

func (d *qpdfDoc) catalog(t testing.TB) map[string]any {
	t.Helper()
	return d.dict(t, d.trailer(t)["/Root"])
}

// page returns the dictionary of page i (from 0) in the order of the page tree.
func (d *qpdfDoc) page(t testing.TB, i int) map[string]any {
	t.Helper()
	if i >= len(d.Pages) {
		t.Fatalf("page %d of %d", i, len(d.Pages))
	}
	return d.dict(t, d.Pages[i].Object)
}

// content returns page i's content, decoded: its streams one after the other (a print shop's
// page has the drawing moved by one before and the marks in one after).
func (d *qpdfDoc) content(t testing.TB, i int) string {
	t.Helper()
	if len(d.Pages[i].Contents) == 0 {
		t.Fatalf("page %d has no content stream", i)
	}
	var b strings.Builder
	for _, c := range d.Pages[i].Contents {
		data, _ := d.stream(t, c)
		b.Write(data)
	}
	return b.String()
}

// decodeString decodes a string as qpdf writes it: "u:" Unicode, "b:" hex bytes.
func decodeString(t testing.TB, v any) string {
	t.Helper()
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		b, err := hex.DecodeString(s[2:])
		if err != nil {
			t.Fatalf("string %q: %v", s, err)
		}
		if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
			u := make([]uint16, (len(b)-2)/2)
			for i := range u {
				u[i] = uint16(b[2+2*i])<<8 | uint16(b[3+2*i])
			}
			return string(utf16.Decode(u))
		}
		return string(b)
	}
	t.Fatalf("%v is not a string", v)
	return ""
}

// numbers returns an array of numbers.
func numbers(t testing.TB, v any) []float64 {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%v is not an array", v)
	}
	var out []float64
	for _, x := range a {
		f, ok := x.(float64)
		if !ok {
			t.Fatalf("%v is not a number in %v", x, v)
		}
		out = append(out, f)
	}
	return out
}

var (
	xrefLine   = regexp.MustCompile(`(?m)^(\d+)/0: uncompressed; offset = (\d+)$`)
	packedLine = regexp.MustCompile(`(?m)^(\d+)/0: compressed; stream = (\d+), index = \d+$`)
)

// qpdfXref returns the offsets qpdf reads in the cross-reference stream, by object number,
// and the object stream of each object packed in one.
func qpdfXref(t testing.TB, data []byte) (map[int]int, map[int]int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "xref.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("qpdf", "--show-xref", path).Output()
	if err != nil {
		t.Fatalf("qpdf --show-xref: %v", err)
	}
	offsets := map[int]int{}
	for _, m := range xrefLine.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[1])
		off, _ := strconv.Atoi(m[2])
		offsets[n] = off
	}
	packed := map[int]int{}
	for _, m := range packedLine.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[1])
		stm, _ := strconv.Atoi(m[2])
		packed[n] = stm
	}
	return offsets, packed
}
