package markdown

import (
	"bytes"
	"regexp"
	"sync"

	"bindery/book/diag"

	"github.com/yuin/goldmark/text"
)

var (
	noteRefRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\^([^\]\s]+)(\])?`) })
	noteDefRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`) })
)

// checkNotes reports what goldmark leaves silently as text or drops: a reference to a note
// that is not defined, "[^label" without its "]", and a note no text refers to. A reference
// whose label is near that of a note no text refers to is one mistake: one error, which
// suggests that note, and no warning for the note.
func (c *conv) checkNotes() {
	if !bytes.Contains(c.src, []byte("[^")) {
		return // what it looks for all starts so (most texts of an apparatus, many chapters)
	}
	defined := map[string]bool{}
	var labels []string // defined and referenced, in order
	for _, n := range c.notes {
		if n.Blocks != nil {
			defined[n.Label] = true
			labels = append(labels, n.Label)
		}
	}
	type unusedNote struct {
		label string
		off   int
	}
	// goldmark drops a note no text refers to before the reader sees it: find its definition.
	var unused []unusedNote
	var unusedLabels []string
	for _, m := range noteDefinitions(c.src) {
		label := string(c.src[m[2]:m[3]])
		if defined[label] || inSegments(c.codeBlocks, m[0]) {
			continue
		}
		unused = append(unused, unusedNote{label, m[0]})
		unusedLabels = append(unusedLabels, label)
	}
	meant := map[string]bool{} // unused notes an error suggests
	inCode := func(off int) bool {
		for _, r := range c.codeSpans {
			if off >= r[0] && off < r[1] {
				return true
			}
		}
		return false
	}
	for _, seg := range c.texts {
		line := c.src[seg.Start:seg.Stop]
		if !bytes.Contains(line, []byte("[^")) {
			continue // as most lines: the expression would find nothing
		}
		for _, m := range noteRefRE().FindAllSubmatchIndex(line, -1) {
			off := seg.Start + m[0]
			if inCode(off) || (m[0] > 0 && line[m[0]-1] == '\\') {
				continue
			}
			label := string(line[m[2]:m[3]])
			switch {
			case m[4] < 0:
				c.diags.Warnf(c.lines.Pos(off), "[^%s looks like a footnote reference without its closing ]", label)
			case defined[label]:
			default:
				if s := diag.Suggest(label, unusedLabels); s != "" {
					meant[s] = true
					for _, u := range unused {
						if u.label == s {
							c.diags.Errorf(c.lines.Pos(off), "footnote [^%s] is referenced but never defined; did you mean [^%s], defined at line %d and never referenced?", label, s, c.lines.Pos(u.off).Line)
							break
						}
					}
				} else if s := diag.Suggest(label, labels); s != "" {
					c.diags.Errorf(c.lines.Pos(off), "footnote [^%s] is referenced but never defined; did you mean [^%s]?", label, s)
				} else {
					c.diags.Errorf(c.lines.Pos(off), "footnote [^%s] is referenced but never defined: add a line \"[^%s]: the note\"", label, label)
				}
			}
		}
	}
	for _, u := range unused {
		if !meant[u.label] {
			c.diags.Warnf(c.lines.Pos(u.off), "footnote [^%s] is never referenced: its text is not printed; refer to it with [^%s] or delete it", u.label, u.label)
		}
	}
}

// noteDefinitions is noteDefRE's FindAllSubmatchIndex on src, the expression tried on the
// lines that hold "[^" only: a match is within a line, at its start, and the expression has
// no literal to look for first, so the engine tried it at every byte of the file (a fifth
// of reading the default book's chapters).
func noteDefinitions(src []byte) [][]int {
	var out [][]int
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte("[^"))
		if i < 0 {
			return out
		}
		i += from
		start := bytes.LastIndexByte(src[:i], '\n') + 1
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		if i-start <= 3 { // at most three spaces before it, or no definition starts the line
			if m := noteDefRE().FindSubmatchIndex(src[start:end]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += start
					}
				}
				out = append(out, m)
			}
		}
		from = end
	}
}

// inSegments reports whether byte offset off lies in one of the lines segs.
func inSegments(segs []text.Segment, off int) bool {
	for _, s := range segs {
		if off >= s.Start && off < s.Stop {
			return true
		}
	}
	return false
}
