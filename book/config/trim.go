package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

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

// parseTrim reads "A5" or a mapping {width: 140mm, height: 216mm}.
func parseTrim(n *yaml.Node) (Trim, error) {
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
				return Trim{}, fmt.Errorf("unknown key %q (known: width, height)", k)
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
