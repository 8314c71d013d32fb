package linebreak_test

import (
	"fmt"
	"strings"

	"bindery/book/linebreak"
)

// Break a paragraph set in a font whose every character is 5pt wide, with
// TeX's cmr10 proportions for the inter-word space, and show each line with
// its adjustment ratio and the width of its spaces once set.
func ExampleBreak() {
	const char = 5 * linebreak.Pt
	text := "In olden times when wishing still helped one, there lived a king " +
		"whose daughters were all beautiful; and the youngest was so beautiful " +
		"that the sun itself, which has seen so much, was astonished whenever " +
		"it shone in her face."
	words := strings.Fields(text)
	var items []linebreak.Item
	for i, w := range words {
		if i > 0 {
			items = append(items, linebreak.NewGlue(linebreak.Pt*10/3, linebreak.Pt*5/3, linebreak.Pt*10/9))
		}
		items = append(items, linebreak.NewBox(linebreak.Length(len(w))*char, i))
	}
	items = linebreak.Finish(items)

	lines, err := linebreak.Break(items, linebreak.FixedMeasure(250*linebreak.Pt), linebreak.DefaultParams())
	if err != nil {
		fmt.Println(err)
	}
	for _, l := range lines {
		var text []string
		for _, it := range items[l.Start:l.End] {
			if it.Kind == linebreak.KindBox {
				text = append(text, words[it.Payload])
			}
		}
		space := l.GlueWidth(items[1])
		if l.Order == linebreak.Normal {
			fmt.Printf("%-52s r=%+.3f space=%v\n", strings.Join(text, " "), l.Ratio, space)
		} else { // the last line: \parfillskip takes the slack
			fmt.Printf("%-52s          space=%v\n", strings.Join(text, " "), space)
		}
	}
	// Output:
	// In olden times when wishing still helped one, there  r=+0.625 space=4.375pt
	// lived a king whose daughters were all beautiful; and r=+0.250 space=3.75pt
	// the youngest was so beautiful that the sun itself,   r=+1.000 space=5.0pt
	// which has seen so much, was astonished whenever it   r=+1.000 space=5.0pt
	// shone in her face.                                            space=3.33333pt
}

// Ragged right as plain TeX's \raggedright does it: inter-word spaces that
// neither stretch nor shrink, and a right skip that stretches by 2em.
func ExampleParams_raggedRight() {
	const em = 10 * linebreak.Pt
	var items []linebreak.Item
	for i, w := range strings.Fields("one two three four five six seven eight nine ten eleven twelve") {
		if i > 0 {
			items = append(items, linebreak.NewGlue(em/3, 0, 0))
		}
		items = append(items, linebreak.NewBox(linebreak.Length(len(w))*em/2, i))
	}
	items = linebreak.Finish(items)
	p := linebreak.DefaultParams()
	p.RightSkip = linebreak.NewGlue(0, 2*em, 0)
	lines, err := linebreak.Break(items, linebreak.FixedMeasure(110*linebreak.Pt), p)
	if err != nil {
		fmt.Println(err)
	}
	for _, l := range lines {
		fmt.Printf("items %2d–%2d: width %v, right margin %v\n", l.Start, l.End, l.Width, l.GlueWidth(p.RightSkip))
	}
	// Output:
	// items  0– 9: width 108.33331pt, right margin 1.66669pt
	// items 10–17: width 94.99998pt, right margin 15.00002pt
	// items 18–25: width 81.66666pt, right margin 0.0pt
}
