package diag

import "testing"

func TestVisible(t *testing.T) {
	for in, want := range map[string]string{
		"plain, accented é and “quoted”": "plain, accented é and “quoted”",
		"\x1b[31mred\x1b[0m":             `\x1b[31mred\x1b[0m`,
		"two\nlines\r\tand a tab":        `two\nlines\r\tand a tab`,
		"nul \x00 del \x7f c1 \u0085":    `nul \x00 del \x7f c1 \u0085`,
		"abc\u202edcba\u2066x\u200f":     `abc\u202edcba\u2066x\u200f`,
		"bad \xff byte":                  `bad \xff byte`,
		"non\ufffechar\uffff":            `non\ufffechar\uffff`,
		"<b>markup</b> stays":            "<b>markup</b> stays", // HTML escaping is the page's job
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}
