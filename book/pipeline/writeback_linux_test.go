package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// On Linux an output's sync waits for the commit: no fsync runs while another output is
// still being written (it kept a processor from the PDF's end). The temporary PDF is made
// readable (0644) once it is whole, so a sync that finds it otherwise came too early.
func TestOutputsSyncedOnlyOnceAllAreWritten(t *testing.T) {
	defer func(f func(*os.File) error) { syncFile = f }(syncFile)
	out := t.TempDir()
	var early atomic.Int32
	syncFile = func(f *os.File) error {
		if strings.Contains(f.Name(), ".epub") {
			pdfs, _ := filepath.Glob(filepath.Join(out, ".*.pdf.tmp-*"))
			for _, p := range pdfs {
				if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o644 {
					early.Add(1)
				}
			}
			if len(pdfs) == 0 {
				early.Add(1) // the PDF not yet begun
			}
		}
		return f.Sync()
	}
	if _, err := Build(Options{Dir: "../../manuscript", OutDir: out, Formats: Formats}); err != nil {
		t.Fatal(err)
	}
	if n := early.Load(); n != 0 {
		t.Errorf("the EPUB was synced while the PDF was being written (%d)", n)
	}
}
