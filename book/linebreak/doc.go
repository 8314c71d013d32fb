// Package linebreak breaks paragraphs into lines in TeX's model: boxes, glue and penalties,
// measured in integer scaled points (Length, 1/65536 pt), so a layout is exact and the same
// on every machine. It depends on the standard library only; book/layout builds the
// paragraphs and sets the lines it returns.
//
// # Paragraphs
//
// A paragraph is a horizontal list, a []Item of boxes (words, syllables,
// indents), glue (inter-word space that may stretch and shrink) and
// penalties (possible breakpoints with a cost; flagged penalties are
// hyphenation points). The item kinds are declared one per file: box.go,
// glue.go, penalty.go and discretionary.go. Finish ends a paragraph with
// TeX's \penalty10000 \parfillskip \penalty-10000, and Break chooses the line
// breaks with the Knuth–Plass total-fit algorithm as TeX implements it
// (Knuth and Plass, "Breaking paragraphs into lines", 1981; TeX: The
// Program §813–890): three passes (pretolerance without hyphenation,
// tolerance with it, emergency stretch), demerits with line, hyphen and
// adjacency terms, looseness, and an active list pruned as TeX prunes it
// so that long paragraphs break in time linear in their length.
//
// A typical use:
//
//	items := []linebreak.Item{linebreak.NewBox(indent, -1)}
//	for i, w := range words {
//		if i > 0 {
//			items = append(items, linebreak.NewGlue(space, space/2, space/3))
//		}
//		items = append(items, linebreak.NewBox(width(w), i))
//	}
//	lines, err := linebreak.Break(linebreak.Finish(items), linebreak.FixedMeasure(measure), linebreak.DefaultParams())
//
// Each Line says which items it holds, how its glue is set (Ratio,
// GlueWidth, AppendWidths) and whether it is hyphenated or overfull. When
// no feasible breaks exist, Break still returns the least overfull
// solution together with a *BreakError.
//
// Ragged right, centred and flush-left text use the same breaker: give the
// inter-word glue no stretch or shrink and put the flexibility in
// Params.RightSkip (and LeftSkip), as plain TeX's \raggedright does with
// \rightskip=0pt plus 2em; see Params.LeftSkip.
package linebreak
