// Package lang holds what a book's language decides besides hyphenation
// (book/hyphen): its quotation marks and the spaces its punctuation takes,
// the words bindery writes itself (headings, "see also", dates), and the
// letters its index is grouped by. Everything is looked up by BCP 47 tag,
// falling back from a regional tag to its language and from there to English.
package lang

import "strings"

// subtags splits a tag into lower-case subtags: "pt_BR" → ["pt", "br"].
func subtags(tag string) []string {
	tag = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if tag == "" {
		return []string{"en"}
	}
	return strings.Split(tag, "-")
}

// Base is a tag's language subtag in lower case: "de-AT" → "de"; "" → "en".
func Base(tag string) string { return subtags(tag)[0] }

// oneSubtag reports whether tag is a language subtag alone, in lower case.
func oneSubtag(tag string) bool {
	for i := 0; i < len(tag); i++ {
		if tag[i] < 'a' || tag[i] > 'z' {
			return false
		}
	}
	return tag != ""
}

// lookup finds the entry of a table for a tag: the whole tag, the language with
// its region ("pt-br"), the language, or English.
func lookup[T any](table map[string]T, tag string) T {
	if oneSubtag(tag) { // "en", "fr": the steps below come to this, without the splitting
		if v, ok := table[tag]; ok {
			return v
		}
		if v, ok := table["nb"]; ok && tag == "no" {
			return v
		}
		return table["en"]
	}
	sub := subtags(tag)
	if v, ok := table[strings.Join(sub, "-")]; ok {
		return v
	}
	for _, s := range sub[1:] {
		if v, ok := table[sub[0]+"-"+s]; ok {
			return v
		}
	}
	if v, ok := table[sub[0]]; ok {
		return v
	}
	if sub[0] == "no" {
		if v, ok := table["nb"]; ok {
			return v
		}
	}
	return table["en"]
}
