package doc

// InlineLists calls fn with every list of inlines in blocks — headings,
// paragraphs, table cells, definition terms, captions — depth first, so that
// the caller may replace a list.
func InlineLists(blocks []Block, fn func(*[]Inline)) {
	Walk(blocks, func(b Block) bool {
		switch b := b.(type) {
		case *Heading:
			fn(&b.Inlines)
		case *Paragraph:
			fn(&b.Inlines)
		case *Table:
			for _, row := range append([][]*TableCell{b.Header}, b.Rows...) {
				for _, c := range row {
					fn(&c.Inlines)
				}
			}
		case *DefinitionList:
			for _, it := range b.Items {
				fn(&it.Term)
			}
		case *Figure:
			fn(&b.Caption)
		}
		return true
	})
}

// SetLang marks every text of blocks as being in language tag, a passage the
// author marked (::: {lang=es}): each list of inlines goes into a Span with Lang.
func SetLang(blocks []Block, tag string) {
	InlineLists(blocks, func(ins *[]Inline) {
		if len(*ins) > 0 {
			*ins = []Inline{&Span{At: At{Pos: (*ins)[0].Position()}, Lang: tag, Children: *ins}}
		}
	})
}
