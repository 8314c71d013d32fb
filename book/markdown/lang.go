package markdown

import (
	"regexp"
	"strings"
	"sync"

	"bindery/book/config"
	"bindery/book/doc"
	"bindery/book/lang"
)

// Quotation marks depend on the language of the passage they are in, which is known only
// once the passage's attributes are read ([texto]{lang=es} comes after its text). So the
// typographer writes these private-use characters for the marks it makes, and localize
// turns them into the language's marks; marks the author typed are left as typed.
const (
	leftDouble  = "\uE01C"
	rightDouble = "\uE01D"
	leftSingle  = "\uE018"
	rightSingle = "\uE019"
)

// hasMarks reports whether s holds one of the typographer's marks above (EE 80 98, 99, 9C or
// 9D in UTF-8): strings.ContainsAny decodes every rune of s for a set that is not ASCII.
func hasMarks(s string) bool {
	for {
		i := strings.IndexByte(s, 0xEE)
		if i < 0 || i+2 >= len(s) {
			return false
		}
		if s[i+1] == 0x80 && (s[i+2] == 0x98 || s[i+2] == 0x99 || s[i+2] == 0x9C || s[i+2] == 0x9D) {
			return true
		}
		s = s[i+1:]
	}
}

// localize gives the text of blocks its language's quotation marks and punctuation
// spaces (book/lang), tag being the language around them; a Span with Lang switches.
func localize(blocks []doc.Block, tag string) {
	l := localizer{tag, lang.SpacesMarks(tag)}
	doc.InlineLists(blocks, func(ins *[]doc.Inline) { l.inlines(*ins) })
}

// localizer is a language and whether it spaces punctuation: most books' do not, and then
// no text needs lang.Punctuate's scans.
type localizer struct {
	tag    string
	spaces bool
}

func (l localizer) inlines(ins []doc.Inline) {
	for i, in := range ins {
		switch in := in.(type) {
		case *doc.Text:
			ins[i] = l.text(in)
		case *doc.Image:
			in.Alt = l.punctuate(marks(in.Alt, l.tag))
		case *doc.Code:
			in.Text = marks(in.Text, l.tag) // from an HTML <code>: as the typographer made it
		case *doc.Span:
			inner := l
			if in.Lang != "" {
				inner = localizer{in.Lang, lang.SpacesMarks(in.Lang)}
			}
			inner.inlines(in.Children)
		case doc.Container:
			l.inlines(in.Inlines())
		}
	}
}

// punctuate is lang.Punctuate, which leaves every text as it is in a language that spaces
// no mark.
func (l localizer) punctuate(s string) string {
	if !l.spaces {
		return s
	}
	return lang.Punctuate(l.tag, s)
}

// marks replaces the typographer's quotation marks by the language's.
func marks(s, tag string) string {
	if !hasMarks(s) {
		return s
	}
	q := lang.QuotesFor(tag)
	return strings.NewReplacer(
		leftDouble, q.Mark(0, true), rightDouble, q.Mark(0, false),
		leftSingle, q.Mark(1, true), rightSingle, q.Mark(1, false),
	).Replace(s)
}

// text localizes a text piece by piece (a piece per source line), so that each piece keeps
// its place in the source.
func (l localizer) text(t *doc.Text) *doc.Text {
	if len(t.Starts) == 0 {
		s := l.punctuate(marks(t.Text, l.tag))
		if s == t.Text {
			return t
		}
		return &doc.Text{At: t.At, Text: s}
	}
	if !hasMarks(t.Text) && (!l.spaces || !lang.MayPunctuate(t.Text)) {
		return t // no piece would change
	}
	out := &doc.Text{At: t.At, Starts: make([]doc.TextStart, 0, len(t.Starts))}
	var b strings.Builder
	b.Grow(len(t.Text))
	from := 0
	for i := 0; i <= len(t.Starts); i++ {
		to := len(t.Text)
		if i < len(t.Starts) {
			to = t.Starts[i].Offset
		}
		if i > 0 {
			out.Starts = append(out.Starts, doc.TextStart{Offset: b.Len(), Pos: t.Starts[i-1].Pos})
		}
		b.WriteString(l.punctuate(marks(t.Text[from:to], l.tag)))
		from = to
	}
	out.Text = b.String()
	return out
}

// spanAttrRE is an attribute group after a bracketed span: "]{lang=es}", "]{.smallcaps}".
var spanAttrRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\]\{([^{}\n]*)\}`) })

// langAttrRE finds lang=xx (quoted or not) in an attribute group.
var langAttrRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^|\s)lang=(?:"([^"]*)"|'([^']*)'|([^\s}]+))`) })

// attrLang is the lang= of an attribute group, whether it has the class .smallcaps, and
// whether the group is one (only #id, .class and key=value words).
func attrLang(body string) (tag, id string, smallCaps, ok bool) {
	// The typographer has curled the quotes of lang="es".
	body = strings.NewReplacer(leftDouble, `"`, rightDouble, `"`, leftSingle, "'", rightSingle, "'").Replace(body)
	for _, f := range strings.Fields(body) {
		switch {
		case strings.HasPrefix(f, "#") && len(f) > 1:
			id = f[1:]
		case f == ".smallcaps" || f == ".small-caps":
			smallCaps = true
		case strings.HasPrefix(f, ".") && len(f) > 1, strings.Contains(f, "="):
		default:
			return "", "", false, false
		}
	}
	if m := langAttrRE().FindStringSubmatch(body); m != nil {
		tag = m[1] + m[2] + m[3]
	}
	return tag, id, smallCaps, true
}

// spans finds pandoc's bracketed spans, [texto]{lang=es}, in a list of inlines whose
// texts are merged: the text between the brackets becomes a Span (with Lang, and an
// anchor for an #id), the brackets and the attributes go. A bracket the author meant
// ("[sic]") is left alone: only a closing bracket followed by attributes makes a span.
func (c *conv) spans(ins []doc.Inline) []doc.Inline {
	for i := 0; i < len(ins); i++ {
		t, ok := ins[i].(*doc.Text)
		if !ok {
			continue
		}
		for _, m := range spanAttrRE().FindAllStringSubmatchIndex(t.Text, -1) {
			tag, id, smallCaps, ok := attrLang(t.Text[m[2]:m[3]])
			if !ok {
				continue
			}
			j, at := openBracket(ins[:i+1], m[0])
			if j < 0 {
				continue
			}
			if tag != "" {
				if err := config.CheckLanguage(tag); err != nil {
					c.diags.Errorf(t.PosAt(m[2]), "lang=%s: %v", tag, err)
					tag = ""
				}
			}
			// ins[j] holds "[" at byte at; ins[i] holds "]{…}" at m[0].
			var kids []doc.Inline
			head := ins[j].(*doc.Text)
			var before *doc.Text
			if at > 0 {
				before = head.Slice(0, at)
			}
			if j == i {
				if m[0] > at+1 {
					kids = append(kids, t.Slice(at+1, m[0]))
				}
			} else {
				if at+1 < len(head.Text) {
					kids = append(kids, head.Slice(at+1, len(head.Text)))
				}
				kids = append(kids, ins[j+1:i]...)
				if m[0] > 0 {
					kids = append(kids, t.Slice(0, m[0]))
				}
			}
			if smallCaps {
				kids = []doc.Inline{&doc.Styled{At: doc.At{Pos: head.PosAt(at)}, Style: doc.SmallCaps, Children: kids}}
			}
			span := &doc.Span{At: doc.At{Pos: head.PosAt(at)}, Lang: tag, Children: kids}
			var repl []doc.Inline
			if before != nil {
				repl = append(repl, before)
			}
			if id != "" {
				repl = append(repl, &doc.TextAnchor{At: span.At, ID: doc.SafeID(id)})
			}
			repl = append(repl, span)
			next := len(repl)
			if m[1] < len(t.Text) {
				repl = append(repl, t.Slice(m[1], len(t.Text)))
			}
			rest := append(repl, ins[i+1:]...)
			ins = append(ins[:j:j], rest...)
			i = j + next - 1 // go on with the text after the span
			break
		}
	}
	return ins
}

// openBracket finds the "[" that the "]" at byte end of the last inline closes: in the
// same text, or in an earlier text of the list. It returns the inline's index and the
// bracket's byte offset, or -1.
func openBracket(ins []doc.Inline, end int) (int, int) {
	depth := 0
	for j := len(ins) - 1; j >= 0; j-- {
		t, ok := ins[j].(*doc.Text)
		if !ok {
			continue
		}
		s := t.Text
		if j == len(ins)-1 {
			s = s[:end]
		}
		for k := len(s) - 1; k >= 0; k-- {
			switch s[k] {
			case ']':
				depth++
			case '[':
				if depth == 0 {
					return j, k
				}
				depth--
			}
		}
	}
	return -1, -1
}
