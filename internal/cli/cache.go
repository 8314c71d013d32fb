package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"bindery/book/diag"
	"bindery/book/diskcache"
	"bindery/book/pipeline"

	urfave "github.com/urfave/cli/v2"
)

// cacheFlag is --cache, for build, watch and serve.
func cacheFlag() *urfave.BoolFlag {
	return &urfave.BoolFlag{Name: "cache", Usage: "keep what the build compressed and drew (PDF pages and fonts, EPUB chapters, the cover) in " +
		diskcache.Dir + "/ in the book's folder, so that the next build with --cache compresses and draws only what changed (safe to delete; --clean without --cache deletes it)"}
}

// openCache opens the book's on-disk cache when --cache asks for it. A cache that cannot be
// used (a read-only folder) costs only time: the build goes on without, after a note.
func openCache(c *urfave.Context, dir string, stderr io.Writer) *diskcache.Cache {
	if !c.Bool("cache") {
		return nil
	}
	dc, err := diskcache.Open(dir)
	if err != nil {
		fmt.Fprintf(stderr, "note: building without the cache: %s\n", diag.Visible(err.Error()))
		return nil
	}
	return dc
}

// withCache puts the on-disk cache, if any, behind the build's cache: one that keeps only what
// outlives the process for a build, the in-memory one of watch and serve else.
func withCache(opt *pipeline.Options, dc *diskcache.Cache, rebuilds bool) {
	if dc == nil {
		return
	}
	if !rebuilds {
		opt.Cache = pipeline.NewStoreCache(dc)
		return
	}
	if opt.Cache == nil {
		opt.Cache = pipeline.NewCache()
	}
	opt.Cache.SetStore(dc)
}

// cleanCache is --clean's part for the cache: with --cache, the entries this build did not
// use are removed; without, the whole folder (a build that does not use it leaves none
// behind). It returns what it removed, for a "removed" line.
func cleanCache(c *urfave.Context, dir string, dc *diskcache.Cache, stderr io.Writer) (removed string) {
	if !c.Bool("clean") {
		return ""
	}
	if dc != nil {
		dc.Prune()
		return ""
	}
	ok, err := diskcache.Remove(dir)
	if err != nil {
		fmt.Fprintf(stderr, "note: %s\n", diag.Visible(err.Error()))
		return ""
	}
	if !ok {
		return ""
	}
	return filepath.Join(dir, diskcache.Dir) + string(filepath.Separator)
}

// cacheTimings is --timings' line about the cache.
func cacheTimings(w io.Writer, dc *diskcache.Cache) {
	if dc == nil {
		return
	}
	hits, misses, writes := dc.Stats()
	fmt.Fprintf(w, "  %-22s %d found, %d missed, %d written\n", "cache", hits, misses, writes)
}
