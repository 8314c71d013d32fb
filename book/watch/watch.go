// Package watch rebuilds a book whenever one of its sources changes, for `bindery watch`.
//
// It watches folders, not files: editors that save by writing a new file and renaming it over
// the old one replace the file, and a watch on the old file would be lost with it. A change is
// any event on a file the book uses (book.yaml, or an mdBook project's book.toml and
// SUMMARY.md, chapters and the files they include, glossary, chronology, index, cover, images)
// or on a Markdown, YAML or image file in a watched folder (a chapter not yet listed).
// Events come in bursts (write, chmod, rename), so a rebuild waits for a quiet moment.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"bindery/book/config"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/mdbook"
	"bindery/book/pipeline"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long the sources must stay unchanged before a rebuild: long enough
// for an editor's save (write, rename, chmod) to be one change, short enough not to be noticed.
const DefaultDebounce = 150 * time.Millisecond

// Options say what to build and how to report.
type Options struct {
	// Build says what to build; its Cache, if nil, is a new one that the rebuilds share
	// (a rebuild sets again only what an edit changed). Run sets NoSync: the outputs are
	// written again at every save, and waiting each time for the disk costs a rebuild
	// 2–3 ms (more on a slow disk) for nothing a rebuild cannot give back.
	Build    pipeline.Options
	Debounce time.Duration // 0 means DefaultDebounce
	// Quiet reports failed builds only.
	Quiet bool
	// Diagnostics prints a build's diagnostics; nil prints one line each.
	Diagnostics func(w io.Writer, list diag.List)
	// Visible shows a file name or an error message safely on a terminal (the CLI escapes
	// control characters); nil shows it as it is.
	Visible func(string) string
	// Built, if set, is told of every build after it is reported (not of one interrupted by
	// the end of the watch), before the next can start: the outputs stay as the build left
	// them while it runs. bindery serve reads the new book here.
	Built func(res *pipeline.Result, err error)
}

// Run builds the book, then rebuilds it after every change to its sources, reporting each build
// in one line on w (with its diagnostics below it), until ctx is cancelled; then it returns
// nil. A failed rebuild writes nothing, so the outputs of the last good build stay in place.
// Run returns an error only if the book's folder cannot be watched.
func Run(ctx context.Context, opt Options, w io.Writer) error {
	if opt.Debounce <= 0 {
		opt.Debounce = DefaultDebounce
	}
	if opt.Build.Cache == nil {
		opt.Build.Cache = pipeline.NewCache()
	}
	opt.Build.NoSync = true
	if opt.Diagnostics == nil {
		opt.Diagnostics = func(w io.Writer, list diag.List) {
			for _, d := range list {
				fmt.Fprintln(w, d)
			}
		}
	}
	dir, err := filepath.Abs(opt.Build.Dir)
	if err != nil {
		return err
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("%s: no such folder", opt.Build.Dir)
	}
	out, err := filepath.Abs(opt.Build.OutDir)
	if err != nil {
		return err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("cannot watch files: %w", err)
	}
	defer fw.Close()
	s := &session{opt: opt, w: w, dir: dir, out: out, fw: fw, dirs: map[string]bool{}, files: map[string]bool{}}
	// The book's folder is watched before the first build, so no change is missed.
	if err := s.watchDir(dir); err != nil {
		return fmt.Errorf("cannot watch %s: %w", opt.Build.Dir, err)
	}
	s.build(ctx, nil)
	if ctx.Err() != nil {
		return nil
	}
	fmt.Fprintf(w, "watching %s for changes (Ctrl-C to stop)\n", shown(opt.Build.Dir))

	changed := map[string]bool{}
	var quiet <-chan time.Time
	var timer *time.Timer
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if !s.relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) && s.dirs[ev.Name] {
				s.watchDir(ev.Name) // a watched folder was replaced: watch the new one
			}
			changed[ev.Name] = true
			if timer == nil {
				timer = time.NewTimer(opt.Debounce)
			} else {
				timer.Reset(opt.Debounce)
			}
			quiet = timer.C
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// Most likely the kernel's queue overflowed and events were lost: rebuild to be sure.
			fmt.Fprintf(w, "%s watch: %v; rebuilding\n", clock(), err)
			changed[dir] = true
			s.build(ctx, changed)
			changed = map[string]bool{}
		case <-quiet:
			quiet = nil
			s.build(ctx, changed)
			changed = map[string]bool{}
			if ctx.Err() != nil {
				return nil
			}
		}
	}
}

// session is the state of one watch.
type session struct {
	opt      Options
	w        io.Writer
	dir, out string // absolute
	fw       *fsnotify.Watcher
	dirs     map[string]bool // folders watched
	files    map[string]bool // files the book uses, from its last load
	builds   int
	lastGood time.Time
	notes    string // about the output folder, said once until they change
}

// build runs one build and reports it. changed are the paths that triggered it (nil: the first).
func (s *session) build(ctx context.Context, changed map[string]bool) {
	start := time.Now()
	res, err := pipeline.Build(s.opt.Build)
	if ctx.Err() != nil {
		return // interrupted: the build was stopped on purpose; say nothing of it
	}
	if s.opt.Built != nil {
		defer s.opt.Built(res, err)
	}
	s.builds++
	verb, why := "built", ""
	if changed != nil {
		verb, why = "rebuilt", " ("+s.names(changed)+")"
	}
	var list diag.List
	if res != nil {
		list = res.Diagnostics
		if res.Book != nil {
			s.learn(res.Book)
		}
	}
	if err != nil {
		what := "build failed"
		if changed != nil {
			what = "rebuild failed"
		}
		kept := "nothing was written"
		if !s.lastGood.IsZero() {
			kept = fmt.Sprintf("%s keeps the outputs of %s", s.visible(shown(s.opt.Build.OutDir)), s.lastGood.Format("15:04:05"))
		}
		if _, isList := diag.AsList(err); isList {
			errs := 0
			for _, d := range list {
				if d.Severity == diag.Error {
					errs++
				}
			}
			fmt.Fprintf(s.w, "%s %s%s: %d %s; %s\n", clock(), what, why, errs, plural(errs, "error"), kept)
		} else {
			fmt.Fprintf(s.w, "%s %s%s: %s; %s\n", clock(), what, why, s.visible(err.Error()), kept)
		}
		s.opt.Diagnostics(s.w, errorsFirst(list, s.opt.Quiet))
		return
	}
	s.lastGood = time.Now()
	if s.opt.Quiet {
		return
	}
	var outs []string
	for _, o := range res.Outputs {
		outs = append(outs, s.visible(shown(o)))
	}
	warns, n := "", 0
	for _, d := range list {
		if d.Severity == diag.Warning { // notes are for bindery check
			n++
		}
	}
	if n > 0 {
		warns = fmt.Sprintf(" (%d %s)", n, plural(n, "warning"))
	}
	removed := ""
	for i, o := range res.Cleanup.Removed {
		if i == 0 {
			removed = "; removed "
		} else {
			removed += ", "
		}
		removed += s.visible(shown(o))
	}
	fmt.Fprintf(s.w, "%s %s in %d ms%s: %s%s%s\n", clock(), verb, time.Since(start).Milliseconds(), why,
		strings.Join(outs, ", "), warns, removed)
	s.opt.Diagnostics(s.w, list)
	if notes := strings.Join(res.Cleanup.Notes(), "\n"); notes != s.notes {
		s.notes = notes
		for _, n := range res.Cleanup.Notes() {
			fmt.Fprintf(s.w, "  note: %s\n", n)
		}
	}
}

// errorsFirst returns the diagnostics to show for a failed build: all of them, or only the
// errors when quiet.
func errorsFirst(list diag.List, quiet bool) diag.List {
	if !quiet {
		return list
	}
	var out diag.List
	for _, d := range list {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// learn records the files the book uses and watches their folders, so that a chapter in a
// subfolder or a new figures/ folder is seen.
func (s *session) learn(b *pipeline.Book) {
	files := map[string]bool{}
	add := func(path string) {
		if path == "" {
			return
		}
		if abs, err := filepath.Abs(path); err == nil {
			files[abs] = true
			s.watchDir(filepath.Dir(abs))
		}
	}
	m := b.Config
	add(m.Path)
	if filepath.Base(m.Path) == mdbook.FileName {
		add(mdbook.SummaryPath(m.Dir))
	}
	for _, f := range append(append([]config.File{m.Cover, m.Glossary, m.Chronology, m.Index}, m.Chapters...), m.Backmatter...) {
		add(f.Path)
	}
	// The files the chapters include ({{#include}}), wherever they are in the book, or in the
	// folder around it the author widened includes to (include-root), as markdown reads them.
	root := m.Dir
	if m.IncludeRoot != "" {
		root = m.IncludeRoot
	}
	for _, f := range append(append([]config.File{}, m.Chapters...), m.Backmatter...) {
		if f.Part || f.Content != nil || f.Path == "" {
			continue
		}
		if src, err := os.ReadFile(f.Path); err == nil {
			for _, p := range mdbook.Includes(root, f.Path, src) {
				add(p)
			}
		}
	}
	for _, ch := range b.AllChapters() {
		doc.WalkInlines(ch, func(in doc.Inline) {
			if img, ok := in.(*doc.Image); ok {
				if p, err := config.Resolve(m.Dir, img.Src); err == nil {
					add(p)
				}
			}
		})
	}
	s.files = files
}

// watchDir watches a folder (again: a folder removed and made anew needs a new watch).
func (s *session) watchDir(dir string) error {
	if err := s.fw.Add(dir); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(s.w, "%s cannot watch %s: %v\n", clock(), dir, err)
		}
		return err
	}
	s.dirs[dir] = true
	return nil
}

// sourceExt are the kinds of file a book is made of: a change to one in a watched folder may
// matter even before book.yaml names it.
var sourceExt = map[string]bool{".md": true, ".markdown": true, ".yaml": true, ".yml": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true}

// relevant tells whether an event is a change to the book's sources.
func (s *session) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // indexers and backup tools touch modes; the content is the same
	}
	name := filepath.Base(ev.Name)
	// Editors' temporary and backup files, and our own outputs' temporary files.
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") || name == "4913" {
		return false
	}
	if within(ev.Name, s.out) && !within(s.dir, s.out) {
		return false // the outputs
	}
	return s.files[ev.Name] || s.dirs[ev.Name] || sourceExt[strings.ToLower(filepath.Ext(name))]
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// names lists changed files for a report, relative to the book's folder, at most three.
func (s *session) names(changed map[string]bool) string {
	var names []string
	for p := range changed {
		if rel, err := filepath.Rel(s.dir, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
		names = append(names, s.visible(filepath.ToSlash(p)))
	}
	sort.Strings(names)
	if len(names) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
	}
	return strings.Join(names, ", ")
}

func (s *session) visible(text string) string {
	if s.opt.Visible == nil {
		return text
	}
	return s.opt.Visible(text)
}

func clock() string { return time.Now().Format("15:04:05") }

// shown is a path as the user gave it, "./" for the current folder.
func shown(p string) string {
	if p == "" || p == "." {
		return "./"
	}
	return filepath.ToSlash(p)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
