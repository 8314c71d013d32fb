package epub

import "testing"

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
