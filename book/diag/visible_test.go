package diag

import "testing"

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain, accented é and “quoted”":  "plain, accented é and “quoted”",
		"\x1b[31mred\x1b[0m":              `\x1b[31mred\x1b[0m`,
		"two\nlines\r\tand a tab":         `two\nlines\r\tand a tab`,
		"nul \x00 del \x7f c1 \u0085":     `nul \x00 del \x7f c1 \u0085`,
		"abc\u202edcba\u2066x\u200f":      `abc\u202edcba\u2066x\u200f`,
		"bad \xff byte":                   `bad \xff byte`,
		"non\ufffechar\uffff":             `non\ufffechar\uffff`,
		"<b>markup</b> stays":             "<b>markup</b> stays", // HTML escaping is the page's job
		"title \x1b]0;PWNED\x07 end":      `title \x1b]0;PWNED\x07 end`,
		"evil\u202egnp.exe":               `evil\u202egnp.exe`,
		"marks \u200e\u200f\u061c \u2069": `marks \u200e\u200f\u061c \u2069`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
		if got := Visible(Visible(in)); got != want {
			t.Errorf("Visible is not idempotent on %q: %s", in, got)
		}
	}
	if got := VisibleFile("ch\n\x1b[2Jx.md"); got != `"ch\n\x1b[2Jx.md"` {
		t.Errorf("VisibleFile = %s", got)
	}
	if got := VisibleFile("chapter one.md"); got != "chapter one.md" {
		t.Errorf("VisibleFile = %s", got)
	}
}
