package layout

import (
	"testing"

	"bindery/book/doc"
)

// Go's maps hold a key or value over 128 bytes apart, one allocation an insert: a rebuild
// records every paragraph's source (setParagraph), so parSource must fit in the map.
func TestParagraphSourcesFitInTheirMap(t *testing.T) {
	blocks := paragraphs(64)
	sources := make(map[doc.Block]parSource, len(blocks))
	allocs := testing.AllocsPerRun(10, func() {
		clear(sources)
		for _, b := range blocks {
			sources[b] = parSource{spec: textSpec{block: b}}
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations to record %d sources in a map sized for them", allocs, len(blocks))
	}
}

// The paragraph caches (a chapter slot's paragraphs and measures) take a key a paragraph
// of every chapter in every pass and rebuild: parKey must fit in the map too.
func TestParagraphKeysFitInTheirMaps(t *testing.T) {
	blocks := paragraphs(64)
	ins := []doc.Inline{&doc.Text{Text: "a"}}
	cache := make(map[parKey]setParagraphResult, len(blocks))
	measures := make(map[parKey]looseMeasure, len(blocks))
	allocs := testing.AllocsPerRun(10, func() {
		clear(cache)
		clear(measures)
		for _, b := range blocks {
			k := textKey(ins, textSpec{block: b})
			cache[k] = setParagraphResult{}
			measures[k] = looseMeasure{}
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations to key %d paragraphs in maps sized for them", allocs, len(blocks))
	}
}

func paragraphs(n int) []doc.Block {
	blocks := make([]doc.Block, n)
	for i := range blocks {
		blocks[i] = &doc.Paragraph{}
	}
	return blocks
}
