package serve

import "testing"

// TestSitePath: the EPUB's links as the site's paths; nothing that leads out of the
// package's folder.
func TestSitePath(t *testing.T) {
	for _, c := range []struct {
		from, href, want string
		ok               bool
	}{
		{"", "text/codex.xhtml", "text/codex.xhtml", true},
		{"nav.xhtml", "text/codex.xhtml#folds", "text/codex.xhtml#folds", true},
		{"text/codex.xhtml", "../text/glossary.xhtml#g-codex", "text/glossary.xhtml#g-codex", true},
		{"text/codex.xhtml", "#codex-fn-scroll", "text/codex.xhtml#codex-fn-scroll", true},
		{"text/codex.xhtml", "../images/a%20b.png", "images/a b.png", true},
		{"", "../secret.txt", "", false},
		{"text/codex.xhtml", "../../secret.txt", "", false},
		{"", "/etc/passwd", "", false},
		{"", "https://example.org/x", "", false},
		{"", "//example.org/x", "", false},
		{"", "file:///etc/passwd", "", false},
		{"", "..", "", false},
	} {
		got, ok := sitePath("", c.from, c.href)
		if got != c.want || ok != c.ok {
			t.Errorf("%s from %q: %q %v, want %q %v", c.href, c.from, got, ok, c.want, c.ok)
		}
	}
}

// TestFindPage: the places of the preview's parts, or none in a document without a head
// and a body in that order.
func TestFindPage(t *testing.T) {
	doc := `<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>T&nbsp;</title></head><body class="x"><p>text</p></body></html>`
	p := findPage([]byte(doc))
	if p == nil || doc[p.headEnd:p.headEnd+7] != "</head>" || doc[p.bodyStart-10:p.bodyStart] != `class="x">` {
		t.Fatalf("%+v", p)
	}
	for _, bad := range []string{
		`<html><body><p>no head</p></body></html>`,
		`<html><head></head><p>no body</p></html>`,
		`<html><body></body><head></head></html>`,
		`not XML at all`,
	} {
		if p := findPage([]byte(bad)); p != nil {
			t.Errorf("%s: %+v", bad, p)
		}
	}
}
