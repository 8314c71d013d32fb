package apparatus

import (
	"path/filepath"
	"testing"

	"bindery/book/config"
)

// BenchmarkLoad reads the default book's glossary, chronology and index.
func BenchmarkLoad(b *testing.B) {
	cfg, err := config.Load(filepath.Join("..", "..", "manuscript"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, list := Load(cfg); list.HasErrors() {
			b.Fatal(list)
		}
	}
}
