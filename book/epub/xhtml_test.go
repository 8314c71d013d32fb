package epub

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// A chapter's buffer doubles as it grows: written in small pieces, a long book's index
// (megabytes) is copied into a new buffer about once for each doubling, not once for each
// quarter more.
func TestPageBufferDoubles(t *testing.T) {
	p := &page{b: make([]byte, 0, 1<<20)}
	moves := 0
	for i := 0; len(p.b) < 8<<20; i++ {
		before := cap(p.b)
		switch i % 4 {
		case 0:
			p.raw("<li><a href=\"text/chapter.xhtml#p-12\">")
		case 1:
			p.text("an entry & its page")
		case 2:
			p.int(i)
		default:
			p.raws("</a>", "</li>\n")
		}
		if cap(p.b) != before {
			moves++
		}
	}
	if moves > 4 {
		t.Errorf("the buffer was moved %d times from 1 MB to 8 MB", moves)
	}
}

// Text where no page begins and no anchor waits is written as it is, and leaves the counter
// as following it rune by rune does: text seen or not, ending in a space or not.
func TestTextWithoutBreaksSkipsAsFollowed(t *testing.T) {
	texts := []string{"", " ", "word", "two words", "ends in a space ", "  leading", "\u00a0", "a\u2009b", "\u2003 ", "x\xff", "\xff ", "tab\t", "\n\n", "é à"}
	for _, s := range texts {
		for _, state := range [][2]bool{{false, false}, {true, false}, {true, true}, {false, true}} {
			slow := &wordCounter{started: state[0], inSpace: state[1], r: &chapterRenderer{out: &page{}}}
			fast := &wordCounter{started: state[0], inSpace: state[1], r: &chapterRenderer{out: &page{}}}
			slow.follow(s)
			fast.text(s)
			if slow.started != fast.started || slow.inSpace != fast.inSpace || string(slow.r.out.b) != string(fast.r.out.b) {
				t.Errorf("%q after started %v, in space %v: skipped gives started %v, in space %v, %q; followed %v, %v, %q",
					s, state[0], state[1], fast.started, fast.inSpace, fast.r.out.b, slow.started, slow.inSpace, slow.r.out.b)
			}
		}
	}
}

// runeByRune is appendXMLText as it was written, rune by rune: what the stretches copied must
// give.
func runeByRune(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case !xmlChar(r):
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// TestXMLTextCopiesStretches holds appendXMLText to the rune-by-rune escaping on typographic
// text, markup characters, controls, DEL, C1 controls, non-characters and bytes that are not
// UTF-8, and on random bytes. (Clean ASCII, DEL among it, is copied whole, as always.)
func TestXMLTextCopiesStretches(t *testing.T) {
	texts := []string{"", "plain", "don’t — “quoted”", "a & b < c > d \"e\" 'f'", "tab\tnew\nline\r",
		"bell\a", "del\x7f&", "c1 \u0085 \u009f", "\ufffe\uffff", "bad \xff\xfe utf8 \xe2\x80", "\ufffd real",
		"emoji 😀 & more", "é", "&", "\x00", "x\x7f"}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", " ", "&", "<", "'", "\x7f", "\x01", "\t", "é", "’", "\u0085", "\uffff", "\xff", "\xe2\x80", "😀"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		want := runeByRune(s)
		if xmlClean(s) {
			want = s
		}
		if got := string(appendXMLText(nil, s)); got != want {
			t.Fatalf("appendXMLText(%q) = %q, rune by rune %q", s, got, want)
		}
	}
}
