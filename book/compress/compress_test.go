package compress

import (
	"bytes"
	"io"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// samples are inputs of the shapes the writers compress: empty, tiny, text that repeats,
// noise, and longer than a compressor's window.
func samples() [][]byte {
	r := rand.New(rand.NewPCG(1, 2))
	noise := make([]byte, 70_000)
	for i := range noise {
		noise[i] = byte(r.UintN(256))
	}
	text := bytes.Repeat([]byte("BT /F1 11 Tf 72 700 Td [(The codex)-250(and the scroll)] TJ ET\n"), 2000)
	return [][]byte{nil, []byte("x"), []byte("abcabcabcabc"), text[:1500], text, noise}
}

// TestZlibIsKlauspostsZlib: the same bytes as klauspost's zlib writer at every level (the
// PDFs keep their bytes), and each stream inflates to its input through the standard reader.
func TestZlibIsKlauspostsZlib(t *testing.T) {
	for level := 1; level <= 9; level++ {
		for i, data := range samples() {
			var want bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&want, level)
			zw.Write(data)
			zw.Close()
			got := Zlib(level, data)
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("level %d, sample %d: %d bytes differ from zlib's %d", level, i, len(got), want.Len())
			}
			zr, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			back, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(back, data) {
				t.Fatalf("level %d, sample %d: inflates to %d bytes (%v)", level, i, len(back), err)
			}
		}
	}
}

// TestRawIsFlates: the bytes of a new flate writer at the level, whatever the compressor
// kept from earlier inputs (the EPUBs keep their bytes).
func TestRawIsFlates(t *testing.T) {
	for round := 0; round < 2; round++ {
		for level := 1; level <= 9; level++ {
			for i, data := range samples() {
				var want bytes.Buffer
				fw, _ := flate.NewWriter(&want, level)
				fw.Write(data)
				fw.Close()
				if got := Raw(level, data); !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("round %d, level %d, sample %d differs", round, level, i)
				}
			}
		}
	}
}

// TestCompressorsAreKept: compressing again at a level uses the compressor kept, however
// many collections ran between.
func TestCompressorsAreKept(t *testing.T) {
	Raw(5, []byte("warm"))
	allocs := testing.AllocsPerRun(5, func() {
		runtime.GC() // twice: a sync.Pool would be empty now
		runtime.GC()
		Raw(5, []byte("the same compressor"))
	})
	if allocs > 2 {
		t.Fatalf("%v allocations a call; want the kept compressor (at most 2: the copy out)", allocs)
	}
}

// TestCompressorsAreShared runs compressions at once (go test -race).
func TestCompressorsAreShared(t *testing.T) {
	data := samples()[4]
	want := Zlib(6, data)
	done := make(chan bool)
	for range 8 {
		go func() {
			ok := true
			for range 10 {
				ok = ok && bytes.Equal(Zlib(6, data), want)
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Fatal("a compression running beside others differs")
		}
	}
}

// TestLevelOutOfRangePanics: a level no compressor has is a programming error, said at once.
func TestLevelOutOfRangePanics(t *testing.T) {
	for _, level := range []int{0, 10, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("level %d: no panic", level)
				}
			}()
			Raw(level, nil)
		}()
	}
}

// TestOneCompressorUntilAlone: a level's second compressor is made only once the level has
// compressed alone bytes; before, a compression waits for the one there is, and gets it.
func TestOneCompressorUntilAlone(t *testing.T) {
	p := &pool{}
	if c := p.get(10); c != nil {
		t.Fatal("a free compressor before any was made")
	}
	first := &compressor{}
	got := make(chan *compressor)
	go func() { got <- p.get(10) }()
	p.put(first)
	if c := <-got; c != first {
		t.Fatalf("the second compression got %p, want the first compressor %p", c, first)
	}
	if p.made != 1 {
		t.Fatalf("%d compressors made for 20 bytes; want 1", p.made)
	}
	// Past alone bytes, a compression finding none free makes its own at once.
	if c := p.get(alone); c != nil || p.made != 2 {
		t.Fatalf("past alone bytes: got %p, %d made; want a new one (nil), 2 made", c, p.made)
	}
}

// TestShortWorkUsesOneCompressor: many small compressions at once, as a short book's
// workers make them, share one compressor and all come out right.
func TestShortWorkUsesOneCompressor(t *testing.T) {
	data := samples()[3] // 1,500 bytes
	want := Raw(3, data)
	p := &pool{}
	out := make(chan []byte)
	for range 16 {
		go func() {
			c := p.run(3, data)
			out <- bytes.Clone(c.buf.Bytes())
			p.put(c)
		}()
	}
	for range 16 {
		if !bytes.Equal(<-out, want) {
			t.Fatal("a compression differs")
		}
	}
	if p.made != 1 {
		t.Fatalf("%d compressors made for %d bytes; want 1", p.made, 16*len(data))
	}
}
