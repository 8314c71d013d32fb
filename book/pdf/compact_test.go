package pdf

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// syntaxSample is PDF syntax as the writer made it before compact.go: a page's marked
// text, structure elements, an annotation, a name tree's entries, a comment.
const syntaxSample = `BT
/P <</MCID 0>> BDC
/F0 10 Tf
-0.0049 Tc
44.961 535.67 Td
[(The )5(miners )5(defeat \(in 1986\) )5(opened )4.9(up )5(a )5(15-year )4.9(period )]TJ
EMC
/P <</MCID 1 /ActualText <FEFF0066 0069>>> BDC
[-8.8(wel-)]TJ
EMC
% a comment ( with a parenthesis
ET
<< /S /P /P 2015 0 R /Pg 56 0 R /K [16 17 18 19] >>
<< /S /Link /P 2041 0 R /Pg 56 0 R /K [<< /Type /OBJR /Obj 261 0 R >> 12] >>
<< /Type /Annot /Subtype /Link /Rect [279 160 299 170] /Border [0 0 0] /Dest (ix-cod) /StructParent 994 /Contents (COD: a \) and  a \\) >>
<< /Limits [(a) (b)] /Names [(g-cc-use-1) [52 0 R /XYZ 159 351 null]
] >>
`

// syntaxTokens splits PDF syntax into its tokens, whitespace dropped, each string and
// comment whole: written apart from appendCompact, as a reader reads.
func syntaxTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		j := i + 1
		switch {
		case strings.IndexByte("\x00\t\n\f\r ", c) >= 0:
			i++
			continue
		case c == '(':
			for depth := 1; depth > 0; j++ {
				switch s[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
		case c == '%':
			j = i + strings.IndexAny(s[i:]+"\n", "\r\n")
		case strings.HasPrefix(s[i:], "<<") || strings.HasPrefix(s[i:], ">>"):
			j = i + 2
		case strings.IndexByte("<>[]{}", c) >= 0:
		default: // a name, a number or a keyword: to the next whitespace or delimiter
			for j < len(s) && strings.IndexByte("\x00\t\n\f\r ()<>[]{}/%", s[j]) < 0 {
				j++
			}
		}
		if c == '%' { // a comment's trailing spaces are the whitespace before its line's end
			out = append(out, strings.TrimRight(s[i:j], " \t\f\x00"))
		} else {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// TestCompactKeepsTheTokens holds appendCompact to PDF's syntax: the same tokens, no
// whitespace next to a delimiter, in place as well as into another buffer.
func TestCompactKeepsTheTokens(t *testing.T) {
	pieces := syntaxTokens(syntaxSample)
	spaces := []string{"", " ", "\n", "  \r\n\t"}
	rng := rand.New(rand.NewPCG(1, 2))
	for try := range 300 {
		// The sample's tokens again with whitespace of any kind (none where two regular
		// tokens meet, which would join them) between them.
		var b strings.Builder
		for k, p := range pieces {
			sp := spaces[rng.IntN(len(spaces))]
			if k > 0 && sp == "" && regularEdge(pieces[k-1][len(pieces[k-1])-1]) && regularEdge(p[0]) {
				sp = " "
			}
			if k > 0 && strings.HasPrefix(pieces[k-1], "%") {
				sp = "\n" // a comment runs to its line's end
			}
			b.WriteString(sp)
			b.WriteString(p)
		}
		src := b.String()
		got := string(appendCompact([]byte("["), src))[1:] // after a delimiter, as in a stream
		if !slices.Equal(syntaxTokens(got), pieces) {
			t.Fatalf("try %d: tokens differ:\n%s\nfrom\n%s", try, got, src)
		}
		inPlace := []byte(src)
		if again := appendCompact(inPlace[:0], inPlace); string(again) != got {
			t.Fatalf("try %d: in place %q, apart %q", try, again, got)
		}
		if want := shortest(pieces); len(got) != want {
			t.Fatalf("try %d: %d bytes, want %d: %q", try, len(got), want, got)
		}
	}
	if got := string(appendCompact(nil, "<< /Type /ObjStm /N 3 /First 12 >>")); got != "<</Type/ObjStm/N 3/First 12>>" {
		t.Errorf("a stream's dictionary: %q", got)
	}
}

// regularEdge reports whether c is a regular character (not whitespace or a delimiter).
func regularEdge(c byte) bool { return strings.IndexByte("\x00\t\n\f\r ()<>[]{}/%", c) < 0 }

// shortest is the length of tokens written with whitespace only where it is needed: a byte
// between two regular tokens, each comment's line end.
func shortest(tokens []string) int {
	n := 0
	for k, tok := range tokens {
		n += len(tok)
		if tok[0] == '%' {
			n++
		} else if k > 0 && tokens[k-1][0] != '%' && regularEdge(tokens[k-1][len(tokens[k-1])-1]) && regularEdge(tok[0]) {
			n++
		}
	}
	return n
}

// TestSeparateObjects: an object stream's objects run on without whitespace only where the
// last one ends in a delimiter.
func TestSeparateObjects(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"<</S/P>>", "<</S/P>>"},
		{"[1 0 R]", "[1 0 R]"},
		{"5 0 R", "5 0 R\n"},
		{"17", "17\n"},
		{"", "\n"},
	} {
		if got := string(separate([]byte(c.body))); got != c.want {
			t.Errorf("separate(%q) = %q, want %q", c.body, got, c.want)
		}
	}
	if got := string(spaceAfterToken([]byte("/K"))); got != "/K " {
		t.Errorf("after a key: %q", got)
	}
	if got := string(spaceAfterToken([]byte("/K["))); got != "/K[" {
		t.Errorf("after a bracket: %q", got)
	}
}

func BenchmarkAppendCompact(b *testing.B) {
	src := []byte(strings.Repeat(syntaxSample, 64))
	buf := make([]byte, 0, len(src))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		buf = appendCompact(buf[:0], src)
	}
}
