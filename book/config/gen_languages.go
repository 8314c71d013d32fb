//go:build ignore

// gen_languages writes languages.tsv and tags.txt (the tags x/text names, for a mistyped tag): the name of each language x/text can name, in English
// and in itself, and its tag, for CheckLanguage's "did you mean". A table, not
// x/text/language/display itself: that package's init costs every start of bindery about 2 ms
// and 3,000 allocations, for a message shown only on a wrong language tag. Run by go generate.
package main

import (
	"log"
	"os"
	"slices"
	"strings"

	"golang.org/x/text/language/display"
)

func main() {
	tags := map[string]string{}
	for _, t := range display.Supported.Tags() {
		base, _ := t.Base()
		for _, name := range []string{display.English.Languages().Name(base), display.Self.Name(base)} {
			if name != "" && tags[name] == "" {
				tags[name] = base.String()
			}
		}
	}
	names := make([]string, 0, len(tags))
	for name := range tags {
		if strings.ContainsAny(name, "\t\n") {
			log.Fatalf("%q holds a tab or a newline", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, name := range names {
		b.WriteString(name + "\t" + tags[name] + "\n")
	}
	if err := os.WriteFile("languages.tsv", []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	var known []string
	for _, t := range display.Supported.Tags() {
		known = append(known, t.String())
	}
	slices.Sort(known)
	if err := os.WriteFile("tags.txt", []byte(strings.Join(known, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
}
