package config

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"bindery/book/diag"
	"bindery/fonts"
)

// Code is how a book sets its code: the zero value is the defaults.
type Code struct {
	// Font is the monospaced family's name (fonts.CodeFamilies); empty: the default.
	Font string
	// Highlight is the syntax highlighting: HighlightColour (the default, when empty: a
	// colour-blind-safe palette that also reads in greys), HighlightPrintSafe or HighlightNone.
	Highlight string
	// TabWidth is the columns a tab advances to the next multiple of; 0: 4.
	TabWidth int
	// LineNumbers numbers the lines of code blocks in print.
	LineNumbers bool
}

// The values of highlight:.
const (
	HighlightNone      = "none"
	HighlightPrintSafe = "print-safe"
	HighlightColour    = "colour"
)

// Tabs is the tab width, the default when none is given.
func (c Code) Tabs() int {
	if c.TabWidth <= 0 {
		return 4
	}
	return c.TabWidth
}

// HighlightStyle is the highlighting asked for, the default when none is given.
func (c Code) HighlightStyle() string {
	if c.Highlight == "" {
		return HighlightColour
	}
	return c.Highlight
}

// code reads code_font, highlight, tab_width and line_numbers.
func (p *parser) code(b *Book, r *raw) {
	if n := &r.CodeFont; n.Kind != 0 {
		if _, err := fonts.LookupCode(n.Value); err != nil || n.Kind != yaml.ScalarNode {
			names := fonts.Names(fonts.CodeFamilies)
			p.list.Errorf(p.at(n), "code_font: %q is not a code font bindery ships%s (known: %s)", n.Value, didYouMean(n.Value, names), strings.Join(names, ", "))
		} else {
			b.Code.Font = n.Value
		}
	}
	if n := &r.Highlight; n.Kind != 0 {
		choices := []string{HighlightNone, HighlightPrintSafe, HighlightColour}
		v := n.Value
		switch {
		case v == "color":
			v = HighlightColour
		case v == "false" || v == "off":
			v = HighlightNone
		}
		ok := false
		for _, c := range choices {
			ok = ok || c == v
		}
		if !ok || n.Kind != yaml.ScalarNode {
			p.list.Errorf(p.at(n), "highlight: %q is not one of %s%s", n.Value, strings.Join(choices, ", "), didYouMean(n.Value, choices))
		} else {
			b.Code.Highlight = v
		}
	}
	if n := &r.TabWidth; n.Kind != 0 {
		w, err := strconv.Atoi(n.Value)
		if err != nil || n.Kind != yaml.ScalarNode || w < 1 || w > 16 {
			p.list.Errorf(p.at(n), "tab_width: %q is not a number of columns from 1 to 16", n.Value)
		} else {
			b.Code.TabWidth = w
		}
	}
	if n := &r.LineNumbers; n.Kind != 0 {
		switch n.Value {
		case "true", "yes", "on":
			b.Code.LineNumbers = true
		case "false", "no", "off":
		default:
			p.list.Errorf(p.at(n), "line_numbers: %q is not true or false", n.Value)
		}
	}
}

// didYouMean is "; did you mean X?" for the known value nearest to v (diag.Suggest), or ""
// when none is near.
func didYouMean(v string, known []string) string {
	if best := diag.Suggest(v, known); best != "" {
		return "; did you mean " + strconv.Quote(best) + "?"
	}
	return ""
}
