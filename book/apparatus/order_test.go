package apparatus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"bindery/book/config"
)

// TestDiagnosticsInFilesOrder: the three files are read at once and a chronology's entries
// on every core, yet what they report comes as read one after another: the glossary's, the
// chronology's, the index's, each in its file's order, the same on one core as on several.
func TestDiagnosticsInFilesOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) config.File {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return config.File{Name: name, Path: path}
	}
	var g, c, ix strings.Builder
	var dupDefinitions []string // where the definitions of entries with another's id are
	for i := range 40 {
		if i%4 == 1 {
			dupDefinitions = append(dupDefinitions, fmt.Sprintf("glossary.yaml:%d:", strings.Count(g.String(), "\n")+3))
		}
		switch i % 4 {
		case 0: // a key taken for another, then a definition that warns
			fmt.Fprintf(&g, "- term: Term %d\n  defintion: x\n  expansion: [a]\n", i)
		case 1: // the id of the entry before, with a definition that would warn
			fmt.Fprintf(&g, "- id: term-%d\n  term: Again %d\n  definition: A <script>x</script> %d.\n", i-1, i, i)
		case 2: // a bad id; a definition that warns
			fmt.Fprintf(&g, "- id: 9x%d\n  term: Term %d\n  definition: The <script>x</script> %d.\n", i, i, i)
		default:
			fmt.Fprintf(&g, "- term: Term %d\n  definition: The %d.\n  see_also: [nosuch%d]\n", i, i, i)
		}
	}
	for i := range 300 {
		switch i % 5 {
		case 0: // a bad date, then a key taken for another
			fmt.Fprintf(&c, "- date: 19%02d-13\n  event: Event %d.\n  anchr: c-x%d\n", i%100, i, i)
		case 1: // no event; the anchor of the entry before
			fmt.Fprintf(&c, "- date: 1900\n  anchor: c-x%d\n", i-1)
		case 2: // out of order, and its source date is the date
			fmt.Fprintf(&c, "- date: 1800\n  source_date: 1800\n  event: Event %d.\n  anchor: c-y%d\n", i, i)
		default:
			fmt.Fprintf(&c, "- date: 1950\n  event: Event %d.\n  anchor: c-z%d\n  colour: red\n", i, i)
		}
	}
	for i := range 30 {
		fmt.Fprintf(&ix, "- term: Entry %d\n  glossary: no-such-%d\n  see: Nowhere %d\n", i, i, i)
	}
	cfg := &config.Book{Glossary: write("glossary.yaml", g.String()), Chronology: write("chronology.yaml", c.String()),
		Index: write("index.yaml", ix.String())}
	var lists [][]string
	for _, procs := range []int{1, 2, 4, 1, 4} {
		old := runtime.GOMAXPROCS(procs)
		_, list := Load(cfg)
		runtime.GOMAXPROCS(old)
		var got []string
		for _, d := range list {
			got = append(got, d.String())
		}
		lists = append(lists, got)
	}
	// The entry each line of a file is in: an entry's messages come before the next one's
	// (in the order its keys are read, not by line); the chronology's order warnings follow
	// its entries'.
	texts := []string{g.String(), c.String(), ix.String()}
	files := []string{"glossary.yaml", "chronology.yaml", "index.yaml"}
	entryAt := func(f, line int) int {
		n := 0
		for i, l := range strings.Split(texts[f], "\n")[:line] {
			if strings.HasPrefix(l, "- ") && i < line {
				n++
			}
		}
		return n
	}
	last, lastEntry := 0, 0
	for _, d := range lists[0] {
		f := slices.IndexFunc(files, func(name string) bool { return strings.Contains(d, "/"+name+":") })
		if f < last {
			t.Fatalf("%s reported after the %s's", d, files[last])
		}
		if f > last {
			last, lastEntry = f, 0
		}
		if strings.Contains(d, "out of order") || strings.Contains(d, "see_also: no glossary entry") {
			continue
		}
		var line int
		fmt.Sscanf(d[strings.Index(d, ".yaml:")+len(".yaml:"):], "%d", &line)
		e := entryAt(f, line)
		if e < lastEntry {
			t.Fatalf("%s reported after entry %d's messages", d, lastEntry)
		}
		lastEntry = e
	}
	for _, d := range lists[0] {
		// A duplicate id is said once: the rest of that entry is not read.
		for _, at := range dupDefinitions {
			if strings.Contains(d, "/"+at) {
				t.Errorf("reported of an entry whose id is another's: %s", d)
			}
		}
	}
	for i, d := range lists[0] {
		// An entry's messages in the order its keys are read: the unknown key first.
		if strings.Contains(d, "expansion must be text") && (i == 0 || !strings.Contains(lists[0][i-1], `unknown key "defintion"`)) {
			t.Errorf("%s: not right after the entry's unknown key", d)
		}
	}
	if n := strings.Count(strings.Join(lists[0], "\n"), "is used twice"); n != 10 {
		t.Errorf("%d ids used twice, want 10", n)
	}
	if len(lists[0]) < 300 {
		t.Fatalf("only %d diagnostics: %q", len(lists[0]), lists[0])
	}
	for i, l := range lists[1:] {
		if !slices.Equal(l, lists[0]) {
			t.Errorf("run %d: the diagnostics differ from one core's", i+2)
		}
	}
}
