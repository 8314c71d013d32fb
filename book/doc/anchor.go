package doc

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"bindery/book/diag"

	"golang.org/x/text/unicode/norm"
)

// AnchorKind says what an anchor marks.
type AnchorKind int

const (
	ChapterAnchor AnchorKind = iota
	SectionAnchor
	FootnoteAnchor
	InTextAnchor     // {#id} in running text
	GlossaryAnchor   // a glossary entry
	ChronologyAnchor // a chronology entry
	GeneratedAnchor  // a heading of generated back matter (glossary, chronology, index)
)

// Anchor is a place in the book that can be linked to.
type Anchor struct {
	ID      string
	Kind    AnchorKind
	Title   string
	Chapter *Chapter
	Pos     diag.Pos
	// File is the manuscript file the anchor is in (as in Book.Sources); empty for the
	// apparatus.
	File string
}

// Anchors is the book's registry of anchors: one namespace for every ID in the book, so that
// an ID is unique in the EPUB (where chapters are files) and in the PDF (one document).
type Anchors struct {
	byID map[string]*Anchor
	// names are other names links may use for headings, in reading order (Name).
	names map[string][]*Anchor
}

// NewAnchors returns an empty registry.
func NewAnchors() *Anchors {
	return &Anchors{byID: map[string]*Anchor{}, names: map[string][]*Anchor{}}
}

// Name records another name links may use for an anchor: the ID its heading's text gives
// before IDs repeated in the book are numbered ("summary" for the "Summary" whose ID is
// "summary-2"), or the ID another tool (GitHub, pandoc, mdBook) would give it.
func (r *Anchors) Name(name string, a *Anchor) {
	for _, x := range r.names[name] {
		if x == a {
			return
		}
	}
	r.names[name] = append(r.names[name], a)
}

// Named returns the anchors known by another name, in reading order.
func (r *Anchors) Named(name string) []*Anchor { return r.names[name] }

// Add registers a; if the ID is taken it returns the anchor that holds it.
func (r *Anchors) Add(a *Anchor) (existing *Anchor, ok bool) {
	if old, dup := r.byID[a.ID]; dup {
		return old, false
	}
	r.byID[a.ID] = a
	return nil, true
}

// Lookup finds an anchor by ID.
func (r *Anchors) Lookup(id string) (*Anchor, bool) {
	a, ok := r.byID[id]
	return a, ok
}

// IDs returns every registered ID, sorted.
func (r *Anchors) IDs() []string {
	ids := make([]string, 0, len(r.byID))
	for id := range r.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Slug derives a stable ID from text: accents folded, lower case, words joined by hyphens.
// It always starts with a letter, so it is a valid ID in XHTML, CSS and PDF destinations.
func Slug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	dash := false
	if !isASCII(text) { // NFD leaves ASCII as it is
		text = norm.NFD.String(text)
	}
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf: // by a table: most of every index heading's characters
			if !asciiWord[r] {
				dash = true
				continue
			}
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß':
			b.WriteString("ss")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'Ø':
			b.WriteString("o")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Letters without an ASCII base are dropped rather than made unreadable.
			dash = true
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		s = s[:60]
		if i := strings.LastIndexByte(s, '-'); i > 20 {
			s = s[:i]
		}
	}
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		s = "s-" + s
	}
	return strings.TrimSuffix(s, "-")
}

// SafeID returns an ID written for another tool (an HTML id, a pandoc {#id}) as one that is
// valid in XHTML, CSS selectors, URLs and PDF names: the ID itself when it is (ValidID),
// else a spelling of it with "x-" in front and every other character as _XXXX_ (its code
// point), so that "naïve" is "x-na_00ef_ve" wherever it is defined or linked to.
func SafeID(id string) string {
	if ValidID(id) {
		return id
	}
	var b strings.Builder
	b.WriteString("x-")
	for _, r := range id {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.') && r != '_' {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "_%04x_", r)
	}
	return b.String()
}

// ValidID reports whether an author-given ID is usable in XHTML, CSS selectors and URLs.
func ValidID(id string) bool {
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z') {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
