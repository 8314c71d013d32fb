package apparatus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

func TestParseDate(t *testing.T) {
	good := map[string]string{"1952": "1952", "1952-04": "1952-04", "1952-04-09": "1952-04-09", "c. 1995": "1995", "2000/2003": "2000"}
	for in, sort := range good {
		d, err := ParseDate(in)
		if err != nil || d.Sort != sort {
			t.Errorf("%q: %+v %v", in, d, err)
		}
	}
	for _, bad := range []string{"", "1952-13", "1952-02-30", "April 1952", "2003/2000", "19522"} {
		if _, err := ParseDate(bad); err == nil || !strings.Contains(err.Error(), bad) && bad != "" {
			t.Errorf("%q: want an error naming it, got %v", bad, err)
		}
	}
}

// loadChronologyText reads one chronology file through Load, as a book names it.
func loadChronologyText(t *testing.T, text string) (*doc.Apparatus, diag.List) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chronology.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(&config.Book{Chronology: config.File{Name: "chronology.yaml", Path: path}})
}

// TestChronologySourceDateAndNote: an entry dated from the record keeps the text's date and
// the editor's note; a source_date that is the date itself, or no date at all, is reported.
func TestChronologySourceDateAndNote(t *testing.T) {
	a, list := loadChronologyText(t, `- date: 2002-06-30
  source_date: 2002-06-23
  event: The election.
  note: Held on *30 June*.
  anchor: c-election
- date: 2003-10-17
  source_date: 2003-10-17
  event: Same.
  anchor: c-same
- date: 2004
  source_date: June 2004
  event: Bad.
  anchor: c-bad
`)
	if len(a.Chronology) != 3 {
		t.Fatalf("%d entries", len(a.Chronology))
	}
	e := a.Chronology[0]
	if e.Date.Sort != "2002-06-30" || e.SourceDate.Text != "2002-06-23" || doc.PlainText(e.Note) != "Held on 30 June." {
		t.Fatalf("entry: date %+v, source date %+v, note %q", e.Date, e.SourceDate, doc.PlainText(e.Note))
	}
	if a.Chronology[1].SourceDate.Text != "" {
		t.Errorf("a source_date equal to the date is kept: %+v", a.Chronology[1].SourceDate)
	}
	var lines []string
	for _, d := range list {
		lines = append(lines, d.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{"chronology.yaml:7:16: warning: source_date is the date itself", "chronology.yaml:11:16: error: source_date: \"June 2004\" is not a date"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
}

// TestFieldsOfEntries: an entry's keys read through fields: a key given twice is an error
// (YAML keeps one of the two values) and the entry is read with its last value, an unknown key
// is reported with the one it was taken for (and no "missing" after it), an empty mapping is
// an entry with every required key missing, and a scalar is no entry.
func TestFieldsOfEntries(t *testing.T) {
	a, list := loadChronologyText(t, `- date: 1999
  date: 2001
  event: Twice dated.
  anchor: c-twice
- date: 2002
  evnt: Misspelt.
  anchor: c-misspelt
- {}
- just text
`)
	var lines []string
	for _, d := range list {
		lines = append(lines, d.String())
	}
	got := strings.Join(lines, "\n")
	var twice *doc.ChronologyEntry
	for _, e := range a.Chronology {
		if e.Anchor == "c-twice" {
			twice = e
		}
	}
	if len(a.Chronology) != 3 || twice == nil || twice.Date.Sort != "2001" || twice.AnchorPos.Line != 4 {
		t.Fatalf("entries: %d, twice dated: %+v\n%s", len(a.Chronology), twice, got)
	}
	for _, want := range []string{
		"chronology.yaml:2:3: error: date is given twice (first at line 1)",
		`chronology.yaml:6:3: error: unknown key "evnt"`,
		"chronology.yaml:8:3: error: date is missing",
		"chronology.yaml:8:3: error: event is missing",
		"chronology.yaml:9:3: error: expected an entry with keys (date, event, anchor, source, source_date, note)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "6:3: error: event is missing") || strings.Contains(got, "5:3: error: event is missing") {
		t.Errorf("a misspelt key is also reported missing:\n%s", got)
	}
}
