package diskcache

import (
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

var randRead = rand.Read

// entry is a file of the cache's folder as eviction sees it.
type entry struct {
	name string
	size int64
	used time.Time
}

// evict removes the entries used least recently until the folder is under the limit, or
// under twice what this process used since the last eviction if that is more (a big book's
// own entries are not evicted by its next build), and what is not an entry: a link, a folder,
// a temporary file left by a writer that stopped an hour ago or more.
func (c *Cache) evict(now time.Time) {
	if !c.evicting.TryLock() {
		return // another goroutine of this process is at it
	}
	defer c.evicting.Unlock()
	entries, mine := c.entries(now)
	limit := max(c.limit, 2*mine)
	var total int64
	for _, e := range entries {
		total += e.size
	}
	if total > limit {
		slices.SortFunc(entries, func(a, b entry) int { return a.used.Compare(b.used) })
		for _, e := range entries {
			if total <= limit {
				break
			}
			if c.root.Remove(e.name) == nil {
				total -= e.size
			}
		}
	}
	c.mu.Lock()
	c.evicted, c.unevicted = now, 0
	c.mu.Unlock()
}

// entries lists the folder's entries, each with the last time it was used (by this process,
// or as its file's time says), and what the entries this process used since the last
// eviction weigh; it removes what is not an entry.
func (c *Cache) entries(now time.Time) ([]entry, int64) {
	f, err := c.root.Open(".")
	if err != nil {
		return nil, 0
	}
	list, _ := f.ReadDir(-1)
	f.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	var mine int64
	for _, u := range c.used {
		if !u.at.Before(c.evicted) {
			mine += u.size
		}
	}
	out := make([]entry, 0, len(list))
	for _, d := range list {
		fi, err := d.Info()
		if err != nil {
			continue
		}
		switch {
		case strings.HasPrefix(d.Name(), tempPrefix):
			if now.Sub(fi.ModTime()) > time.Hour {
				_ = c.root.Remove(d.Name())
			}
		case !fi.Mode().IsRegular():
			_ = c.root.RemoveAll(d.Name()) // a link itself, never what it points at
		default:
			e := entry{d.Name(), fi.Size(), fi.ModTime()}
			if u, ok := c.used[e.name]; ok && u.at.After(e.used) {
				e.used = u.at
			}
			out = append(out, e)
		}
	}
	return out, mine
}

// Prune removes every entry this process did not use: the cache then holds this build's
// entries only (bindery build --cache --clean).
func (c *Cache) Prune() {
	c.Flush()
	entries, _ := c.entries(time.Now())
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range entries {
		if _, ok := c.used[e.name]; !ok {
			_ = c.root.Remove(e.name)
		}
	}
}

// Remove deletes the cache in the book's folder dir, if there is one, and reports whether
// there was. A .bindery-cache that is not a folder (a link, a file) is not bindery's: it is
// left alone, with an error.
func Remove(dir string) (bool, error) {
	path := filepath.Join(dir, Dir)
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !fi.IsDir() {
		return false, errors.New(path + " is not a folder (a link or a file): not bindery's cache, left alone")
	}
	return true, os.RemoveAll(path)
}
