package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"bindery/book/doc"
	"bindery/book/layout"
)

func figureOf(src, alt string, caption ...doc.Inline) *doc.Figure {
	img := &doc.Image{At: at(), Src: src, Alt: alt}
	return &doc.Figure{At: at(), Blocks: []doc.Block{para(img)}, Caption: caption}
}

// figureLines are the lines of a page that belong to figures: pictures and captions.
func figureLines(p *layout.Page) (pictures, captions []layout.LineMetrics) {
	for _, l := range p.Lines {
		switch l.Kind {
		case "figure":
			pictures = append(pictures, l)
		case "caption":
			captions = append(captions, l)
		}
	}
	return
}

// TestFigureWithCaption: the picture is centred in the measure at 150 pixels to the inch, its
// caption under it, smaller, centred on one line, opened by "Figure N." in bold when
// numbered; the figure's ID is where its picture is.
func TestFigureWithCaption(t *testing.T) {
	s := withImages(settings(t))
	fig := figureOf("icon.png", "an icon", txt("A small icon."))
	fig.ID, fig.Number = "fig-icon", 3
	d := typeset(t, modelBook(chapterOf("c", "Figures", para(txt("Before.")), fig, para(txt("After.")))), s)
	p := d.Pages[len(d.Pages)-1]
	pics, caps := figureLines(p)
	if len(pics) != 1 || len(caps) != 1 || len(p.Pictures) != 1 {
		t.Fatalf("%d picture lines, %d caption lines, %d pictures", len(pics), len(caps), len(p.Pictures))
	}
	pic := p.Pictures[0]
	if want := layout.Length(64 * 72 * int64(layout.Pt) / 150); pic.W != want || pic.H != want {
		t.Errorf("picture %v × %v, want %v at 150 px/in", pic.W, pic.H, want)
	}
	if mid := pic.X + pic.W/2; abs(mid-(pics[0].X+s.TextWidth()/2)) > layout.SP*2 {
		t.Errorf("picture centred on %v, the measure on %v", mid, pics[0].X+s.TextWidth()/2)
	}
	c := caps[0]
	if c.Text != "Figure 3. A small icon." {
		t.Errorf("caption %q", c.Text)
	}
	if c.Y <= pic.Y+pic.H || c.Y-(pic.Y+pic.H) > 2*s.Leading {
		t.Errorf("caption baseline %v, picture bottom %v", c.Y, pic.Y+pic.H)
	}
	_, label, _ := run(d, "Figure 3.")
	_, words, _ := run(d, "A small icon.")
	if label.Style != layout.Bold || words.Style != layout.Roman || layout.Length(label.Size) != s.FontSize*9/10 || layout.Length(words.Size) != layout.Length(label.Size) {
		t.Errorf("label %v %v, caption %v %v", label.Style, label.Size, words.Style, words.Size)
	}
	left, right := layout.Length(label.X)-layout.Length(c.X), layout.Length(c.X)+layout.Length(c.Width)-(layout.Length(words.X)+layout.Length(words.Width))
	if abs(left-right) > layout.Pt/10 {
		t.Errorf("one-line caption not centred: %v left, %v right", left, right)
	}
	loc, ok := d.Map.Get("fig-icon")
	if !ok || loc.Page != p.Index || loc.Y > pic.Y+pic.H || loc.Y < pic.Y-s.Leading {
		t.Errorf("the figure's ID is at %+v, the picture at y %v–%v", loc, pic.Y, pic.Y+pic.H)
	}
	// A caption of several lines is set ragged right, not centred.
	long := figureOf("icon.png", "x", txt(strings.Repeat("A caption long enough to need several lines. ", 4)))
	d = typeset(t, modelBook(chapterOf("c", "Figures", long)), s)
	_, caps = figureLines(d.Pages[len(d.Pages)-1])
	if len(caps) < 3 {
		t.Fatalf("%d caption lines", len(caps))
	}
	for _, l := range caps[:len(caps)-1] {
		if l.Justified || l.Right > l.Width || l.Right < l.Width*3/4 {
			t.Errorf("caption line %q: right %v of %v, justified %v", l.Text, l.Right, l.Width, l.Justified)
		}
	}
}

// TestCaptionStaysWithPicture: whatever text comes before, a picture never ends a page without
// its caption's first lines, and a page breaks inside a long caption only after two of them.
func TestCaptionStaysWithPicture(t *testing.T) {
	s := withImages(settings(t))
	moved := 0
	for _, caption := range []string{"One short line.", strings.Repeat("A long caption that runs over several lines of the measure. ", 6)} {
		for n := 0; n < 40; n++ {
			filler := para(txt(strings.Repeat("word ", 12*n+1)))
			fig := figureOf("wide.png", "wide", txt(caption))
			d := typeset(t, modelBook(chapterOf("c", "Figures", filler, fig, para(txt(lorem)))), s)
			for _, p := range d.Pages[d.BodyStart:] {
				pics, caps := figureLines(p)
				if len(pics) == 1 && len(caps) == 0 {
					t.Errorf("n=%d: page %s ends with a picture without its caption", n, p.Label)
				}
				if len(pics) == 1 && len(caps) < min(2, captionLines(d)) {
					t.Errorf("n=%d: page %s holds %d line(s) of the caption with the picture", n, p.Label, len(caps))
				}
				if len(pics) == 0 && len(caps) > 0 && len(caps) < 2 && !caps[0].Last {
					t.Errorf("n=%d: page %s: a widow of the caption", n, p.Label)
				}
			}
			// The cases that matter: the picture alone would have fitted on the page before.
			for i, p := range d.Pages[d.BodyStart:] {
				if pics, _ := figureLines(p); len(pics) == 1 && i > 0 && p.Lines[0].Kind == "figure" {
					moved++
				}
			}
		}
	}
	if moved == 0 {
		t.Error("no figure was ever moved to the next page: the test does not reach the case")
	}
}

func captionLines(d *layout.Document) int {
	n := 0
	for _, p := range d.Pages {
		_, caps := figureLines(p)
		n += len(caps)
	}
	return n
}

// TestFigureOfBlocks: an HTML figure's blocks are set as blocks, then its caption; a figure
// whose picture cannot be printed prints its description, once when it is also the caption;
// in a list item a figure is placed in the item's measure.
func TestFigureOfBlocks(t *testing.T) {
	s := withImages(settings(t))
	blocks := &doc.Figure{At: at(), ID: "listing", Number: 1, Caption: []doc.Inline{txt("A listing.")}, Blocks: []doc.Block{
		&doc.CodeBlock{At: at(), Text: "func main() {\n\tprintln(1)\n}"}, para(txt("And a paragraph in the figure.")),
	}}
	lost := figureOf("lost.svg", "The lost map", txt("The lost map"))
	lostOther := figureOf("lost.svg", "A description", txt("Its caption"))
	item := &doc.List{At: at(), Items: []*doc.ListItem{{At: at(), Blocks: []doc.Block{para(txt("An item with a figure:")), figureOf("wide.png", "w", txt("In the item."))}}}}
	d := typeset(t, modelBook(chapterOf("c", "Figures", blocks, lost, lostOther, item)), s)
	var kinds, texts []string
	for _, p := range d.Pages[d.BodyStart:] {
		for _, l := range p.Lines {
			kinds = append(kinds, string(l.Kind))
			texts = append(texts, l.Text)
		}
	}
	got := strings.Join(texts, "|")
	for _, want := range []string{
		"func main() {|    println(1)|}|And a paragraph in the figure.|Figure 1. A listing.",
		"|The lost map|A description|Its caption|",
		"An item with a figure:||In the item.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lines %q\nlack %q", got, want)
		}
	}
	if _, l, _ := line(d, "A description"); l.Kind != "paragraph" {
		t.Errorf("the description is a %s line", l.Kind)
	}
	if _, ok := d.Map.Get("listing"); !ok {
		t.Error("the figure of blocks has no place in the map")
	}
	// The figure in the list item: picture and caption within the item's measure.
	// (From each page's left edge of the text: the item may begin on a page facing the
	// figure's, whose margins are the other way round.)
	p, c, _ := line(d, "In the item.")
	ip, item1, _ := line(d, "An item with")
	var pic layout.Picture
	for _, x := range p.Pictures {
		if x.Src == "wide.png" {
			pic = x
		}
	}
	c.X -= textLeft(s, p)
	pic.X -= textLeft(s, p)
	item1.X -= textLeft(s, ip)
	if c.X != item1.X || c.Width != item1.Width || pic.X < item1.X || pic.X+pic.W > item1.X+item1.Width || pic.W != item1.Width {
		t.Errorf("item measure %v+%v, picture %v+%v, caption %v+%v", item1.X, item1.Width, pic.X, pic.W, c.X, c.Width)
	}
}

// TestFigurePageStarts: a page that starts at a figure starts at the figure's word 0; one that
// starts inside its caption counts the caption's words from the label ("Figure", "2.").
func TestFigurePageStarts(t *testing.T) {
	s := withImages(settings(t))
	var blocks []doc.Block
	var figs []*doc.Figure
	for i := range 30 {
		blocks = append(blocks, para(txt(strings.Repeat("word ", 40+7*i))))
		src, n := "wide.png", 3+9*(i%4)
		if i%2 == 1 {
			src, n = "icon.png", 20+40*(i%3) // long captions, which pages may break inside
		}
		f := figureOf(src, "w", txt(fmt.Sprintf("Caption %d ", i)+strings.Repeat("caption words ", n)))
		f.Number = i + 1
		figs = append(figs, f)
		blocks = append(blocks, f)
	}
	d := typeset(t, modelBook(chapterOf("c", "Figures", blocks...)), s)
	atFigure, inCaption := 0, 0
	for _, p := range d.Pages[d.BodyStart:] {
		f, ok := p.Start.Block.(*doc.Figure)
		if !ok {
			continue
		}
		first := p.Lines[0]
		switch {
		case first.Kind == "figure":
			atFigure++
			if p.Start.Word != 0 {
				t.Errorf("page %s starts at a figure's word %d", p.Label, p.Start.Word)
			}
		case first.Kind == "caption":
			inCaption++
			words := append([]string{"Figure", fmt.Sprintf("%d.", f.Number)}, epubWords(f.Caption)...)
			if got := strings.Fields(first.Text)[0]; p.Start.Word >= len(words) || got != words[p.Start.Word] {
				t.Errorf("page %s starts with %q, word %d of %q", p.Label, got, p.Start.Word, words)
			}
		default:
			t.Errorf("page %s starts in a figure at a %s line", p.Label, first.Kind)
		}
	}
	if atFigure == 0 || inCaption == 0 {
		t.Errorf("%d pages start at a figure, %d in a caption: the test does not reach both", atFigure, inCaption)
	}
	_ = figs
}

// textLeft is the left edge of a page's text block: the inner margin on a recto.
func textLeft(s layout.Settings, p *layout.Page) layout.Length {
	if p.Recto {
		return s.Inner
	}
	return s.Outer
}
