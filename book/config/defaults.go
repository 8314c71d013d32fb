package config

import (
	"fmt"
	"strings"

	"bindery/book/diag"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NewBook is a book in dir, configured by the file at path, with every setting book.yaml may
// leave out at its default. Parse starts from it, and so does an outline written for another
// tool (mdBook's book.toml and SUMMARY.md), so that the two kinds of book are alike downstream.
func NewBook(dir, path string) *Book {
	return &Book{
		Dir: dir, Path: path,
		Trim:          DefaultTrim,
		PrintPos:      diag.Pos{File: path, Line: 1, Col: 1},
		GlossaryLinks: "first",
	}
}

// CleanText is a line of metadata as the book keeps it: trimmed, and in Unicode's composed form
// (NFC), as the manuscript's text is.
func CleanText(s string) string { return norm.NFC.String(strings.TrimSpace(s)) }

// CheckLanguage reports whether tag is a BCP 47 language tag.
func CheckLanguage(tag string) error {
	if _, err := language.Parse(tag); err != nil {
		return fmt.Errorf("language %q is not a BCP 47 language tag (e.g. en-GB)", tag)
	}
	return nil
}
