package config

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"bindery/book/diag"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
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

// CheckLanguage reports whether tag is a BCP 47 language tag. A language's name in English
// or in itself ("English", "Deutsch") gets its tag as a suggestion.
func CheckLanguage(tag string) error {
	_, err := language.Parse(tag)
	if err == nil && strings.Contains(tag, "_") {
		// x/text reads "en_GB" as en-GB, but an EPUB's xml:lang and dc:language may not.
		t, _ := language.Parse(strings.ReplaceAll(tag, "_", "-"))
		return fmt.Errorf("language %q is not a BCP 47 language tag: did you mean %q?", tag, t.String())
	}
	if err != nil {
		// A mistyped tag ("en-GX", "engb") gets the tag x/text names nearest to it.
		if s := diag.Suggest(tag, knownTags()); s != "" {
			return fmt.Errorf("language %q is not a BCP 47 language tag: did you mean %q?", tag, s)
		}
		names := languageNames()
		for _, name := range names {
			if strings.EqualFold(name, tag) {
				return fmt.Errorf("language %q is not a BCP 47 language tag: did you mean %q (%s)?", tag, namedTags[name], name)
			}
		}
		if s := diag.Suggest(tag, names); s != "" {
			return fmt.Errorf("language %q is not a BCP 47 language tag: did you mean %q (%s)?", tag, namedTags[s], s)
		}
		return fmt.Errorf("language %q is not a BCP 47 language tag (e.g. en-GB)", tag)
	}
	return nil
}

// knownTags are the tags x/text has names for (en, en-GB, es-419, zh-Hant…), sorted.
var knownTags = sync.OnceValue(func() []string {
	var tags []string
	for _, t := range display.Supported.Tags() {
		tags = append(tags, t.String())
	}
	slices.Sort(tags)
	return tags
})

// namedTags maps the names of the languages x/text can name, in English and in themselves,
// to their tags; languageNames lists those names, sorted.
var namedTags map[string]string

var languageNames = sync.OnceValue(func() []string {
	namedTags = map[string]string{}
	for _, t := range display.Supported.Tags() {
		base, _ := t.Base()
		tag := base.String()
		for _, name := range []string{display.English.Languages().Name(base), display.Self.Name(base)} {
			if name != "" && namedTags[name] == "" {
				namedTags[name] = tag
			}
		}
	}
	names := make([]string, 0, len(namedTags))
	for name := range namedTags {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
})
