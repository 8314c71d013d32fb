package config

import (
	"strings"
	"testing"
)

func TestCodeOptions(t *testing.T) {
	dir := writeBook(t, good+"code_font: liberation mono\nhighlight: print-safe\ntab_width: 8\nline_numbers: true\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Code.Font != "liberation mono" || b.Code.HighlightStyle() != HighlightPrintSafe || b.Code.Tabs() != 8 || !b.Code.LineNumbers {
		t.Fatalf("code settings: %+v", b.Code)
	}
	b, err = Load(writeBook(t, good, "one.md"))
	if err != nil {
		t.Fatal(err)
	}
	if b.Code.HighlightStyle() != HighlightColour || b.Code.Tabs() != 4 || b.Code.LineNumbers {
		t.Fatalf("defaults: %+v", b.Code)
	}
}

func TestCodeOptionsBad(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"code_font: DejaVu Sans Mnoo\n", `book.yaml:8:12: error: code_font: "DejaVu Sans Mnoo" is not a code font bindery ships; did you mean "DejaVu Sans Mono"?`},
		{"code_font: Comic Sans\n", `code_font: "Comic Sans" is not a code font bindery ships (known: DejaVu Sans Mono, Liberation Mono)`},
		{"highlight: colur\n", `book.yaml:8:12: error: highlight: "colur" is not one of none, print-safe, colour; did you mean "colour"?`},
		{"tab_width: 0\n", `tab_width: "0" is not a number`},
		{"line_numbers: maybe\n", `line_numbers: "maybe" is not true or false`},
	} {
		_, err := Load(writeBook(t, good+c.yaml, "one.md"))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %s", c.yaml, err, c.want)
		}
	}
}
