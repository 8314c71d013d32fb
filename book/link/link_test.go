package link

import (
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/markdown"
)

func TestDanglingLinkIsAnError(t *testing.T) {
	ch, _ := markdown.Parse("c.md", []byte("# T {#t}\n\nSee [there](#t) and [nowhere](#missing).\n\n| a |\n|---|\n| [x](#gone) |\n"), doc.BodyMatter)
	b := &doc.Book{Chapters: []*doc.Chapter{ch}, Anchors: doc.NewAnchors()}
	markdown.RegisterAnchors(b)
	err := Resolve(b).Err()
	if err == nil {
		t.Fatal("want errors")
	}
	msg := err.Error()
	for _, want := range []string{"c.md:3:21: error: link to #missing", "c.md:7:3: error: link to #gone"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "#t:") {
		t.Errorf("a good link was reported: %s", msg)
	}
}

func TestPhrasesWithHyphensAndApostrophes(t *testing.T) {
	ps := newPhrases(nil)
	ps.add("flexi-proletariat", target{})
	ps.add("workers’ and peasants’ government", target{})
	ps.add("Evo Morales", target{})
	ps.sort()
	text := "the flexi-proletariat and a workers' and peasants’ government, as Evo  Morales said; not flexi proletariat"
	var got []string
	for _, m := range ps.find(text) {
		got = append(got, text[m.start:m.end])
	}
	want := "flexi-proletariat|workers' and peasants’ government|Evo  Morales"
	if strings.Join(got, "|") != want {
		t.Fatalf("got %q", got)
	}
}
