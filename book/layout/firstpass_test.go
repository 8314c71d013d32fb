package layout

import (
	"testing"

	"bindery/book/doc"
)

// TestTakeBackMatter: the second pass takes the first pass's back matter only if it gives
// every ID the back matter asked the label it was made with (an ID the text did not place
// having none), and only once.
func TestTakeBackMatter(t *testing.T) {
	index := newLabelIndex()
	text := newLabelSet(index)
	text.note("text-anchor", "3")
	made := func() *kept {
		f := &firstBackMatter{labels: text}
		f.Label("text-anchor")
		f.Label("glossary") // not placed by the text: asked by name
		return &kept{backMatter: &madeBackMatter{from: f}}
	}
	labels := func(anchor, glossary string) *labelSet {
		l := newLabelSet(index)
		l.note("text-anchor", anchor)
		if glossary != "" {
			l.note("glossary", glossary)
		}
		l.note("index", "9") // not asked: changes nothing
		return l
	}
	k := made()
	if k.takeBackMatter(labels("3", "")) == nil {
		t.Errorf("the same labels: the back matter not taken")
	}
	if k.takeBackMatter(labels("3", "")) != nil {
		t.Errorf("taken twice")
	}
	if made().takeBackMatter(labels("4", "")) != nil {
		t.Errorf("an anchor asked moved: the back matter taken")
	}
	if made().takeBackMatter(labels("3", "7")) != nil {
		t.Errorf("an ID asked without a label has one now: the back matter taken")
	}
}

// TestFirstPassIsLast: a first pass is the last only if its text asked no label, it made
// the back matter, and every label the back matter asked is the one the pass found.
func TestFirstPassIsLast(t *testing.T) {
	index := newLabelIndex()
	text := newLabelSet(index)
	text.note("text-anchor", "3")
	found := func(anchor, glossary string) *labelSet {
		l := newLabelSet(index)
		l.note("text-anchor", anchor)
		if glossary != "" {
			l.note("glossary", glossary)
		}
		return l
	}
	asks := func(t *typesetter) { t.Label("text-anchor") }
	refers := func(t *typesetter) { t.references = true } // a cross-reference to no anchor
	isLast := func(found *labelSet, textDoes func(*typesetter), generated int) bool {
		f := &firstBackMatter{labels: text}
		f.Label("text-anchor")
		f.Label("glossary") // not placed by the text: asked by name
		tt := &typesetter{labels: newLabelSet(index)}
		if textDoes != nil {
			textDoes(tt)
		}
		d := &Document{Generated: make([]*doc.Chapter, generated)}
		return f.isLast(tt, d, found) && len(d.used.numbers)+len(d.used.names) == 2
	}
	if !isLast(found("3", ""), nil, 1) {
		t.Errorf("the labels found: not the last")
	}
	if isLast(found("4", ""), nil, 1) {
		t.Errorf("an anchor asked moved: the last")
	}
	if isLast(found("3", "7"), nil, 1) {
		t.Errorf("an ID asked without a label has one: the last")
	}
	if isLast(found("3", ""), asks, 1) || isLast(found("3", ""), refers, 1) {
		t.Errorf("the text asked a label: the last")
	}
	if isLast(found("3", ""), nil, 0) {
		t.Errorf("no back matter made: the last")
	}
}
