package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
)

// readStructure is a PDF reader of its own, fast enough for the fuzzer (qpdf checks the
// seeds): it reads the cross-reference table, every object at its offset, every stream by its
// /Length, resolves every reference, walks the page tree and reads each content stream's
// operators against the resources they name. It shares no code with the writer.

type (
	pdfRef    int
	pdfName   string
	pdfString []byte
	pdfDict   map[string]any // keys without the slash
	pdfStream struct {
		dict pdfDict
		data []byte // as stored (compressed)
	}
	pdfOp struct {
		op   string
		args []any
	}
)

// readFile is a PDF as readStructure read it.
type readFile struct {
	objects map[int]any // pdfDict, pdfStream, or another value
	trailer pdfDict
	xref    int
	// contents are the operators of each page's content stream, in page order.
	contents [][]pdfOp
}

var startXref = regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`)

func readStructure(data []byte) (*readFile, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n")) {
		return nil, fmt.Errorf("no PDF header")
	}
	m := startXref.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("no startxref at the end")
	}
	rf := &readFile{objects: map[int]any{}}
	rf.xref, _ = strconv.Atoi(string(m[1]))
	offsets, err := readXref(data, rf.xref)
	if err != nil {
		return nil, err
	}
	lx := &lexer{b: data, p: rf.xref + 5 + len(fmt.Sprintf("0 %d\n", len(offsets))) + 20*len(offsets)}
	if !lx.keyword("trailer") {
		return nil, fmt.Errorf("no trailer after the xref table")
	}
	v, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	rf.trailer, _ = v.(pdfDict)
	if size, _ := rf.trailer["Size"].(float64); int(size) != len(offsets) {
		return nil, fmt.Errorf("trailer /Size %v, xref has %d entries", rf.trailer["Size"], len(offsets))
	}
	for n := 1; n < len(offsets); n++ {
		if offsets[n] >= rf.xref {
			return nil, fmt.Errorf("object %d at %d, after the xref table", n, offsets[n])
		}
		if rf.objects[n], err = readObject(data, n, offsets[n]); err != nil {
			return nil, err
		}
	}
	if err := rf.checkReferences(len(offsets)); err != nil {
		return nil, err
	}
	return rf, rf.readPages()
}

// readXref reads the cross-reference table at off: entry n is object n's offset.
func readXref(data []byte, off int) ([]int, error) {
	if off > len(data) || !bytes.HasPrefix(data[off:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("no xref table at %d", off)
	}
	p := off + 7
	end := bytes.IndexByte(data[p:], '\n')
	n, err := strconv.Atoi(string(data[p : p+max(end, 0)]))
	if end < 0 || err != nil || n < 1 {
		return nil, fmt.Errorf("xref: bad subsection header")
	}
	p += end + 1
	if p+20*n > len(data) || string(data[p:p+20]) != "0000000000 65535 f \n" {
		return nil, fmt.Errorf("xref: bad entry 0")
	}
	entry := regexp.MustCompile(`^(\d{10}) 00000 n \n$`)
	offsets := make([]int, n)
	for i := 1; i < n; i++ {
		e := entry.FindSubmatch(data[p+20*i : p+20*i+20])
		if e == nil {
			return nil, fmt.Errorf("xref: bad entry %d: %q", i, data[p+20*i:p+20*i+20])
		}
		offsets[i], _ = strconv.Atoi(string(e[1]))
	}
	return offsets, nil
}

// readObject reads object n at off, which must begin "n 0 obj".
func readObject(data []byte, n, off int) (any, error) {
	head := strconv.Itoa(n) + " 0 obj\n"
	if !bytes.HasPrefix(data[off:], []byte(head)) {
		return nil, fmt.Errorf("object %d: offset %d does not start %q", n, off, head)
	}
	lx := &lexer{b: data, p: off + len(head)}
	v, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	if bytes.HasPrefix(data[lx.p:], []byte("\nstream\n")) {
		d, ok := v.(pdfDict)
		length, _ := d["Length"].(float64)
		start := lx.p + 8
		if !ok || length < 0 || start+int(length) > len(data) {
			return nil, fmt.Errorf("object %d: stream without a good /Length", n)
		}
		lx.p = start + int(length)
		if !bytes.HasPrefix(data[lx.p:], []byte("\nendstream")) {
			return nil, fmt.Errorf("object %d: no endstream after %d bytes", n, int(length))
		}
		lx.p += len("\nendstream")
		v = pdfStream{dict: d, data: data[start : start+int(length)]}
	}
	if !bytes.HasPrefix(data[lx.p:], []byte("\nendobj\n")) {
		return nil, fmt.Errorf("object %d: no endobj", n)
	}
	return v, nil
}

// checkReferences checks that every reference names an object of the table.
func (rf *readFile) checkReferences(size int) error {
	var walk func(v any) error
	walk = func(v any) error {
		switch v := v.(type) {
		case pdfRef:
			if v < 1 || int(v) >= size {
				return fmt.Errorf("reference to object %d of %d", v, size)
			}
		case []any:
			for _, x := range v {
				if err := walk(x); err != nil {
					return err
				}
			}
		case pdfDict:
			for _, x := range v {
				if err := walk(x); err != nil {
					return err
				}
			}
		case pdfStream:
			return walk(v.dict)
		}
		return nil
	}
	for _, o := range rf.objects {
		if err := walk(o); err != nil {
			return err
		}
	}
	return walk(rf.trailer)
}

func (rf *readFile) dict(v any) pdfDict {
	if r, ok := v.(pdfRef); ok {
		v = rf.objects[int(r)]
	}
	switch d := v.(type) {
	case pdfDict:
		return d
	case pdfStream:
		return d.dict
	}
	return nil
}

// readPages walks the page tree and reads every page's content against its resources.
func (rf *readFile) readPages() error {
	root := rf.dict(rf.trailer["Root"])
	pages := rf.dict(root["Pages"])
	if root["Type"] != pdfName("Catalog") || pages["Type"] != pdfName("Pages") {
		return fmt.Errorf("no catalog and page tree")
	}
	kids, _ := pages["Kids"].([]any)
	if count, _ := pages["Count"].(float64); int(count) != len(kids) {
		return fmt.Errorf("page tree: /Count %v, %d kids", pages["Count"], len(kids))
	}
	for i, k := range kids {
		p := rf.dict(k)
		if p["Type"] != pdfName("Page") || p["Parent"] != root["Pages"] {
			return fmt.Errorf("page %d: not a page of the tree", i)
		}
		res := rf.dict(p["Resources"])
		if res == nil {
			res = rf.dict(pages["Resources"])
		}
		ops, err := rf.readContent(p["Contents"], res)
		if err != nil {
			return fmt.Errorf("page %d: %w", i, err)
		}
		rf.contents = append(rf.contents, ops)
	}
	return nil
}

// operands are the operators a content stream may use, with their operand counts.
var operands = map[string]int{"BT": 0, "ET": 0, "Tf": 2, "Tc": 1, "Tm": 6, "TJ": 1,
	"re": 4, "f": 0, "q": 0, "Q": 0, "cm": 6, "Do": 1, "BDC": 2, "BMC": 1, "EMC": 0}

// readContent inflates and reads a content stream: known operators with their operands, fonts
// and pictures the resources name, text as two-byte glyph codes.
func (rf *readFile) readContent(ref any, res pdfDict) ([]pdfOp, error) {
	r, _ := ref.(pdfRef)
	s, ok := rf.objects[int(r)].(pdfStream)
	if !ok || s.dict["Filter"] != pdfName("FlateDecode") {
		return nil, fmt.Errorf("content %v is not a deflated stream", ref)
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("content %v: %w", ref, err)
	}
	lx := &lexer{b: data}
	var ops []pdfOp
	var args []any
	marked := 0 // marked content sequences open
	for lx.skipSpace(); lx.p < len(data); lx.skipSpace() {
		if c := data[lx.p]; c >= 'A' && c <= 'z' && (c <= 'Z' || c >= 'a') {
			start := lx.p
			for lx.p < len(data) && !isDelimiter(data[lx.p]) && !isSpace(data[lx.p]) {
				lx.p++
			}
			op := string(data[start:lx.p])
			if n, ok := operands[op]; !ok || n != len(args) {
				return nil, fmt.Errorf("operator %q with %d operands", op, len(args))
			}
			if err := rf.checkOperands(op, args, res); err != nil {
				return nil, err
			}
			switch op {
			case "BDC", "BMC":
				marked++
			case "EMC":
				if marked--; marked < 0 {
					return nil, fmt.Errorf("EMC closes no marked content")
				}
			}
			ops = append(ops, pdfOp{op, args})
			args = nil
			continue
		}
		v, err := lx.value()
		if err != nil {
			return nil, fmt.Errorf("content: %w", err)
		}
		args = append(args, v)
	}
	if len(args) > 0 {
		return nil, fmt.Errorf("content ends with %d operands", len(args))
	}
	if marked != 0 {
		return nil, fmt.Errorf("content ends with %d marked content sequences open", marked)
	}
	return ops, nil
}

func (rf *readFile) checkOperands(op string, args []any, res pdfDict) error {
	switch op {
	case "Tf", "Do":
		kind := map[string]string{"Tf": "Font", "Do": "XObject"}[op]
		name, _ := args[0].(pdfName)
		if rf.dict(res[kind])[string(name)] == nil {
			return fmt.Errorf("%s names %v, not in the resources", op, args[0])
		}
		if op == "Do" && rf.dict(rf.dict(res[kind])[string(name)])["Subtype"] == pdfName("Form") {
			// A booklet's sheet places pages drawn as forms: read them too.
			form := rf.dict(res[kind])[string(name)]
			if _, err := rf.readContent(form, rf.dict(rf.dict(form)["Resources"])); err != nil {
				return fmt.Errorf("form %v: %w", form, err)
			}
		}
	case "TJ":
		a, ok := args[0].([]any)
		if !ok {
			return fmt.Errorf("TJ without an array")
		}
		for _, x := range a {
			switch x := x.(type) {
			case float64:
			case pdfString:
				if len(x)%2 != 0 {
					return fmt.Errorf("TJ string of %d bytes: glyph codes are two", len(x))
				}
			default:
				return fmt.Errorf("TJ array holds %v", x)
			}
		}
	case "BDC", "BMC":
		if _, ok := args[0].(pdfName); !ok {
			return fmt.Errorf("%s without a tag: %v", op, args[0])
		}
		if op == "BDC" {
			if _, ok := args[1].(pdfDict); !ok {
				return fmt.Errorf("BDC without properties: %v", args[1])
			}
		}
	default:
		for _, a := range args[min(len(args), map[string]int{"Tf": 1}[op]):] {
			if _, ok := a.(float64); !ok {
				return fmt.Errorf("%s operand %v is not a number", op, a)
			}
		}
	}
	return nil
}

// lexer reads PDF values from b at p.
type lexer struct {
	b []byte
	p int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}
func isDelimiter(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (l *lexer) skipSpace() {
	for l.p < len(l.b) && isSpace(l.b[l.p]) {
		l.p++
	}
}

func (l *lexer) keyword(k string) bool {
	l.skipSpace()
	if bytes.HasPrefix(l.b[l.p:], []byte(k)) {
		l.p += len(k)
		return true
	}
	return false
}

func (l *lexer) value() (any, error) {
	l.skipSpace()
	if l.p >= len(l.b) {
		return nil, fmt.Errorf("value expected at the end")
	}
	switch c := l.b[l.p]; {
	case bytes.HasPrefix(l.b[l.p:], []byte("<<")):
		return l.dict()
	case c == '<':
		return l.hex()
	case c == '(':
		return l.literal()
	case c == '[':
		l.p++
		var a []any
		for !l.keyword("]") {
			v, err := l.value()
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		return a, nil
	case c == '/':
		return l.name()
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return l.number()
	}
	for _, k := range []struct {
		word string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if l.keyword(k.word) {
			return k.v, nil
		}
	}
	return nil, fmt.Errorf("unexpected %q at %d", l.b[l.p:min(l.p+10, len(l.b))], l.p)
}

func (l *lexer) dict() (pdfDict, error) {
	l.p += 2
	d := pdfDict{}
	for !l.keyword(">>") {
		k, err := l.value()
		name, ok := k.(pdfName)
		if err != nil || !ok {
			return nil, fmt.Errorf("dictionary key %v: %v", k, err)
		}
		if d[string(name)], err = l.value(); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (l *lexer) hex() (pdfString, error) {
	end := bytes.IndexByte(l.b[l.p:], '>')
	if end < 0 {
		return nil, fmt.Errorf("unterminated hex string")
	}
	digits := l.b[l.p+1 : l.p+end]
	l.p += end + 1
	if len(digits)%2 != 0 {
		return nil, fmt.Errorf("hex string of odd length %q", digits)
	}
	out := make(pdfString, len(digits)/2)
	for i := range out {
		v, err := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil, fmt.Errorf("hex string %q", digits)
		}
		out[i] = byte(v)
	}
	return out, nil
}

// literal reads a (string) with its escapes; parentheses inside must balance.
func (l *lexer) literal() (pdfString, error) {
	var out pdfString
	depth := 0
	for l.p++; l.p < len(l.b); l.p++ {
		c := l.b[l.p]
		switch {
		case c == '\\':
			l.p++
			if l.p >= len(l.b) {
				return nil, fmt.Errorf("string ends in a backslash")
			}
			e := l.b[l.p]
			if e >= '0' && e <= '7' {
				v := 0
				for k := 0; k < 3 && l.p < len(l.b) && l.b[l.p] >= '0' && l.b[l.p] <= '7'; k++ {
					v = v*8 + int(l.b[l.p]-'0')
					l.p++
				}
				l.p--
				out = append(out, byte(v))
				continue
			}
			if r, ok := map[byte]byte{'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'f': '\f', '(': '(', ')': ')', '\\': '\\'}[e]; ok {
				out = append(out, r)
				continue
			}
			return nil, fmt.Errorf("unknown escape \\%c", e)
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				l.p++
				return out, nil
			}
			depth--
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("unterminated string")
}

func (l *lexer) name() (pdfName, error) {
	start := l.p + 1
	l.p = start
	for l.p < len(l.b) && !isSpace(l.b[l.p]) && !isDelimiter(l.b[l.p]) {
		if c := l.b[l.p]; c < '!' || c > '~' || c == '#' {
			return "", fmt.Errorf("name with byte %#x", c)
		}
		l.p++
	}
	if l.p == start {
		return "", fmt.Errorf("empty name")
	}
	return pdfName(l.b[start:l.p]), nil
}

var numberRE = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)`)
var refRE = regexp.MustCompile(`^(\d+) 0 R\b`)

// number reads a number, or an "n 0 R" reference.
func (l *lexer) number() (any, error) {
	if m := refRE.FindSubmatch(l.b[l.p:]); m != nil {
		l.p += len(m[0])
		n, _ := strconv.Atoi(string(m[1]))
		return pdfRef(n), nil
	}
	m := numberRE.Find(l.b[l.p:])
	if m == nil {
		return nil, fmt.Errorf("bad number at %q", l.b[l.p:min(l.p+10, len(l.b))])
	}
	l.p += len(m)
	if l.p < len(l.b) && !isSpace(l.b[l.p]) && !isDelimiter(l.b[l.p]) {
		return nil, fmt.Errorf("number %q runs into %q", m, l.b[l.p])
	}
	return strconv.ParseFloat(string(m), 64)
}
