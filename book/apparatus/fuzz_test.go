package apparatus

import (
	"os"
	"path/filepath"
	"testing"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
)

// FuzzLoad feeds arbitrary YAML to the glossary, chronology and index loaders.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("- id: mnr\n  term: MNR\n  definition: A *party*.\n  see_also: [mnr, x]\n"), byte(0))
	f.Add([]byte("- date: c. 1952/1953\n  event: E\n  anchor: c-x\n- date: 1950-13\n  event: x\n  anchor: y\n"), byte(1))
	f.Add([]byte("- date: 2002-06-30\n  source_date: 2002-06-23\n  note: The *record*.\n  event: E\n  anchor: c-x\n"), byte(1))
	f.Add([]byte("- term: A\n  see: B\n- term: B\n  see: A\n- term: C\n  subentries: [{term: s}, 3]\n"), byte(2))
	f.Add([]byte("{a: b}\n"), byte(0))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, which byte) {
		path := filepath.Join(dir, "m.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Skip()
		}
		cfg := &config.Book{}
		file := config.File{Name: "m.yaml", Path: path, Pos: diag.Pos{File: "book.yaml", Line: 1}}
		switch which % 3 {
		case 0:
			cfg.Glossary = file
		case 1:
			cfg.Chronology = file
		default:
			cfg.Index = file
		}
		a, _ := Load(cfg)
		for _, e := range a.Chronology {
			if e.ID == "" {
				t.Fatal("chronology entry without ID")
			}
		}
		_ = doc.Apparatus{}
	})
}
