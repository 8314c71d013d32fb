// Copied from goldmark v1.8.7, extension/linkify.go (MIT licence: LICENSE), its regular expressions
// replaced by matchers written by hand (autolink.go: the same matches) and its options by the
// allowed protocols.

package gfm

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

type linkifyParser struct {
	AllowedProtocols [][]byte
}

// NewLinkifyParser return a new InlineParser can parse
// text that seems like a URL. Each protocol ends with ':', like 'http:';
// none means http:, https: and ftp:.
func NewLinkifyParser(protocols ...string) parser.InlineParser {
	p := &linkifyParser{}
	for _, v := range protocols {
		p.AllowedProtocols = append(p.AllowedProtocols, []byte(v))
	}
	return p
}

func (s *linkifyParser) Trigger() []byte {
	// ' ' indicates any white spaces and a line head
	return []byte{' ', '*', '_', '~', '('}
}

// mayMatchKey holds, for a document, whether linkify may match anything in it.
var mayMatchKey = parser.NewContextKey()

// mayMatch reports whether the document's source holds an allowed protocol, "www." or an '@':
// every match starts with one of the first two or holds the third, within a line of the
// source. Without any, no word is a link, and Parse, called at every space of every line,
// need not look (7 % of the parse stage's CPU at 1x, now the one scan and a look-up).
func (s *linkifyParser) mayMatch(block text.Reader, pc parser.Context) bool {
	if may, ok := pc.Get(mayMatchKey).(bool); ok {
		return may
	}
	src := block.Source()
	may := bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, domainWWW)
	protocols := s.AllowedProtocols
	if protocols == nil {
		protocols = [][]byte{protoHTTP, protoHTTPS, protoFTP}
	}
	for _, p := range protocols {
		may = may || bytes.Contains(src, p)
	}
	pc.Set(mayMatchKey, may)
	return may
}

var (
	protoHTTP  = []byte("http:")
	protoHTTPS = []byte("https:")
	protoFTP   = []byte("ftp:")
	domainWWW  = []byte("www.")
)

func (s *linkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// mayMatch first: in a document without links (most) it is the only look. Both only read
	// (mayMatch's answer, kept in pc, is the source's), so the order changes no result.
	if !s.mayMatch(block, pc) || pc.IsInLinkLabel() {
		return nil
	}
	line, segment := block.PeekLine()
	consumes := 0
	start := segment.Start
	c := line[0]
	// advance if current position is not a line head.
	if c == ' ' || c == '*' || c == '_' || c == '~' || c == '(' {
		consumes++
		start++
		line = line[1:]
	}

	var m []int
	var protocol []byte
	var typ ast.AutoLinkType = ast.AutoLinkURL
	if s.AllowedProtocols == nil {
		if bytes.HasPrefix(line, protoHTTP) || bytes.HasPrefix(line, protoHTTPS) || bytes.HasPrefix(line, protoFTP) {
			m = matchURL(line)
		}
	} else {
		for _, prefix := range s.AllowedProtocols {
			if bytes.HasPrefix(line, prefix) {
				m = matchURL(line)
				break
			}
		}
	}
	if m == nil && bytes.HasPrefix(line, domainWWW) {
		m = matchWWW(line)
		protocol = []byte("http")
	}
	if m != nil && m[0] != 0 {
		m = nil
	}
	if m == nil {
		if len(line) > 0 && util.IsPunct(line[0]) {
			return nil
		}
		typ = ast.AutoLinkEmail
		stop := util.FindEmailIndex(line)
		if stop < 0 {
			return nil
		}
		at := bytes.IndexByte(line, '@')
		m = []int{0, stop, at, stop - 1}
		if bytes.IndexByte(line[m[2]:m[3]], '.') < 0 {
			return nil
		}
		lastChar := line[m[1]-1]
		if lastChar == '.' {
			m[1]--
		}
		if m[1] < len(line) {
			nextChar := line[m[1]]
			if nextChar == '-' || nextChar == '_' {
				return nil
			}
		}
	}
	if m == nil {
		return nil
	}
	if consumes != 0 {
		s := segment.WithStop(segment.Start + 1)
		ast.MergeOrAppendTextSegment(parent, s)
	}
	opening := bytes.Count(line[:m[1]], []byte{'('})
	closing := bytes.Count(line[:m[1]], []byte{')'})
	i := m[1]
	for i > 1 {
		switch line[i-1] {
		case '?', '!', '.', ',', ':', '*', '_', '~':
			i--
		case ')':
			if closing <= opening {
				goto endfor
			}
			closing--
			i--
		case ';':
			j := i - 2
			for ; j > 0; j-- {
				if util.IsAlphaNumeric(line[j]) {
					continue
				}
				break
			}
			if j == i-2 || line[j] != '&' {
				goto endfor
			}
			i = j
		default:
			goto endfor
		}
	}
endfor:
	consumes += i
	block.Advance(consumes)
	n := ast.NewTextSegment(text.NewSegment(start, start+i))
	link := ast.NewAutoLink(typ, n)
	link.Protocol = protocol
	return link
}

func (s *linkifyParser) CloseBlock(parent ast.Node, pc parser.Context) {
	// nothing to do
}

type linkify struct {
	protocols []string
}

// Linkify is an extension that allow you to parse text that seems like a URL.
var Linkify = &linkify{}

// NewLinkify creates a new [goldmark.Extender] that
// allow you to parse text that seems like a URL, of the protocols given
// (each ending with ':'; none means http:, https: and ftp:).
func NewLinkify(protocols ...string) goldmark.Extender {
	return &linkify{protocols: protocols}
}

func (e *linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			util.Prioritized(NewLinkifyParser(e.protocols...), 999),
		),
	)
}
