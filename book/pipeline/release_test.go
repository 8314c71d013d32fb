package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A build lets each page's content go once it is in the PDF (Result.Layout keeps the page
// count, labels and starts); the outputs are the same bytes as a build that keeps it all.
func TestBuildLetsPagesGoOncePainted(t *testing.T) {
	epoch := time.Unix(1700000000, 0)
	build := func(keep bool) (*Result, string) {
		out := t.TempDir()
		res, err := Build(Options{Dir: "../../testdata/books/features", OutDir: out, Formats: Formats, Epoch: &epoch, KeepLayout: keep, NoManifest: true})
		if err != nil {
			t.Fatal(err)
		}
		return res, out
	}
	kept, _ := build(true)
	let, letDir := build(false)
	if len(let.Layout.Pages) != len(kept.Layout.Pages) || len(kept.Layout.Pages) < 5 {
		t.Fatalf("%d pages released, %d kept", len(let.Layout.Pages), len(kept.Layout.Pages))
	}
	runs, starts := 0, 0
	for i, p := range let.Layout.Pages {
		k := kept.Layout.Pages[i]
		runs += len(k.Runs)
		if len(p.Runs) > 0 || len(p.Lines) > 0 || len(p.Pictures) > 0 {
			t.Errorf("page %s still holds its content after the PDF", p.Label)
		}
		if p.Label != k.Label || (p.Start == nil) != (k.Start == nil) || len(p.Links) != len(k.Links) {
			t.Errorf("page %s: label, start or links lost", p.Label)
		}
		if p.Start != nil {
			starts++
		}
	}
	if runs == 0 || starts == 0 {
		t.Fatalf("the kept layout has %d runs and %d page starts", runs, starts)
	}
	for _, f := range kept.Outputs {
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(letDir, filepath.Base(f)))
		if err != nil || len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between a build that keeps its pages and one that lets them go (%v)", filepath.Base(f), err)
		}
	}
}
