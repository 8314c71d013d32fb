package layout_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"bindery/book/doc"
	"bindery/book/layout"
)

// TestSuperscriptAndSubscript: a superscript is smaller and raised, a subscript smaller and
// lowered, each on its word's baseline otherwise.
func TestSuperscriptAndSubscript(t *testing.T) {
	s := settings(t)
	b := modelBook(chapterOf("c", "Styles",
		para(txt("Energy is mc"), styled(doc.Superscript, txt("2")), txt(" and water is H"), styled(doc.Subscript, txt("3")), txt("O."))))
	d := typeset(t, b, s)
	_, base, ok := run(d, "Energy is mc")
	if !ok {
		t.Fatal("no run of the text")
	}
	_, sup, ok1 := run(d, "2")
	_, sub, ok2 := run(d, "3")
	if !ok1 || !ok2 {
		t.Fatal("the superscript or the subscript is not printed on its own")
	}
	for _, c := range []struct {
		name string
		r    layout.Run
		up   bool
	}{{"superscript", sup, true}, {"subscript", sub, false}} {
		if c.r.Size >= base.Size*3/4 || c.r.Size <= base.Size/2 {
			t.Errorf("%s at %v, the text at %v", c.name, c.r.Size, base.Size)
		}
		baseline := c.r.Y + c.r.Raise
		if baseline != base.Y {
			t.Errorf("%s: baseline %v, the line's %v", c.name, baseline, base.Y)
		}
		if c.up && !(c.r.Raise > base.Size/4 && c.r.Y < base.Y) {
			t.Errorf("superscript raised by %v (y %v, line %v)", c.r.Raise, c.r.Y, base.Y)
		}
		if !c.up && !(c.r.Raise < -base.Size/10 && c.r.Y > base.Y) {
			t.Errorf("subscript lowered by %v (y %v, line %v)", -c.r.Raise, c.r.Y, base.Y)
		}
	}
	// The superscript follows its word without a space.
	if _, l, _ := line(d, "Energy"); !strings.Contains(l.Text, "mc2 and") {
		t.Errorf("line %q", l.Text)
	}
}

// TestStyledText: small text is smaller, keys and deleted text keep the text's size, deleted
// text has a rule through it from its first letter to its last, across its spaces, and a
// quotation is printed in quotation marks, single ones inside double ones.
func TestStyledText(t *testing.T) {
	s := settings(t)
	b := modelBook(chapterOf("c", "Styles",
		para(txt("Press "), styled(doc.Keyboard, txt("Ctrl")), txt(" then "), styled(doc.Small, txt("smallprint")),
			txt(" and "), styled(doc.Deleted, txt("struck out words")), txt(" kept."),
			txt(" She said "), styled(doc.Quoted, txt("he wrote "), styled(doc.Quoted, txt("no")), txt(" twice")), txt(" and left."),
			txt(" Then "), &doc.Link{At: at(), Children: []doc.Inline{txt("plain")}}, txt(" text."))))
	d := typeset(t, b, s)
	_, kbd, _ := run(d, "Ctrl")
	// Keys are set in the code face, at the size whose x-height is the text's.
	if kbd.Style != layout.Mono || layout.Length(kbd.Size) >= s.FontSize || layout.Length(kbd.Size) < s.FontSize*3/4 {
		t.Errorf("keyboard text in style %d at %v", kbd.Style, kbd.Size)
	}
	_, small, ok := run(d, "smallprint")
	if !ok || layout.Length(small.Size) != s.FontSize*85/100 {
		t.Errorf("small text at %v (found %v)", small.Size, ok)
	}
	if all := bodyText(d); !strings.Contains(all, "said “he wrote ‘no’ twice” and") {
		t.Errorf("quotation printed as %q", all)
	}
	// The strike-through rule: from the start of "struck" to the end of "words".
	p, _, _ := line(d, "struck")
	var from, to layout.Length = -1, -1
	var baseline layout.Length
	for _, r := range p.Runs {
		if i := strings.Index(r.Text, "struck"); i >= 0 {
			from, baseline = layout.Length(r.X)+width(s, r, r.Text[:i]), layout.Length(r.Y)
		}
		if i := strings.Index(r.Text, "words"); i >= 0 {
			to = layout.Length(r.X) + width(s, r, r.Text[:i+len("words")]) - layout.Length(r.Tracking) // no spacing after the word
		}
	}
	found := false
	for _, r := range p.Rules {
		if abs(r.X-from) < layout.Pt/100 && abs(r.X+r.W-to) < layout.Pt/100 {
			found = true
			mid := baseline - (r.Y + r.H/2)
			if mid < s.FontSize/6 || mid > s.FontSize/3 {
				t.Errorf("the strike-through is %v above the baseline", mid)
			}
		}
	}
	if !found || from < 0 || to < 0 {
		t.Errorf("no rule through %v–%v; rules %v", from, to, p.Rules)
	}
	for _, p := range d.Pages[d.BodyStart:] {
		if len(p.Links) > 0 {
			t.Errorf("page %s: a link without URL is a link: %v", p.Label, p.Links)
		}
	}
}

func width(s layout.Settings, r layout.Run, text string) layout.Length {
	bold, italic := r.Style == layout.Bold || r.Style == layout.BoldItalic, r.Style == layout.Italic || r.Style == layout.BoldItalic
	// The line's letter spacing follows each character.
	return layout.Length(s.Family.Face(bold, italic).Measure(text, int64(layout.Length(r.Size)), true)) + layout.Length(r.Tracking)*layout.Length(utf8.RuneCountInString(text))
}

func abs(l layout.Length) layout.Length {
	if l < 0 {
		return -l
	}
	return l
}

// TestInlinePictures: a picture in a line is scaled to the text, stands on the baseline, and
// replaces its description; one that cannot be printed is replaced by its description. In a
// heading it is scaled to the heading's size, and it goes into the contents too.
func TestInlinePictures(t *testing.T) {
	s := withImages(settings(t))
	b := modelBook(chapterOf("c", "Pictures",
		para(txt("An icon "), &doc.Image{At: at(), Src: "icon.png", Alt: "ICONALT"}, txt(" in the text, a wide one "),
			&doc.Image{At: at(), Src: "wide.png", Alt: "WIDEALT"}, txt(" too, and a missing one "),
			&doc.Image{At: at(), Src: "gone.gif", Alt: "a lost picture"}, txt(".")),
		&doc.Heading{At: at(), Level: 2, ID: "h", Inlines: []doc.Inline{txt("Heading "), &doc.Image{At: at(), Src: "icon.png", Alt: "x"}}}))
	d := typeset(t, b, s)
	if _, _, ok := line(d, "ALT"); ok {
		t.Error("the description of a printed picture is printed")
	}
	p, l, ok := line(d, "lost picture")
	if !ok {
		t.Fatal("the description of the missing picture is not printed")
	}
	_, r, _ := run(d, "lost") // a run of its own on a justified line, whose letters are spaced
	if _, whole, ok := run(d, "a lost picture"); ok {
		r = whole
	}
	if r.Style != layout.Italic {
		t.Errorf("the description is set in %v", r.Style)
	}
	var inText, inHeading, inContents []layout.Picture
	for _, pg := range d.Pages {
		for _, pic := range pg.Pictures {
			switch {
			case pg.Kind == layout.ContentsPage:
				inContents = append(inContents, pic)
			case pic.H > s.FontSize*8/10:
				inHeading = append(inHeading, pic)
			default:
				inText = append(inText, pic)
			}
		}
	}
	if len(inText) != 2 || len(inHeading) != 1 || len(inContents) != 1 {
		t.Fatalf("pictures: %d in the text, %d in the heading, %d in the contents", len(inText), len(inHeading), len(inContents))
	}
	for _, pic := range inText {
		if pic.H != s.FontSize*8/10 {
			t.Errorf("%s: %v tall in %v text", pic.Src, pic.H, s.FontSize)
		}
		if pic.Src == "wide.png" && pic.W != 2*pic.H {
			t.Errorf("wide.png: %v × %v, not in proportion", pic.W, pic.H)
		}
		// It stands on the baseline of its line.
		onLine := false
		for _, ln := range p.Lines {
			if ln.Y == pic.Y+pic.H && pic.X > ln.X && pic.X+pic.W <= ln.X+ln.Width {
				onLine = true
			}
		}
		if !onLine {
			t.Errorf("%s at y %v stands on no line's baseline", pic.Src, pic.Y+pic.H)
		}
	}
	if h := inHeading[0].H; h != s.FontSize*115/100*8/10 {
		t.Errorf("the picture in the heading is %v tall", h)
	}
	_ = l
}

// TestTaskItems: a task item opens with a drawn check box (neither face has ☐ or ☑, and no
// warning may say so), ticked when done, in place of the bullet.
func TestTaskItems(t *testing.T) {
	s := settings(t)
	list := &doc.List{At: at(), Tight: true, Items: []*doc.ListItem{
		{At: at(), Task: doc.TaskOpen, Blocks: []doc.Block{para(txt("Buy the bread"))}},
		{At: at(), Task: doc.TaskDone, Blocks: []doc.Block{para(txt("Mend the roof"))}},
		{At: at(), Blocks: []doc.Block{para(txt("An ordinary item"))}},
	}}
	d := typeset(t, modelBook(chapterOf("c", "Tasks", list)), s)
	for _, c := range []struct{ text, box string }{{"Buy the bread", "☐"}, {"Mend the roof", "☑"}} {
		p, l, ok := line(d, c.text)
		if !ok {
			t.Fatalf("%q not set", c.text)
		}
		if l.Text != c.box+" "+c.text {
			t.Errorf("line %q", l.Text)
		}
		// Four hairlines make a square on the line, before the text.
		_, first, _ := run(d, c.text)
		var square []layout.Rule
		for _, r := range p.Rules {
			if layout.Length(r.X) >= layout.Length(l.X) && layout.Length(r.X) < layout.Length(first.X) && layout.Length(r.Y) < layout.Length(l.Y) && layout.Length(r.Y) > layout.Length(l.Y)-s.FontSize && layout.Length(r.Y)+r.H <= layout.Length(l.Y)+layout.Pt/100 {
				square = append(square, r)
			}
		}
		if len(square) != 4 {
			t.Errorf("%q: %d rules before the text: %v", c.text, len(square), square)
			continue
		}
		side := square[0].W
		if side < s.FontSize/2 || side > s.FontSize {
			t.Errorf("%q: a box of side %v", c.text, side)
		}
		_, tick, ticked := run(d, "✓")
		if ticked = ticked && layout.Length(tick.Y) == layout.Length(l.Y) && layout.Length(tick.X) >= layout.Length(square[0].X) && layout.Length(tick.X) < layout.Length(first.X); ticked != (c.box == "☑") {
			t.Errorf("%q: ticked %v", c.text, ticked)
		}
	}
	if _, l, _ := line(d, "An ordinary"); l.Text != "An ordinary item" {
		t.Errorf("ordinary item %q", l.Text)
	}
	if _, _, bullet := run(d, "•"); !bullet {
		t.Error("the ordinary item lost its bullet")
	}
	if n := strings.Count(fmt.Sprint(d.Pages[len(d.Pages)-1].Runs), "•"); n != 1 {
		t.Errorf("%d bullets, want 1 (task items have none)", n)
	}
}

// TestDisplayMath: mathematics set apart stands on lines of its own, one for each line of the
// source, centred, between the text before it and the text after it, which goes on unindented.
func TestDisplayMath(t *testing.T) {
	s := settings(t)
	b := modelBook(chapterOf("c", "Math",
		para(txt("First paragraph.")),
		para(txt("The sum is"), &doc.Break{At: at()}, &doc.Math{At: at(), Display: true, Text: "a + b = c\n  x = y^2"},
			&doc.Break{At: at()}, txt("where the letters are numbers, and "), &doc.Math{At: at(), Text: "x_1"}, txt(" is inline."))))
	d := typeset(t, b, s)
	var ls []layout.LineMetrics
	for _, l := range d.Pages[len(d.Pages)-1].Lines {
		if l.Kind != "chapter-title" {
			ls = append(ls, l)
		}
	}
	want := []struct{ kind, text string }{
		{"paragraph", "First paragraph."}, {"paragraph", "The sum is"}, {"math", "a + b = c"}, {"math", "x = y^2"},
		{"paragraph", "where the letters are numbers, and x_1 is inline."},
	}
	if len(ls) != len(want) {
		t.Fatalf("%d lines: %+v", len(ls), ls)
	}
	for i, w := range want {
		if string(ls[i].Kind) != w.kind || ls[i].Text != w.text {
			t.Errorf("line %d: %s %q, want %s %q", i, ls[i].Kind, ls[i].Text, w.kind, w.text)
		}
	}
	for _, l := range ls[2:4] {
		_, r, _ := run(d, l.Text)
		left, right := layout.Length(r.X)-layout.Length(l.X), layout.Length(l.X)+layout.Length(l.Width)-(layout.Length(r.X)+layout.Length(r.Width))
		if abs(left-right) > layout.Pt {
			t.Errorf("%q: %v left, %v right: not centred", l.Text, left, right)
		}
	}
	// Room above and below the display, and the text after it starts flush.
	if ls[2].Y-ls[1].Y <= s.Leading || ls[4].Y-ls[3].Y <= s.Leading {
		t.Errorf("no room around the display: %v, %v", ls[2].Y-ls[1].Y, ls[4].Y-ls[3].Y)
	}
	if _, r, _ := run(d, "where the letters are numbers, and"); layout.Length(r.X) != layout.Length(ls[4].X) {
		t.Errorf("the text after the display is indented by %v", layout.Length(r.X)-layout.Length(ls[4].X))
	}
}

// TestWordsOfNewConstructs: the print edition counts words in every new construct as the EPUB
// does, so that the first word of each page is the word the EPUB marks (the word-count
// contract): styled text, quotations (whose marks are no words), code, mathematics inline and
// displayed, pictures in the text (a box of the word they touch), descriptions of missing
// pictures (one box), task items' check boxes (one word).
func TestWordsOfNewConstructs(t *testing.T) {
	s := withImages(settings(t))
	var blocks []doc.Block
	for i := range 60 {
		ins := []doc.Inline{txt(fmt.Sprintf("Paragraph %d opens ", i))}
		for k := range 6 {
			switch (i + k) % 8 {
			case 0:
				ins = append(ins, txt("with "), styled(doc.Quoted, txt("quoted words "), styled(doc.Quoted, txt("nested deep"))), txt(" and "))
			case 1:
				ins = append(ins, txt("a note"), styled(doc.Superscript, txt("st")), txt(" or H"), styled(doc.Subscript, txt("2")), txt("O with "))
			case 2:
				ins = append(ins, styled(doc.Deleted, txt("words struck out of the text")), txt(" then "), styled(doc.Small, txt("small ones")), txt(" "))
			case 3:
				ins = append(ins, txt("an icon"), &doc.Image{At: at(), Src: "icon.png", Alt: "many words of alt"}, txt(" and "),
					&doc.Image{At: at(), Src: "icon.png", Alt: "alone"}, txt(" here "))
			case 4:
				ins = append(ins, txt("a lost "), &doc.Image{At: at(), Src: "lost.svg", Alt: "long description of what is not there"}, txt(" picture "))
			case 5:
				ins = append(ins, &doc.Code{At: at(), Text: "go test ./..."}, txt(" and "), &doc.Math{At: at(), Text: "a + b = c"}, txt(" inline "))
			case 6:
				ins = append(ins, txt("a display:"), &doc.Break{At: at()}, &doc.Math{At: at(), Display: true, Text: "x^2 + y^2\n= z^2"}, &doc.Break{At: at()}, txt("after it "))
			case 7:
				ins = append(ins, styled(doc.Keyboard, txt("Ctrl Alt")), txt(" and "), styled(doc.Abbreviation, txt("NATO")), txt(" words "))
			}
			ins = append(ins, txt(strings.Repeat("filler text to fill the lines ", 3)))
		}
		blocks = append(blocks, para(ins...))
		if i%7 == 3 {
			blocks = append(blocks, &doc.List{At: at(), Items: []*doc.ListItem{
				{At: at(), Task: doc.TaskOpen, Blocks: []doc.Block{para(txt(strings.Repeat("open task words ", 30)))}},
				{At: at(), Task: doc.TaskDone, Blocks: []doc.Block{para(txt(strings.Repeat("done task words ", 30)))}},
			}})
		}
	}
	b := modelBook(chapterOf("c", "Words", blocks...))
	d := typeset(t, b, s)
	checked := 0
	for _, p := range d.Pages[d.BodyStart:] {
		if p.Start == nil {
			continue
		}
		var words []string
		switch blk := p.Start.Block.(type) {
		case *doc.Paragraph:
			words = epubWords(blk.Inlines)
		case *doc.Heading:
			words = epubWords(blk.Inlines)
		default:
			t.Errorf("page %s starts in a %T", p.Label, blk)
			continue
		}
		if task := taskOf(b, p.Start.Block); task != doc.NoTask {
			words = append([]string{map[doc.Task]string{doc.TaskOpen: "☐", doc.TaskDone: "☑"}[task]}, words...)
		}
		if p.Start.Word >= len(words) {
			t.Errorf("page %s: word %d of %d", p.Label, p.Start.Word, len(words))
			continue
		}
		printed := firstText(p)
		if !sameWord(printed, words[p.Start.Word]) {
			t.Errorf("page %s: print starts with %q, the EPUB's word %d is %q", p.Label, printed, p.Start.Word, words[p.Start.Word])
		}
		checked++
	}
	if checked < 10 {
		t.Errorf("only %d pages checked", checked)
	}
}

// taskOf is the check box of the task item whose first paragraph is b.
func taskOf(book *doc.Book, b doc.Block) doc.Task {
	task := doc.NoTask
	for _, ch := range book.Chapters {
		doc.Walk(ch.Blocks, func(x doc.Block) bool {
			if l, ok := x.(*doc.List); ok {
				for _, it := range l.Items {
					if len(it.Blocks) > 0 && it.Blocks[0] == b {
						task = it.Task
					}
				}
			}
			return true
		})
	}
	return task
}

// TestPicturesAndRulesInTableCells: a picture and struck text in a table cell are drawn in
// the cell, shifted with it when the column is aligned right.
func TestPicturesAndRulesInTableCells(t *testing.T) {
	s := withImages(settings(t))
	cell := func(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{At: at(), Inlines: ins} }
	tb := &doc.Table{At: at(), Align: []doc.Align{doc.AlignLeft, doc.AlignRight},
		Header: []*doc.TableCell{cell(txt("Name")), cell(txt("Mark and a long heading"))},
		Rows:   [][]*doc.TableCell{{cell(txt("Icon")), cell(&doc.Image{At: at(), Src: "icon.png", Alt: "ALT"})}, {cell(txt("Old")), cell(styled(doc.Deleted, txt("gone")))}}}
	d := typeset(t, modelBook(chapterOf("c", "Table", tb)), s)
	p, row, ok := line(d, "Icon")
	if !ok || len(p.Pictures) != 1 {
		t.Fatalf("the picture in the cell is not drawn: %v", p.Pictures)
	}
	pic := p.Pictures[0]
	_, head, _ := run(d, "Mark and a long heading")
	// Aligned right: the picture ends where the column's text ends.
	if abs(layout.Length(pic.X)+pic.W-(layout.Length(head.X)+layout.Length(head.Width))) > layout.Pt/100 || layout.Length(pic.Y)+pic.H != layout.Length(row.Y) {
		t.Errorf("picture at %v–%v (bottom %v), the column ends at %v (baseline %v)", pic.X, pic.X+pic.W, pic.Y+pic.H, head.X+head.Width, row.Y)
	}
	_, gone, _ := run(d, "gone")
	struck := false
	for _, r := range p.Rules {
		if abs(layout.Length(r.X)-layout.Length(gone.X)) < layout.Pt/100 && abs(r.W-layout.Length(gone.Width)) < layout.Pt/100 && layout.Length(r.Y) < layout.Length(gone.Y) && layout.Length(r.Y) > layout.Length(gone.Y)-s.FontSize/2 {
			struck = true
		}
	}
	if !struck {
		t.Errorf("no rule through %q at %v+%v: %v", gone.Text, gone.X, gone.Width, p.Rules)
	}
}
