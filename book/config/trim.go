package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"bindery/book/diag"

	"go.yaml.in/yaml/v3"
)

// Trim is the size of the printed page, in PostScript points (1/72 in).
type Trim struct {
	Name          string // "A5", "A4", "Letter", "6x9in" or "custom"
	Width, Height float64
}

const mm = 72 / 25.4

// Trims are the named page sizes book.yaml accepts.
var Trims = []Trim{
	{"A5", 148 * mm, 210 * mm},
	{"A4", 210 * mm, 297 * mm},
	{"Letter", 8.5 * 72, 11 * 72},
	{"6x9in", 6 * 72, 9 * 72},
	{"HalfLetter", 5.5 * 72, 8.5 * 72}, // two to a Letter sheet, for booklets
}

// DefaultTrim is A5, the usual pamphlet size.
var DefaultTrim = Trims[0]

func trimNames() string {
	var names []string
	for _, t := range Trims {
		names = append(names, t.Name)
	}
	return strings.Join(names, ", ")
}

// ParseTrim reads "A5" or a mapping {width: 140mm, height: 216mm}.
func ParseTrim(n *yaml.Node) (Trim, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		for _, t := range Trims {
			if strings.EqualFold(t.Name, n.Value) || (t.Name == "Letter" && strings.EqualFold(n.Value, "us-letter")) {
				return t, nil
			}
		}
		return Trim{}, fmt.Errorf("unknown size %q (known: %s, or {width: 140mm, height: 216mm})", n.Value, trimNames())
	case yaml.MappingNode:
		t := Trim{Name: "custom"}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i].Value, n.Content[i+1].Value
			l, err := ParseLength(v)
			if err != nil {
				return Trim{}, fmt.Errorf("%s: %v", k, err)
			}
			switch k {
			case "width":
				t.Width = l
			case "height":
				t.Height = l
			default:
				return Trim{}, fmt.Errorf("unknown key %q%s", k, diag.Alternatives(k, []string{"width", "height"}))
			}
		}
		if t.Width < 144 || t.Height < 144 || t.Width > 14400 || t.Height > 14400 {
			return Trim{}, fmt.Errorf("width and height must each be between 2in and 200in")
		}
		return t, nil
	}
	return Trim{}, fmt.Errorf("expected a size name (%s) or {width: …, height: …}", trimNames())
}

// ParseLength reads a length with a unit (pt, mm, cm, in) and returns points.
func ParseLength(s string) (float64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		pt     float64
	}{{"pt", 1}, {"mm", mm}, {"cm", 10 * mm}, {"in", 72}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return 0, fmt.Errorf("%q is not a length", s)
			}
			return v * u.pt, nil
		}
	}
	return 0, fmt.Errorf("%q needs a unit: pt, mm, cm or in", s)
}

// parsePrint reads the print: mapping. On error it returns the node at fault.
func parsePrint(n *yaml.Node) (Print, *yaml.Node, error) {
	var p Print
	if n.Kind != yaml.MappingNode {
		return p, n, fmt.Errorf("expected a mapping (font_size:, leading:, margins:, recto_chapters:, bleed:, marks:, paper:)")
	}
	length := func(v *yaml.Node, lo, hi float64) (float64, error) {
		l, err := ParseLength(v.Value)
		if err != nil {
			return 0, err
		}
		if l < lo || l > hi {
			return 0, fmt.Errorf("%s is out of range (%gpt to %gpt)", v.Value, lo, hi)
		}
		return l, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch k.Value {
		case "font_size":
			p.FontSize, err = length(v, 5, 30)
		case "leading":
			p.Leading, err = length(v, 5, 60)
		case "recto_chapters":
			if v.Value != "true" && v.Value != "false" {
				err = fmt.Errorf("recto_chapters must be true or false")
			}
			p.RectoChapters = v.Value == "true"
		case "bleed":
			p.Bleed, err = length(v, 0, 20*mm)
		case "marks":
			if v.Value != "true" && v.Value != "false" {
				err = fmt.Errorf("marks must be true or false")
			}
			p.Marks = v.Value == "true"
		case "paper":
			if p.Caliper, err = parsePaper(v); err != nil {
				return p, v, fmt.Errorf("paper: %v", err)
			}
		case "margins":
			if v.Kind != yaml.MappingNode {
				return p, v, fmt.Errorf("margins: expected {top:, bottom:, inner:, outer:}")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				mk, mv := v.Content[j], v.Content[j+1]
				var dst *float64
				switch mk.Value {
				case "top":
					dst = &p.Top
				case "bottom":
					dst = &p.Bottom
				case "inner":
					dst = &p.Inner
				case "outer":
					dst = &p.Outer
				default:
					return p, mk, fmt.Errorf("margins: unknown key %q%s", mk.Value, diag.Alternatives(mk.Value, []string{"top", "bottom", "inner", "outer"}))
				}
				if *dst, err = length(mv, 0, 720); err != nil {
					return p, mv, fmt.Errorf("margins: %s: %v", mk.Value, err)
				}
			}
		default:
			return p, k, fmt.Errorf("unknown key %q%s", k.Value, diag.Alternatives(k.Value, []string{"font_size", "leading", "margins", "recto_chapters", "bleed", "marks", "paper"}))
		}
		if err != nil {
			return p, v, fmt.Errorf("%s: %v", k.Value, err)
		}
	}
	if p.Leading != 0 && p.FontSize != 0 && p.Leading < p.FontSize {
		return p, n, fmt.Errorf("leading (%gpt) is smaller than the font size (%gpt)", p.Leading, p.FontSize)
	}
	return p, nil, nil
}

// parsePaper reads paper: {caliper: 0.1mm} (the thickness of a leaf) or {ppi: 444} (pages
// per inch, as paper merchants sell it: two pages a leaf), and returns the caliper in points.
func parsePaper(n *yaml.Node) (float64, error) {
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
		return 0, fmt.Errorf("expected {caliper: 0.1mm} or {ppi: 444}")
	}
	k, v := n.Content[0], n.Content[1]
	switch k.Value {
	case "caliper":
		c, err := ParseLength(v.Value)
		if err != nil {
			return 0, err
		}
		if c < 0.02*mm || c > 1*mm {
			return 0, fmt.Errorf("caliper %s is out of range (0.02mm to 1mm)", v.Value)
		}
		return c, nil
	case "ppi":
		ppi, err := strconv.ParseFloat(v.Value, 64)
		if err != nil || ppi < 50 || ppi > 2000 {
			return 0, fmt.Errorf("ppi %q: pages per inch, a number from 50 to 2000", v.Value)
		}
		return 2 * 72 / ppi, nil
	}
	return 0, fmt.Errorf("unknown key %q (known: caliper, ppi)", k.Value)
}
