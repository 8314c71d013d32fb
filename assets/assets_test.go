package assets

import (
	"regexp"
	"strings"
	"testing"
)

var (
	commentRE  = regexp.MustCompile(`(?s)/\*.*?\*/`)
	propertyRE = regexp.MustCompile(`^-?[a-z][a-z-]*$`)
)

// rules splits a stylesheet without at-rules into its selectors and declarations, failing on
// anything a CSS 2.1 parser would drop (an unbalanced brace, a declaration without a colon).
func rules(t *testing.T, css string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	css = commentRE.ReplaceAllString(css, "")
	for _, chunk := range strings.Split(css, "}") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		sel, body, ok := strings.Cut(chunk, "{")
		if !ok || strings.Contains(body, "{") {
			t.Fatalf("not a rule: %q", chunk)
		}
		for _, decl := range strings.Split(body, ";") {
			if strings.TrimSpace(decl) == "" {
				continue
			}
			prop, value, ok := strings.Cut(decl, ":")
			if !ok || !propertyRE.MatchString(strings.TrimSpace(prop)) || strings.TrimSpace(value) == "" {
				t.Errorf("%s: not a declaration: %q", strings.TrimSpace(sel), decl)
			}
		}
		out[strings.Join(strings.Fields(sel), " ")] = append(out[strings.Join(strings.Fields(sel), " ")], body)
	}
	return out
}

// TestStylesheetIsCSS21: the main stylesheet uses only what MuPDF and Adobe's RMSDK read (an
// engine that meets a rule it does not know may drop it, or RMSDK the whole sheet): no
// at-rules, no namespace selectors, no CSS 3 selectors.
func TestStylesheetIsCSS21(t *testing.T) {
	css := commentRE.ReplaceAllString(string(Stylesheet), "")
	for _, bad := range []string{"@", "|", ":not(", ":nth-", "~", ":last-child", "-of-type", "::", "!important"} {
		if strings.Contains(css, bad) {
			t.Errorf("book.css has %q", bad)
		}
	}
	r := rules(t, string(Stylesheet))
	// What readers rely on, by the selectors the EPUB writer's markup matches.
	for _, sel := range []string{"[hidden]", "li.index-entry", "ul.index-entry-list", `a[role="doc-glossref"]`, `a[role="doc-backlink"]`} {
		if _, ok := r[sel]; !ok {
			t.Errorf("book.css has no rule for %s", sel)
		}
	}
}

// TestMediaStylesheet: the rules with media queries, in their own file, each a query on the
// width of the viewport or of the screen.
func TestMediaStylesheet(t *testing.T) {
	css := commentRE.ReplaceAllString(string(Media), "")
	blocks := regexp.MustCompile(`@media ([^{]+)\{((?:[^{}]*\{[^{}]*\})*)\s*\}`).FindAllStringSubmatch(css, -1)
	if len(blocks) == 0 {
		t.Fatal("no @media rules")
	}
	rest := css
	for _, b := range blocks {
		rest = strings.Replace(rest, b[0], "", 1)
		if !regexp.MustCompile(`^\(max-width: \d+em\), \(max-device-width: \d+em\) $`).MatchString(b[1]) {
			t.Errorf("media query %q", b[1])
		}
		rules(t, b[2])
	}
	if strings.TrimSpace(rest) != "" {
		t.Errorf("media.css has rules outside @media: %q", rest)
	}
}
