package diag

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"title", "subtitle", "author", "language", "chapters", "glossary", "chronology", "index"}
	for word, want := range map[string]string{
		"subtitel":  "subtitle", // a swap is one edit
		"autor":     "author",
		"langauge":  "language",
		"Chapters":  "chapters", // case folded
		"chronolgy": "chronology",
		"glosary":   "glossary",
		"idx":       "",           // too far
		"xyzzy":     "",           // nothing near
		"t":         "",           // too short to guess
		"title":     "",           // the word itself is no suggestion
		"chron":     "chronology", // the only one it begins
	} {
		if got := Suggest(word, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
	// Accents folded: the nearest once folded wins over one edit with accents.
	if got := Suggest("eclair", []string{"éclat", "Éclair"}); got != "Éclair" {
		t.Errorf("accents: %q", got)
	}
	// Two at the same distance: the first in the candidates' order, always the same.
	if got := Suggest("cat", []string{"bat", "cut"}); got != "bat" {
		t.Errorf("ties: %q", got)
	}
	// The command line's words.
	cmds := []string{"init", "build", "check", "watch", "serve", "stats", "version", "completion"}
	for word, want := range map[string]string{
		"biuld": "build", "buidl": "build", "bild": "build", "chekc": "check", "wtach": "watch",
		"stat": "stats", "vers": "version", "comp": "completion", "Build": "build", "serv": "serve",
		"b": "", "xyzzy": "", "run": "",
	} {
		if got := Suggest(word, cmds); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
	if got := DidYouMean("lanten", []string{"lantern", "codex"}); got != `; did you mean "lantern"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("zzz", []string{"lantern"}); got != "" {
		t.Errorf("DidYouMean = %q", got)
	}
}
