package config

import (
	"strings"

	"bindery/book/diag"

	"go.yaml.in/yaml/v3"
)

// Typography is how a book's letters and figures are set, in print and in the EPUB.
type Typography struct {
	// SmallCapAcronyms sets acronyms (words of two or more capitals, and glossary terms in
	// capitals; not those under not_acronyms:) in small capitals: acronyms: small-caps.
	SmallCapAcronyms bool
	// Numerals is the figures of running text: "oldstyle" or "lining" (numerals:), ""
	// when book.yaml names none (DefaultNumerals). Tables, headings and code are set in
	// lining figures whatever it says.
	Numerals string
	// AcronymsPos and NumeralsPos are where the keys are given (zero when absent), for
	// notes about them.
	AcronymsPos, NumeralsPos diag.Pos
}

// Numeral styles, as book.yaml names them.
const (
	Oldstyle = "oldstyle"
	Lining   = "lining"
)

// DefaultNumerals is the figure style of running text when book.yaml names none: oldstyle,
// as book designers set text (they sit among lower-case letters as lining figures, the
// height of capitals, do not); a face without oldstyle figures (Charis SIL and Gentium
// Book Plus have none) sets its own.
const DefaultNumerals = Oldstyle

var (
	acronymValues = []string{"small-caps", "capitals"}
	numeralValues = []string{Oldstyle, Lining}
)

// RunningNumerals is the figure style of running text.
func (t Typography) RunningNumerals() string {
	if t.Numerals == "" {
		return DefaultNumerals
	}
	return t.Numerals
}

// typography reads acronyms: and numerals:.
func (p *parser) typography(b *Book, r *raw) {
	if r.Acronyms.Kind != 0 {
		b.Typography.AcronymsPos = p.keyPos("acronyms")
	}
	if r.Numerals.Kind != 0 {
		b.Typography.NumeralsPos = p.keyPos("numerals")
	}
	if v, ok := p.choice(&r.Acronyms, "acronyms", acronymValues); ok {
		b.Typography.SmallCapAcronyms = v == "small-caps"
	}
	if v, ok := p.choice(&r.Numerals, "numerals", numeralValues); ok {
		b.Typography.Numerals = v
	}
}

// choice reads a key whose value is one of known words, reporting another with the nearest
// as a suggestion; ok is false when the key is absent or wrong.
func (p *parser) choice(n *yaml.Node, key string, known []string) (string, bool) {
	if n.Kind == 0 {
		return "", false
	}
	v := strings.TrimSpace(n.Value)
	for _, k := range known {
		if v == k {
			return v, true
		}
	}
	p.list.Errorf(p.at(n), "%s: %q is not one of %s%s", key, n.Value, strings.Join(known, ", "), didYouMean(v, known))
	return "", false
}
