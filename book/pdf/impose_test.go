package pdf

import (
	"reflect"
	"testing"
)

func TestBookletOrder(t *testing.T) {
	// Six pages pad to eight: two sheets, four sides.
	want := [][2]int{{-1, 0}, {1, -1}, {5, 2}, {3, 4}}
	if got := BookletOrder(6); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for n := 1; n <= 50; n++ {
		seen := map[int]bool{}
		sides := BookletOrder(n)
		if len(sides)%2 != 0 || len(sides)*2 < n {
			t.Fatalf("%d pages on %d sides", n, len(sides))
		}
		for _, s := range sides {
			for _, p := range s {
				if p >= 0 {
					if seen[p] {
						t.Fatalf("%d pages: page %d twice", n, p)
					}
					seen[p] = true
				}
			}
		}
		if len(seen) != n {
			t.Fatalf("%d pages: %d placed", n, len(seen))
		}
	}
}

func TestPDFText(t *testing.T) {
	if got := pdfText("Aé€😀"); got != "<FEFF004100E920ACD83DDE00>" {
		t.Fatalf("got %s", got)
	}
}
