package highlight

import (
	"strings"
	"testing"
)

func TestLinesKeepTheText(t *testing.T) {
	src := "fn main() {\n    // a comment\n    let x: u32 = 42;\n    println!(\"{}\", x);\n}"
	lines := Lines("rust", src)
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5", len(lines))
	}
	kinds := map[string]Kind{}
	for i, l := range lines {
		var b strings.Builder
		for _, s := range l {
			b.WriteString(s.Text)
			kinds[strings.TrimSpace(s.Text)] = s.Kind
		}
		if want := strings.Split(src, "\n")[i]; b.String() != want {
			t.Errorf("line %d: %q, want %q", i, b.String(), want)
		}
	}
	for text, want := range map[string]Kind{"fn": Keyword, "// a comment": Comment, "42": Number, "u32": Type, "main": Function} {
		if kinds[text] != want {
			t.Errorf("%q is kind %d, want %d", text, kinds[text], want)
		}
	}
}

func TestUnknownLanguagesArePlain(t *testing.T) {
	for _, lang := range []string{"", "klingon", "<script>", "text", "../../etc/passwd", strings.Repeat("x", 100)} {
		if Lines(lang, "a <b> c") != nil {
			t.Errorf("%q was highlighted", lang)
		}
	}
}

func TestTooLongIsPlain(t *testing.T) {
	if Lines("python", strings.Repeat("x = 1\n", MaxLines+1)) != nil {
		t.Error("a listing past MaxLines was highlighted")
	}
}

func TestCSS(t *testing.T) {
	css := CSS("colour")
	for _, want := range []string{"pre .hl-kw { color: #0060A0; font-weight: bold; }", "pre .hl-cm { color: #5E5E5E; font-style: italic; }"} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q:\n%s", want, css)
		}
	}
	if strings.Contains(css, "|") || CSS("none") != "" {
		t.Error("namespace selector, or CSS for no highlighting")
	}
}

// A trailing newline and an empty last line are the text's own.
func TestLineCount(t *testing.T) {
	for _, src := range []string{"x = 1\n", "x = 1\n\n", "\n\nx = 1", "print(1)"} {
		if l := Lines("python", src); len(l) != strings.Count(src, "\n")+1 {
			t.Errorf("%q: %d lines", src, len(l))
		}
	}
}

// TestLoopingLexerIsPlain: a lexer that emits empty tokens without end (chroma's Jungle on
// this text) leaves the block plain instead of hanging the build.
func TestLoopingLexerIsPlain(t *testing.T) {
	if got := Lines("jungle", "x = 1 # a \"string\" 'c' // comment\n<p>tag</p> {key: [1, 2.5]}\n"); got != nil {
		t.Errorf("jungle: %d lines, want plain", len(got))
	}
	if got := Lines("jungle", "project.manifest = manifest.xml\n\n#here is a comment\nbase.barrelPath = barrels\n"); got == nil {
		t.Error("jungle on its own text: plain")
	}
}
