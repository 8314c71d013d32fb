package config

import (
	"slices"
	"testing"

	"golang.org/x/text/language/display"
)

// TestLanguageNamesAreXText: languages.tsv is what x/text/language/display names (run go
// generate after updating x/text).
func TestLanguageNamesAreXText(t *testing.T) {
	want := map[string]string{}
	for _, tag := range display.Supported.Tags() {
		base, _ := tag.Base()
		for _, name := range []string{display.English.Languages().Name(base), display.Self.Name(base)} {
			if name != "" && want[name] == "" {
				want[name] = base.String()
			}
		}
	}
	names := languageNames()
	if len(names) != len(want) || !slices.IsSorted(names) {
		t.Fatalf("%d names (sorted: %v), x/text names %d", len(names), slices.IsSorted(names), len(want))
	}
	for name, tag := range want {
		if namedTags[name] != tag {
			t.Errorf("%s: %q in languages.tsv, %q in x/text", name, namedTags[name], tag)
		}
	}
	var tags []string
	for _, tag := range display.Supported.Tags() {
		tags = append(tags, tag.String())
	}
	slices.Sort(tags)
	if !slices.Equal(tags, knownTags()) {
		t.Errorf("tags.txt holds %d tags, x/text names %d: run go generate", len(knownTags()), len(tags))
	}
	if err := CheckLanguage("Deutsch"); err == nil || err.Error() != `language "Deutsch" is not a BCP 47 language tag: did you mean "de" (Deutsch)?` {
		t.Errorf("Deutsch: %v", err)
	}
}
