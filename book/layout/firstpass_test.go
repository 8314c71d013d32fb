package layout

import "testing"

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
