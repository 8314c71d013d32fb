package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFileName: output names from titles are good file names on every desktop.
func TestFileName(t *testing.T) {
	for title, want := range map[string]string{
		"Bolivia: power within grasp": "bolivia-power-within-grasp",
		"My Novel":                    "my-novel",
		"A short book about books":    "a-short-book-about-books",
		"Café Müller, Straße":         "cafe-muller-strasse",
		"Ærø":                         "aero",
		"1984":                        "1984",
		"CON: a study":                "con-a-study",
		"CON":                         "con-book",
		"con.":                        "con-book",
		"Nul":                         "nul-book",
		"aux?":                        "aux-book",
		"COM1":                        "com1-book",
		"LPT9":                        "lpt9-book",
		"com10":                       "com10",
		"Lpt²":                        "lpt",
		`a<b>c:d"e/f\g|h?i*j`:         "a-b-c-d-e-f-g-h-i-j",
		"tab\there\x00nul":            "tab-here-nul",
		"Ιλιάδα":                      "ιλιάδα",
		"Война и мир":                 "война-и-мир",
		"紅樓夢":                         "紅樓夢",
		"हिन्दी कहानियाँ": "हिन्दी-कहानियाँ",
		"???":  "book",
		"":     "book",
		"  . ": "book",
	} {
		if got := FileName(title); got != want {
			t.Errorf("FileName(%q) = %q, want %q", title, got, want)
		}
	}
}

// TestLongFileName: a long title gives a name of at most 60 characters, cut between words,
// and valid UTF-8 whatever the script.
func TestLongFileName(t *testing.T) {
	for _, title := range []string{
		strings.Repeat("Supercalifragilistic expialidocious ", 10),
		strings.Repeat("紅樓夢", 40),
		strings.Repeat("Ιλιάδα ", 30),
	} {
		got := FileName(title)
		if n := utf8.RuneCountInString(got); n > maxNameRunes || n < 20 || !utf8.ValidString(got) || strings.HasSuffix(got, "-") {
			t.Errorf("FileName(%.20q…) = %q (%d characters)", title, got, n)
		}
		if len(got+"-booklet.pdf") > 255 {
			t.Errorf("%q: %d bytes", got, len(got))
		}
	}
}
