package cli

import "testing"

func TestSuggest(t *testing.T) {
	cmds := []string{"init", "build", "check", "watch", "stats", "version", "completion"}
	for word, want := range map[string]string{
		"biuld": "build", "buidl": "build", "bild": "build", "chekc": "check", "wtach": "watch",
		"stat": "stats", "vers": "version", "comp": "completion", "Build": "build",
		"b": "", "xyzzy": "", "run": "", "serve": "",
	} {
		if got := suggest(word, cmds); got != want {
			t.Errorf("suggest(%q) = %q, want %q", word, got, want)
		}
	}
}
