package pdf

import (
	"bytes"
	"errors"
	"sync"
	"testing"
	"time"

	"bindery/book/font"
	"bindery/book/layout"
	"bindery/fonts"
)

// Small laid-out documents for the tests, built by hand as book/layout would build them.

var families sync.Map // base → func() (Fonts, error)

// bookFonts returns the PDF fonts of a shipped family ("CharisSIL", "GentiumBookPlus").
func bookFonts(t testing.TB, base string) Fonts {
	t.Helper()
	load, _ := families.LoadOrStore(base, sync.OnceValues(func() (Fonts, error) {
		fam, err := font.LoadFamilyFS(fonts.FS(), base)
		if err != nil {
			return Fonts{}, err
		}
		return Fonts{Family: fam, Base: base}, nil
	}))
	f, err := load.(func() (Fonts, error))()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func charis(t testing.TB) Fonts { return bookFonts(t, "CharisSIL") }

// pt is a length in points.
func pt(v float64) layout.Length { return layout.Length(v * float64(layout.Pt)) }

// newDocument is an A5-ish document of n empty pages, numbered in roman up to bodyStart.
func newDocument(n, bodyStart int) *layout.Document {
	d := &layout.Document{
		Settings:  layout.Settings{PageWidth: pt(420), PageHeight: pt(595)},
		BodyStart: bodyStart,
	}
	for i := range n {
		d.Pages = append(d.Pages, &layout.Page{Index: i})
	}
	return d
}

// text is a run of body text at (x, y), the baseline, in points.
func text(style layout.Style, size, x, y float64, s string) layout.Run {
	return layout.Run{X: int32(pt(x)), Y: int32(pt(y)), Style: style, Size: int32(pt(size)), Text: s}
}

// mark puts anchor id on page p at (x, y) and records it in the page map, as the layout does.
func mark(d *layout.Document, p int, id string, x, y float64) {
	d.Pages[p].Marks = append(d.Pages[p].Marks, layout.Mark{ID: id, X: pt(x), Y: pt(y)})
	d.Map.Place(id, layout.Location{Page: p, X: pt(x), Y: pt(y)})
}

var errTest = errors.New("test failure")

var fixedZone = time.FixedZone("La Paz", -4*3600)

var testInfo = Info{
	Title: "Bolivia: power within grasp", Author: "Ana María Quispe", Subject: "A test",
	Keywords: "tests, PDF", Creator: "bindery tests", Language: "en-GB",
	Date: time.Date(2005, 12, 1, 10, 30, 0, 0, time.UTC),
}

// write renders d and fails the test on an error.
func write(t testing.TB, d *layout.Document, info Info, f Fonts) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, info, f); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
