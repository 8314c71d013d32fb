package fonts

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"unsafe"
)

// Shared gives every font file's own bytes, and the shipped families' in place.
func TestSharedIsTheFile(t *testing.T) {
	names, err := fs.Glob(files, "*.ttf")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fonts embedded: %v", err)
	}
	for _, name := range names {
		want, err := Read(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Shared(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("Shared(%s) differs from the embedded file", name)
		}
	}
	for _, fam := range append(Families, CodeFamilies...) {
		for _, st := range Styles {
			got, _ := Shared(fam.File(st))
			if s := shared[fam.File(st)]; len(got) == 0 || unsafe.SliceData(got) != unsafe.StringData(s) {
				t.Errorf("%s is copied, not shared in place", fam.File(st))
			}
		}
	}
	if _, err := Shared("Nothing-Regular.ttf"); err == nil || !strings.Contains(err.Error(), "not exist") {
		t.Errorf("a missing font: %v", err)
	}
}
