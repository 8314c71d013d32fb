package config

import (
	"strings"
	"testing"
)

func TestLabels(t *testing.T) {
	dir := writeBook(t, good+"labels:\n  index: Stichwortverzeichnis\n  published_by: \"Verlegt bei %s\"\n  page: \"50%\"\n", "one.md")
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Labels["index"] != "Stichwortverzeichnis" || b.Labels["published_by"] != "Verlegt bei %s" || b.Labels["page"] != "50%" {
		t.Errorf("labels %q", b.Labels)
	}
}

func TestUnknownLabelIsAnErrorAtItsPlaceWithASuggestion(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"labels:\n  index: I\n  see_aslo: Siehe auch\n", "book.yaml:10:3: error: labels: unknown label \"see_aslo\" (did you mean see_also?"},
		{"labels:\n  contnets: Inhalt\n", "book.yaml:9:3: error: labels: unknown label \"contnets\" (did you mean contents?"},
		{"labels:\n  zzzz: x\n", "unknown label \"zzzz\" (known labels: "},
		{"labels: [a]\n", "labels must be a mapping"},
		{"labels:\n  index: [a]\n", "labels: index must be text"},
		{"labels:\n  index: \"%s %s\"\n", "labels: index takes 0 %s, not 2"},
	} {
		_, err := Load(writeBook(t, good+tc.yaml, "one.md"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
