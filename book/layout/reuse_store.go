package layout

import (
	"bytes"
	"encoding/gob"
	"errors"

	"bindery/book/doc"
)

// A Reuse's paragraphs written out for another process (bindery build --cache), and read
// back. Only what a line holds by value is written: a paragraph whose lines point at anything
// (a footnote, a picture, a block of their own, a "(continued)" line) is left out, and set
// again. The block a line stands in is the reader's to set, as for lines kept in memory
// (typesetter.placed). TestStoredReuseCoversTheLines fails when a field is added to what is
// written here until it is written too.

// storedPar is a kept paragraph: its key and its lines.
type storedPar struct {
	Content, Lang string
	Spec          storedSpec
	Lines         []storedLine
}

// storedSpec is a textSpec without its block.
type storedSpec struct {
	Size, Leading, Width, Indent, Offset, Hang Length
	Style                                      Style
	Ragged, Centered, Display, NoHyphenation   bool
	Kind                                       LineKind
	Task                                       uint8
	Note, HangNumber, BreakAnywhere            bool
	Looseness                                  int
}

// storedLine is a lineBox by value.
type storedLine struct {
	Runs          []storedRun
	Links         []Link
	Marks         []Mark
	Metrics       LineMetrics
	Leading, Size Length
	Rules         []Rule
	Word          int
	InWord        bool
}

// storedRun is a Run with its language as a tag (a LangID is this process's number).
type storedRun struct {
	X, Y, Size, Raise, Width, Tracking Length
	Text, Link, Lang                   string
	Colour                             uint32
	Style                              Style
	Hyphen                             bool
}

func specOf(s textSpec) storedSpec {
	return storedSpec{s.Size, s.Leading, s.Width, s.Indent, s.offset, s.Hang, s.Style, s.Ragged, s.Centered, s.Display,
		s.NoHyphenation, s.Kind, uint8(s.task), s.note, s.hangNumber, s.breakAnywhere, s.looseness}
}

func (s storedSpec) spec() textSpec {
	return textSpec{Size: s.Size, Leading: s.Leading, Width: s.Width, Indent: s.Indent, offset: s.Offset, Hang: s.Hang,
		Style: s.Style, Ragged: s.Ragged, Centered: s.Centered, Display: s.Display, NoHyphenation: s.NoHyphenation,
		Kind: s.Kind, task: doc.Task(s.Task), note: s.Note, hangNumber: s.HangNumber, breakAnywhere: s.BreakAnywhere, looseness: s.Looseness}
}

// storedLines writes out lines, or reports false if one points at something.
func storedLines(lines []*lineBox) ([]storedLine, bool) {
	out := make([]storedLine, len(lines))
	for i, lb := range lines {
		if len(lb.Notes) > 0 || len(lb.pictures) > 0 || lb.cont != nil {
			return nil, false
		}
		sl := storedLine{Links: lb.Links, Marks: lb.Marks, Metrics: lb.Metrics, Leading: lb.Leading, Size: lb.Size,
			Rules: lb.rules, Word: lb.word, InWord: lb.inWord, Runs: make([]storedRun, len(lb.Runs))}
		for k, r := range lb.Runs {
			if r.Block != nil {
				return nil, false
			}
			sl.Runs[k] = storedRun{r.X, r.Y, r.Size, r.Raise, r.Width, r.Tracking, r.Text, r.Link, r.Language(), r.Colour, r.Style, r.Hyphen}
		}
		out[i] = sl
	}
	return out, true
}

// lineBoxes reads stored lines back.
func lineBoxes(stored []storedLine) []*lineBox {
	out := make([]*lineBox, len(stored))
	for i, sl := range stored {
		lb := &lineBox{Links: sl.Links, Marks: sl.Marks, Metrics: sl.Metrics, Leading: sl.Leading, Size: sl.Size,
			rules: sl.Rules, word: sl.Word, inWord: sl.InWord, Runs: make([]Run, len(sl.Runs))}
		for k, r := range sl.Runs {
			lb.Runs[k] = Run{X: r.X, Y: r.Y, Size: r.Size, Raise: r.Raise, Width: r.Width, Tracking: r.Tracking,
				Text: r.Text, Link: r.Link, Lang: langID(r.Lang), Colour: r.Colour, Style: r.Style, Hyphen: r.Hyphen}
		}
		out[i] = lb
	}
	return out
}

// MarshalBinary writes out the paragraphs the last Typeset kept, for a later process.
func (r *Reuse) MarshalBinary() ([]byte, error) {
	r.mu.Lock()
	pars := make([]storedPar, 0, len(r.lines))
	for k, v := range r.lines {
		if lines, ok := storedLines(v.lines); ok {
			pars = append(pars, storedPar{Content: k.content, Lang: k.lang, Spec: specOf(k.spec), Lines: lines})
		}
	}
	r.mu.Unlock()
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(pars)
	return b.Bytes(), err
}

// UnmarshalBinary adds the paragraphs MarshalBinary wrote (by the same binary: the caller
// makes sure) to those kept. Bytes that do not decode add nothing.
func (r *Reuse) UnmarshalBinary(data []byte) error {
	var pars []storedPar
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&pars); err != nil {
		return errors.Join(errors.New("layout: kept paragraphs unreadable"), err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range pars {
		k := reuseKey{content: p.Content, lang: p.Lang, spec: p.Spec.spec()}
		if _, ok := r.lines[k]; !ok {
			r.lines[k] = &reused{lines: lineBoxes(p.Lines), gen: r.gen}
		}
	}
	return nil
}

// Changed reports whether the last Typeset kept a paragraph or let one go: whether what
// MarshalBinary writes changed.
func (r *Reuse) Changed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}
