package config

import (
	"strings"
	"testing"
)

func TestTypographyKeys(t *testing.T) {
	for _, c := range []struct {
		yaml      string
		smallCaps bool
		numerals  string
	}{
		{"", false, Oldstyle},
		{"acronyms: small-caps\n", true, Oldstyle},
		{"acronyms: capitals\nnumerals: lining\n", false, Lining},
		{"numerals: oldstyle\n", false, Oldstyle},
	} {
		b, err := Load(writeBook(t, good+c.yaml, "one.md"))
		if err != nil {
			t.Fatalf("%q: %v", c.yaml, err)
		}
		if b.Typography.SmallCapAcronyms != c.smallCaps || b.Typography.RunningNumerals() != c.numerals {
			t.Errorf("%q: %+v", c.yaml, b.Typography)
		}
	}
}

// TestTypographyKeysWrong: a wrong value is an error at its place, with the value meant.
func TestTypographyKeysWrong(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"acronyms: smallcaps\n", `book.yaml:8:11: error: acronyms: "smallcaps" is not one of small-caps, capitals; did you mean "small-caps"?`},
		{"numerals: oldstlye\n", `book.yaml:8:11: error: numerals: "oldstlye" is not one of oldstyle, lining; did you mean "oldstyle"?`},
		{"numerals: roman\n", `numerals: "roman" is not one of oldstyle, lining`},
		{"acronyms: [a]\n", `book.yaml:8:11:`},
	} {
		_, err := Load(writeBook(t, good+c.yaml, "one.md"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.yaml, err, c.want)
		}
	}
}
