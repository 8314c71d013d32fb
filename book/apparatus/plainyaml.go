package apparatus

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parsePlainList reads an apparatus file into the node tree yaml.Unmarshal makes of it
// (comments left out: nothing reads them), when the file keeps to the plain YAML the
// apparatus is written in: a list at the margin whose items are mappings of simple keys
// (or one-line values), each value a one-line scalar (plain, or quoted with no escape), a
// one-line flow list of plain words, a folded or literal block of evenly indented lines
// with no blank line, or a nested list of the same. ok is false for anything else —
// anchors, tags, escapes, tabs, text over several lines, blank lines in a block, a
// number-like plain scalar, any mistake — and the caller then parses with yaml.v3, whose
// messages and tree are the reference. yaml.v3's scanner was most of reading the
// apparatus (TestPlainListIsYAMLs holds this to it).
func parsePlainList(data []byte) (root yaml.Node, ok bool) {
	if !plainBytes(data) {
		return yaml.Node{}, false
	}
	p := &plainParser{src: string(data)}
	p.splitLines()
	first := p.nextContent()
	if first < 0 || p.lines[first].indent != 0 {
		return yaml.Node{}, false
	}
	seq, ok := p.sequence(first, 0)
	if !ok || p.nextContent() >= 0 {
		return yaml.Node{}, false
	}
	return yaml.Node{Kind: yaml.DocumentNode, Line: seq.Line, Column: seq.Column, Content: []*yaml.Node{seq}}, true
}

// plainBytes reports whether data holds no character the parser leaves to yaml.v3: a
// control character (tab and carriage return included), a line break other than "\n"
// (NEL, U+2028, U+2029), a byte-order mark or a non-character; and is valid UTF-8.
func plainBytes(data []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(data); i++ {
		// Eight bytes of printable ASCII, most of a file, at once: a byte below 0x20 borrows,
		// 0x7f carries and one beyond ASCII has its top bit. The lowest byte marked is the
		// first such (a borrow or carry goes up only), where the switch looks.
		for i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			if marked := ((x - 0x20*ones) | (x + ones) | x) & highs; marked != 0 {
				i += bits.TrailingZeros64(marked) >> 3
				break
			}
			i += 8
		}
		if i == len(data) {
			break
		}
		switch b := data[i]; {
		case b < 0x20 && b != '\n', b == 0x7f:
			return false
		case b == 0xc2 && i+1 < len(data) && data[i+1] < 0xa0:
			return false // C1 controls, NEL among them
		case b == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			return false
		case b == 0xef && i+2 < len(data) && (data[i+1] == 0xbb && data[i+2] == 0xbf || data[i+1] == 0xbf && data[i+2] >= 0xbe):
			return false
		}
	}
	return utf8.Valid(data)
}

// plainLine is one line of the file: its bytes [start, end) without the line break, the
// spaces it begins with, and whether it holds nothing but spaces or a comment.
type plainLine struct {
	start, end, indent int
	empty              bool
}

type plainParser struct {
	src   string
	lines []plainLine
	next  int         // the first line not yet read
	slab  []yaml.Node // nodes are taken from here, a chunk at a time
	depth int         // of nested values: yaml.v3 refuses very deep ones, left to it
}

func (p *plainParser) splitLines() {
	p.lines = make([]plainLine, 0, strings.Count(p.src, "\n")+1)
	for start := 0; start < len(p.src); {
		end := strings.IndexByte(p.src[start:], '\n')
		if end < 0 {
			end = len(p.src)
		} else {
			end += start
		}
		l := plainLine{start: start, end: end}
		for l.start+l.indent < end && p.src[l.start+l.indent] == ' ' {
			l.indent++
		}
		l.empty = l.start+l.indent == end || p.src[l.start+l.indent] == '#'
		p.lines = append(p.lines, l)
		start = end + 1
	}
}

// nextContent is the first line from p.next on that is neither blank nor a comment, or -1;
// the lines passed over are read.
func (p *plainParser) nextContent() int {
	for p.next < len(p.lines) && p.lines[p.next].empty {
		p.next++
	}
	if p.next == len(p.lines) {
		return -1
	}
	return p.next
}

func (p *plainParser) node(kind yaml.Kind, tag string, line, off int) *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]yaml.Node, 0, 64)
	}
	// Set in the slab, which make zeroed, not made whole and copied there (152 bytes).
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.Kind, n.Tag, n.Line, n.Column = kind, tag, line+1, p.column(line, off)
	return n
}

// column is the column (from 1, in characters) of byte off on line.
func (p *plainParser) column(line, off int) int {
	s := p.src[p.lines[line].start:off]
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return utf8.RuneCountInString(s) + 1
		}
	}
	return len(s) + 1
}

// sequence reads the block list whose first "-" is on line at column col.
func (p *plainParser) sequence(line, col int) (*yaml.Node, bool) {
	l := p.lines[line]
	seq := p.node(yaml.SequenceNode, "!!seq", line, l.start+col)
	for {
		line = p.nextContent()
		if line < 0 || p.lines[line].indent < col {
			return seq, true
		}
		l = p.lines[line]
		at := l.start + col
		if l.indent > col || p.src[at] != '-' || at+1 == l.end || p.src[at+1] != ' ' {
			return nil, false
		}
		at += 2
		for at < l.end && p.src[at] == ' ' {
			at++
		}
		if at == l.end || p.src[at] == '#' {
			return nil, false // an item on the lines below, or empty
		}
		var item *yaml.Node
		ok := false
		if p.isKey(line, at) {
			item, ok = p.mapping(line, at-l.start)
		} else {
			item, ok = p.value(line, at, col)
		}
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, item)
	}
}

// isKey reports whether a simple key (letters, digits, "_" and "-", starting with a letter)
// and ": " or ":" at the line's end begin at byte at of line.
func (p *plainParser) isKey(line, at int) bool {
	end := p.lines[line].end
	i := at
	for i < end && i-at < 64 && isKeyByte(p.src[i], i == at) {
		i++
	}
	return i > at && i < end && p.src[i] == ':' && (i+1 == end || p.src[i+1] == ' ')
}

func isKeyByte(b byte, first bool) bool {
	letter := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
	return letter || !first && (b >= '0' && b <= '9' || b == '_' || b == '-')
}

// mapping reads the block mapping whose first key begins at column col of line (a key
// isKey found).
func (p *plainParser) mapping(line, col int) (*yaml.Node, bool) {
	m := p.node(yaml.MappingNode, "!!map", line, p.lines[line].start+col)
	for first := true; ; first = false {
		if !first {
			line = p.nextContent()
			if line < 0 || p.lines[line].indent < col {
				return m, true
			}
			if p.lines[line].indent > col || !p.isKey(line, p.lines[line].start+col) {
				return nil, false
			}
		}
		l := p.lines[line]
		at := l.start + col
		colon := at + strings.IndexByte(p.src[at:l.end], ':')
		key, ok := p.plainScalar(line, at, p.src[at:colon])
		if !ok {
			return nil, false
		}
		p.next = line + 1
		at = colon + 1
		for at < l.end && p.src[at] == ' ' {
			at++
		}
		var val *yaml.Node
		switch {
		case at < l.end && p.src[at] == '#':
			return nil, false
		case at < l.end:
			val, ok = p.value(line, at, col)
		default:
			val, ok = p.nested(col)
		}
		if !ok {
			return nil, false
		}
		m.Content = append(m.Content, key, val)
	}
}

// nested reads a value on the lines below its key, at column col: a list, or a mapping,
// indented further. An empty value is left to yaml.v3.
func (p *plainParser) nested(col int) (*yaml.Node, bool) {
	line := p.nextContent()
	if p.depth++; line < 0 || p.lines[line].indent <= col || p.depth > 100 {
		return nil, false
	}
	defer func() { p.depth-- }()
	l := p.lines[line]
	at := l.start + l.indent
	switch {
	case p.src[at] == '-' && at+1 < l.end && p.src[at+1] == ' ':
		return p.sequence(line, l.indent)
	case p.isKey(line, at):
		return p.mapping(line, l.indent)
	}
	return nil, false
}

// value reads the value beginning at byte at of line, in a collection at column col: a
// scalar or flow list on the line, or a block scalar on the lines below.
func (p *plainParser) value(line, at, col int) (*yaml.Node, bool) {
	p.next = line + 1
	end := p.lines[line].end
	switch p.src[at] {
	case '"', '\'':
		return p.quoted(line, at)
	case '[':
		return p.flowList(line, at)
	case '>', '|':
		return p.block(line, at, col)
	}
	v := p.src[at:end]
	if c := strings.Index(v, " #"); c >= 0 {
		v = v[:c]
	}
	v = strings.TrimRight(v, " ")
	if strings.Contains(v, ": ") || strings.HasSuffix(v, ":") || strings.IndexByte("-?:,[]{}#&*!|>'\"%@`", v[0]) >= 0 {
		return nil, false
	}
	return p.plainScalar(line, at, v)
}

// plainScalar is a plain scalar's node, tagged as yaml.v3 resolves it; a scalar that may
// be a number or a date is left to yaml.v3.
func (p *plainParser) plainScalar(line, at int, v string) (*yaml.Node, bool) {
	tag := "!!str"
	switch v[0] {
	case '+', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var ok bool
		if tag, ok = numberTag(v); !ok {
			return nil, false
		}
	case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~', '<':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			tag = "!!bool"
		case "~", "null", "Null", "NULL":
			tag = "!!null"
		case "<<":
			tag = "!!merge"
		}
	}
	n := p.node(yaml.ScalarNode, tag, line, at)
	n.Value = v
	return n, true
}

// numberTag is the tag yaml.v3 gives a plain scalar that begins with a digit, a sign or a
// point, for the forms the apparatus has: a year or another whole number, a date, or
// text no number or date could be read from. ok is false for the others.
func numberTag(v string) (tag string, ok bool) {
	dateLike := len(v) > 4 && v[4] == '-' && strings.Trim(v[:4], "0123456789") == ""
	switch {
	case dateLike && strings.Trim(v, "0123456789-") == "":
		// yaml.v3 tries its date formats; only "2006-1-2" can match digits and dashes,
		// and nothing else reads them.
		if _, err := time.Parse("2006-1-2", v); err == nil {
			return "!!timestamp", true
		}
		return "!!str", true
	case dateLike:
		return "", false
	case strings.Trim(v, "0123456789abcdefABCDEFxXoObB_.+-") != "":
		// A character no number is written with (a space, a slash, a letter past f).
		return "!!str", true
	case v == "0" || v[0] >= '1' && v[0] <= '9' && len(v) <= 18 && strings.Trim(v, "0123456789") == "":
		return "!!int", true
	}
	return "", false
}

// rest reports whether nothing but spaces, or spaces and a comment, follow byte at of line.
func (p *plainParser) rest(line, at int) bool {
	s := p.src[at:p.lines[line].end]
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// quoted reads a scalar in double quotes with no escape, or in single quotes, on one line.
func (p *plainParser) quoted(line, at int) (*yaml.Node, bool) {
	q := p.src[at]
	s := p.src[at+1 : p.lines[line].end]
	var v string
	style := yaml.DoubleQuotedStyle
	if q == '"' {
		end := strings.IndexByte(s, '"')
		if end < 0 || strings.IndexByte(s[:end], '\\') >= 0 {
			return nil, false
		}
		v, s = s[:end], s[end+1:]
	} else {
		style = yaml.SingleQuotedStyle
		var b strings.Builder
		for {
			end := strings.IndexByte(s, '\'')
			if end < 0 {
				return nil, false
			}
			if end+1 < len(s) && s[end+1] == '\'' {
				b.WriteString(s[:end+1])
				s = s[end+2:]
				continue
			}
			if b.Len() == 0 {
				v = s[:end]
			} else {
				b.WriteString(s[:end])
				v = b.String()
			}
			s = s[end+1:]
			break
		}
	}
	if !p.rest(line, p.lines[line].end-len(s)) {
		return nil, false
	}
	n := p.node(yaml.ScalarNode, "!!str", line, at)
	n.Value, n.Style = v, style
	return n, true
}

// flowWord is where a flow list's plain item ends in s (at its ',' or ']'), in one pass
// over its bytes; ok is false when there is no end or the item holds one of [ { } # : " '
// (then yaml.v3 reads the file).
func flowWord(s string) (stop int, ok bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ']':
			return i, true
		case '[', '{', '}', '#', ':', '"', '\'':
			return i, false
		}
	}
	return len(s), false
}

// flowList reads a list in brackets on one line, of plain words or text in double quotes.
func (p *plainParser) flowList(line, at int) (*yaml.Node, bool) {
	end := p.lines[line].end
	seq := p.node(yaml.SequenceNode, "!!seq", line, at)
	seq.Style = yaml.FlowStyle
	i := skipSpaces(p.src, at+1, end)
	if i < end && p.src[i] == ']' {
		return seq, p.rest(line, i+1)
	}
	for i < end {
		var n *yaml.Node
		ok := false
		if p.src[i] == '"' {
			stop := strings.IndexByte(p.src[i+1:end], '"')
			if stop < 0 || strings.IndexByte(p.src[i+1:i+1+stop], '\\') >= 0 {
				return nil, false
			}
			n, ok = p.node(yaml.ScalarNode, "!!str", line, i), true
			n.Value, n.Style = p.src[i+1:i+1+stop], yaml.DoubleQuotedStyle
			i += stop + 2
		} else {
			stop, ended := flowWord(p.src[i:end])
			if !ended {
				return nil, false
			}
			v := strings.TrimRight(p.src[i:i+stop], " ")
			if v == "" || strings.IndexByte("-?,&*!|>%@`", v[0]) >= 0 {
				return nil, false
			}
			n, ok = p.plainScalar(line, i, v)
			i += stop
		}
		if !ok {
			return nil, false
		}
		seq.Content = append(seq.Content, n)
		i = skipSpaces(p.src, i, end)
		switch {
		case i < end && p.src[i] == ']':
			return seq, p.rest(line, i+1)
		case i < end && p.src[i] == ',':
			i = skipSpaces(p.src, i+1, end)
		default:
			return nil, false
		}
	}
	return nil, false
}

func skipSpaces(s string, i, end int) int {
	for i < end && s[i] == ' ' {
		i++
	}
	return i
}

// block reads a folded (">", ">-") or literal ("|", "|-") scalar whose header is at byte at
// of line, in a collection at column col: lines indented alike, more than col, none blank.
func (p *plainParser) block(line, at, col int) (*yaml.Node, bool) {
	header := strings.TrimRight(p.src[at:p.lines[line].end], " ")
	if len(header) > 2 || len(header) == 2 && header[1] != '-' {
		return nil, false
	}
	first := line + 1
	if first == len(p.lines) || p.lines[first].empty || p.lines[first].indent <= col {
		return nil, false
	}
	indent := p.lines[first].indent
	last := first
	for last+1 < len(p.lines) && p.lines[last+1].indent == indent && p.lines[last+1].start+indent < p.lines[last+1].end {
		last++
	}
	// What follows must end the block: a blank line followed by more of it, a line of
	// spaces past the block's indentation (spaces of its text), or a line indented further
	// is left to yaml.v3.
	for after := last + 1; after < len(p.lines); after++ {
		l := p.lines[after]
		if l.start+l.indent < l.end {
			if l.indent >= indent {
				return nil, false
			}
			break
		}
		if l.indent > indent {
			return nil, false
		}
	}
	sep := " "
	n := p.node(yaml.ScalarNode, "!!str", line, at)
	n.Style = yaml.FoldedStyle
	if header[0] == '|' {
		sep, n.Style = "\n", yaml.LiteralStyle
	}
	var b strings.Builder
	for i := first; i <= last; i++ {
		if i > first {
			b.WriteString(sep)
		}
		b.WriteString(p.src[p.lines[i].start+indent : p.lines[i].end])
	}
	if len(header) == 1 && p.lines[last].end < len(p.src) { // clipped to its line break, if it has one
		b.WriteByte('\n')
	}
	n.Value = b.String()
	p.next = last + 1
	return n, true
}
