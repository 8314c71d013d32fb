package doc

import (
	"sort"
	"strings"
	"unicode"

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
}

// Anchors is the book's registry of anchors: one namespace for every ID in the book, so that
// an ID is unique in the EPUB (where chapters are files) and in the PDF (one document).
type Anchors struct {
	byID map[string]*Anchor
}

// NewAnchors returns an empty registry.
func NewAnchors() *Anchors { return &Anchors{byID: map[string]*Anchor{}} }

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
	dash := false
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
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
