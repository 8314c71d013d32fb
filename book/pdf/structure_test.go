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
	// codeBytes is the length of a glyph code in the font the content being read set.
	codeBytes int
	trailer   pdfDict
	xref      int
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
	entries, trailer, err := readXref(data, rf.xref)
	if err != nil {
		return nil, err
	}
	rf.trailer = trailer
	// Objects written at the top level first, then those in object streams.
	for n := 1; n < len(entries); n++ {
		if e := entries[n]; e.kind == 1 {
			if e.at > rf.xref {
				return nil, fmt.Errorf("object %d at %d, after the xref stream", n, e.at)
			}
			if rf.objects[n], err = readObject(data, n, e.at); err != nil {
				return nil, err
			}
		}
	}
	for n := 1; n < len(entries); n++ {
		if e := entries[n]; e.kind == 2 {
			if rf.objects[n], err = rf.packedObject(n, e.at, e.index); err != nil {
				return nil, err
			}
		}
	}
	if err := rf.checkReferences(len(entries)); err != nil {
		return nil, err
	}
	return rf, rf.readPages()
}

// unpredict undoes a PNG predictor (/Predictor 10–15: each row begins with its filter
// type) over rows of width bytes; without /DecodeParms data is returned as it is.
func unpredict(data []byte, parms any, width int) ([]byte, error) {
	if parms == nil {
		return data, nil
	}
	d, ok := parms.(pdfDict)
	if !ok || d["Predictor"] == nil {
		return data, nil
	}
	if p, _ := d["Predictor"].(float64); p < 10 || d["Columns"] != float64(width) {
		return nil, fmt.Errorf("/DecodeParms %v for rows of %d", d, width)
	}
	var out []byte
	prev := make([]byte, width)
	for len(data) > 0 {
		if len(data) < width+1 {
			return nil, fmt.Errorf("a short predictor row")
		}
		kind, row := data[0], data[1:width+1]
		cur := make([]byte, width)
		for i, c := range row {
			left := byte(0)
			if i > 0 {
				left = cur[i-1]
			}
			switch kind {
			case 0:
				cur[i] = c
			case 1:
				cur[i] = c + left
			case 2:
				cur[i] = c + prev[i]
			default:
				return nil, fmt.Errorf("PNG filter %d", kind)
			}
		}
		out = append(out, cur...)
		prev, data = cur, data[width+1:]
	}
	return out, nil
}

// xrefEntry is an entry of the cross-reference stream: an offset (kind 1), or an object
// stream and an index in it (kind 2).
type xrefEntry struct{ kind, at, index int }

// readXref reads the cross-reference stream at off, which must list every object from 0,
// and returns its entries and its dictionary, the trailer.
func readXref(data []byte, off int) ([]xrefEntry, pdfDict, error) {
	head := regexp.MustCompile(`^(\d+) 0 obj\n`).FindSubmatch(data[min(off, len(data)):])
	if head == nil {
		return nil, nil, fmt.Errorf("no xref stream at %d", off)
	}
	num, _ := strconv.Atoi(string(head[1]))
	v, err := readObject(data, num, off)
	if err != nil {
		return nil, nil, err
	}
	st, ok := v.(pdfStream)
	if !ok || st.dict["Type"] != pdfName("XRef") {
		return nil, nil, fmt.Errorf("object %d at startxref is no xref stream", num)
	}
	raw, err := inflate(st)
	if err != nil {
		return nil, nil, fmt.Errorf("xref stream: %w", err)
	}
	w, _ := st.dict["W"].([]any)
	if len(w) != 3 || w[0] != 1.0 || w[2] != 2.0 {
		return nil, nil, fmt.Errorf("xref stream: /W %v", st.dict["W"])
	}
	width := 3 + int(w[1].(float64))
	if raw, err = unpredict(raw, st.dict["DecodeParms"], width); err != nil {
		return nil, nil, fmt.Errorf("xref stream: %w", err)
	}
	size, _ := st.dict["Size"].(float64)
	if len(raw)%width != 0 || len(raw)/width != int(size) || st.dict["Index"] != nil {
		return nil, nil, fmt.Errorf("xref stream: %d bytes for /Size %v", len(raw), st.dict["Size"])
	}
	field := func(b []byte) int {
		v := 0
		for _, c := range b {
			v = v<<8 | int(c)
		}
		return v
	}
	entries := make([]xrefEntry, int(size))
	for i := range entries {
		e := raw[i*width : (i+1)*width]
		entries[i] = xrefEntry{int(e[0]), field(e[1 : width-2]), field(e[width-2:])}
		if i == 0 && (e[0] != 0 || entries[0].index != 0xFFFF) || i > 0 && (e[0] < 1 || e[0] > 2) {
			return nil, nil, fmt.Errorf("xref stream: bad entry %d: %v", i, e)
		}
		if e[0] == 1 && entries[i].index != 0 {
			return nil, nil, fmt.Errorf("xref stream: object %d of generation %d", i, entries[i].index)
		}
	}
	if entries[num].kind != 1 || entries[num].at != off {
		return nil, nil, fmt.Errorf("xref stream: its own entry is %v", entries[num])
	}
	return entries, st.dict, nil
}

// packedObject reads object n, the index-th of object stream stm.
func (rf *readFile) packedObject(n, stm, index int) (any, error) {
	st, ok := rf.objects[stm].(pdfStream)
	if !ok || st.dict["Type"] != pdfName("ObjStm") {
		return nil, fmt.Errorf("object %d: object %d is no object stream", n, stm)
	}
	raw, err := inflate(st)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", stm, err)
	}
	count, _ := st.dict["N"].(float64)
	first, _ := st.dict["First"].(float64)
	if index >= int(count) || int(first) > len(raw) {
		return nil, fmt.Errorf("object %d: index %d of %v in object stream %d", n, index, count, stm)
	}
	lx := &lexer{b: raw[:int(first)]}
	var num, off float64
	for k := 0; k <= index; k++ {
		a, err1 := lx.value()
		b, err2 := lx.value()
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("object stream %d: bad header", stm)
		}
		num, _ = a.(float64)
		off, _ = b.(float64)
	}
	if int(num) != n {
		return nil, fmt.Errorf("object stream %d: entry %d is object %v, not %d", stm, index, num, n)
	}
	lx = &lexer{b: raw, p: int(first) + int(off)}
	v, err := lx.value()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return v, nil
}

// inflate returns a deflated stream's data.
func inflate(st pdfStream) ([]byte, error) {
	if st.dict["Filter"] != pdfName("FlateDecode") {
		return nil, fmt.Errorf("not deflated")
	}
	zr, err := zlib.NewReader(bytes.NewReader(st.data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
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
var operands = map[string]int{"BT": 0, "ET": 0, "Tf": 2, "Tc": 1, "Tm": 6, "Td": 2, "TJ": 1,
	"re": 4, "f": 0, "q": 0, "Q": 0, "cm": 6, "Do": 1, "g": 1, "rg": 3, "BDC": 2, "BMC": 1, "EMC": 0}

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
		if op == "Tf" {
			// Identity-H's codes are two bytes, the one-byte CMap's one.
			rf.codeBytes = 1
			if rf.dict(rf.dict(res[kind])[string(name)])["Encoding"] == pdfName("Identity-H") {
				rf.codeBytes = 2
			}
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
				if len(x)%rf.codeBytes != 0 {
					return fmt.Errorf("TJ string of %d bytes: glyph codes are %d", len(x), rf.codeBytes)
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
