// Package pipeline runs bindery's stages on one book, in order: read and check its sources,
// resolve references, lay out the print edition, and write each requested output (EPUB, PDF,
// booklet) so that a failure leaves the earlier outputs as they were.
package pipeline

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"time"

	"bindery/assets"
	"bindery/book/apparatus"
	"bindery/book/config"
	"bindery/book/cover"
	"bindery/book/diag"
	"bindery/book/doc"
	"bindery/book/epub"
	"bindery/book/lang"
	"bindery/book/layout"
	"bindery/book/link"
	"bindery/book/markdown"
	"bindery/book/mdbook"
	"bindery/book/picture"
)

// Format is an output format.
type Format string

const (
	EPUB Format = "epub"
	PDF  Format = "pdf"
)

// Formats lists the formats in the order they are built.
var Formats = []Format{EPUB, PDF}

// ErrNotBuilt is returned for an output format that bindery cannot write yet.
var ErrNotBuilt = errors.New("not built yet")

// Options say what to build and where.
type Options struct {
	Dir     string   // the book's folder (with book.yaml, or mdBook's book.toml)
	OutDir  string   // where outputs go; created if missing
	Formats []Format // what to write
	// Epoch, when set, is the time recorded in outputs (SOURCE_DATE_EPOCH); otherwise the
	// book's date is used, so that builds never depend on the clock.
	Epoch *time.Time
	// Generator names the tool in the outputs (e.g. "bindery v0.1.0").
	Generator string
	// Impose, if set, also writes a booklet for saddle-stitch printing: "booklet" or a sheet
	// size (see Sheets).
	Impose string
	// Signature is the number of sheets in each signature of the booklet (0: chosen from
	// the page count).
	Signature int
	// Bleed, when set, overrides print: bleed: (points); Marks adds crop and registration
	// marks; Cover also writes the print cover (NAME-cover.pdf).
	Bleed *float64
	Marks bool
	Cover bool
	// Progress, if set, is told as each stage begins (done of total stages finished), for a
	// progress display on long builds.
	Progress func(stage string, done, total int)
	// Config, if set, is the book to build instead of the one Dir describes: bindery as
	// mdBook's renderer is given the book on its standard input.
	Config *config.Book
	// Draft builds despite dangling references (printed "??") and unused entries (left
	// out), reporting them as warnings; such a build marks every PDF page DRAFT and writes
	// NAME.draft.epub and NAME.draft.pdf, never the book's own outputs (Book.Draft). With
	// nothing to forgive, the build is the book's.
	Draft bool
	// Cache, if set, keeps what this build made for the next one (bindery watch, serve).
	Cache *Cache
	// Clean removes the outputs an earlier build of this book wrote in OutDir under another
	// name (Result.Cleanup); NoManifest keeps no record of the outputs there (the folder is
	// another tool's, as mdBook's renderer's is), so nothing is ever found stale.
	Clean, NoManifest bool
	// NoPageList leaves the print edition out of the EPUB, as page_list: false in book.yaml
	// does: an EPUB alone is then made without the print layout.
	NoPageList bool
	// KeepLayout keeps every page's content (runs, rules, pictures) in Result.Layout for
	// a caller that reads it; else each page's goes once it is in the PDF.
	KeepLayout bool
	// NoSync puts the outputs in place without waiting for the disk to hold them (fsync):
	// for watch and serve, which write them again at every save. A build that a crash cuts
	// short still never leaves a half-written output in place (it is renamed whole).
	NoSync bool

	// releasePages is set by Build when nothing reads the pages' content after the PDF.
	releasePages bool
	// painted is called once the PDF's pages are painted (pdf.Info.Painted).
	painted func()
}

// Book is a book read and checked: its document model, the configuration it was read from
// (where its files are, how it is printed), and the pictures it uses, each read once.
type Book struct {
	*doc.Book
	Config   *config.Book
	Pictures *picture.Set
	// Draft is set when the book was built as a draft (Options.Draft) despite dangling
	// references or unused entries; a draft with nothing to forgive is the book itself.
	Draft bool
}

// Result reports what a build did.
type Result struct {
	Book        *Book // nil if it could not be read
	Outputs     []string
	Diagnostics diag.List
	// Layout is the print layout: its pages' runs, rules and pictures only with
	// Options.KeepLayout (or without the PDF), their line metrics never (Layout makes
	// them); their number, labels, starts, links and marks always.
	Layout *layout.Document
	// Timings of the stages, for --timings.
	Timings []Timing
	// Cleanup says what the output folder holds of earlier builds under another name.
	Cleanup Cleanup
}

// Timing is how long a stage of the build took.
type Timing struct {
	Stage    string
	Duration time.Duration
}

func (r *Result) time(stage string, since time.Time) {
	r.Timings = append(r.Timings, Timing{stage, time.Since(since)})
}

// Load reads and checks the book without writing anything. Its pictures are read once,
// for Layout and the writers to use.
func Load(dir string) (*Book, diag.List, error) {
	cfg, list, err := loadConfig(dir)
	if err != nil {
		return nil, list, err
	}
	return loadBook(cfg, list, false, nil)
}

// HasBook reports whether dir holds a book: a book.yaml, or an mdBook project's book.toml.
func HasBook(dir string) bool {
	// Whatever book.yaml is: one that is a named pipe or a link to a device is reported as
	// such by config.Load, not as missing.
	_, err := os.Lstat(filepath.Join(dir, config.FileName))
	return err == nil || mdbook.IsProject(dir)
}

// loadConfig reads the book's outline and metadata: book.yaml, or else mdBook's book.toml and
// SUMMARY.md. book.yaml comes first, so that an mdBook project can be given one (bindery init
// --from-mdbook) for what book.toml cannot say. The list holds warnings too.
func loadConfig(dir string) (*config.Book, diag.List, error) {
	if _, err := os.Lstat(filepath.Join(dir, config.FileName)); errors.Is(err, os.ErrNotExist) && mdbook.IsProject(dir) {
		return mdbook.Load(dir)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		var list diag.List
		if cfg != nil {
			list = config.Unlisted(cfg)
		}
		return cfg, list, list.Merge(err) // cfg: what could be read, or nil
	}
	return cfg, config.Unlisted(cfg), nil
}

// loadBook reads and checks the manuscript and the apparatus the configuration names, and the
// pictures the book uses; early holds what loading the configuration said (warnings). A
// draft builds despite dangling references and unused entries (reported as warnings), which
// it leaves out. A cache, if given, keeps what was read for the next build.
func loadBook(cfg *config.Book, early diag.List, draft bool, cache *Cache) (*Book, diag.List, error) {
	return loadBookThen(cfg, early, draft, cache, nil)
}

// loadBookThen is loadBook calling parsed, if not nil, once the chapters and the apparatus
// are read and before they are linked: linking is partly one core's work, and what the
// build can do meanwhile is better done then than while the chapters are parsed on every
// core.
func loadBookThen(cfg *config.Book, early diag.List, draft bool, cache *Cache, parsed func()) (*Book, diag.List, error) {
	// The apparatus (YAML) is read while the chapters are parsed.
	var app *doc.Apparatus
	var more diag.List
	done := make(chan struct{})
	go func() {
		defer close(done)
		if cache.keepsModels() {
			app, more = apparatus.LoadWith(cfg, &cache.apparatus)
		} else {
			app, more = apparatus.Load(cfg)
		}
	}()
	var b *doc.Book
	var list diag.List
	if cache.keepsModels() {
		b, list = markdown.LoadBookWith(cfg, cache.parsed)
	} else {
		b, list = markdown.LoadBook(cfg)
	}
	<-done
	if parsed != nil {
		parsed()
	}
	b.Apparatus = app
	list = append(append(early, list...), more...)
	list = append(list, link.ResolveWith(b, cache.found())...)
	pics := newPictures(cfg)
	list = append(list, checkImages(b, cfg, pics)...)
	list = list.Dedupe()
	list.Sort()
	forgiven := false
	if draft && list.HasErrors() {
		drafted := list.Drafted()
		forgiven = !drafted.HasErrors()
		list = drafted
	}
	if err := list.Err(); err != nil {
		return nil, list, err
	}
	if forgiven {
		leaveOutUnused(b.Apparatus)
	}
	return &Book{Book: b, Config: cfg, Pictures: pics, Draft: forgiven}, list, nil
}

// Check reads and checks the book and lays it out for print, writing nothing: every
// diagnostic a build would give, the print layout's (overfull lines, missing characters)
// included.
func Check(dir string) (diag.List, error) {
	cfg, list, err := loadConfig(dir)
	if err != nil {
		if cfg == nil || len(cfg.Chapters) == 0 {
			return list, err
		}
		// The rest of book.yaml is usable: its chapters and apparatus are checked too, so
		// that one mistake in it does not hide the others.
		_, more, _ := loadBook(cfg, nil, false, nil)
		list = append(list, withoutFollowOns(cfg, more)...).Dedupe()
		list.Sort()
		return list, err
	}
	b, list, err := loadBook(cfg, list, false, nil)
	if err != nil {
		return list, err
	}
	_, more, err := Layout(b)
	list = append(list, more...)
	list.Sort()
	return list, err
}

// withoutFollowOns leaves out of a check's list what may only follow from a file book.yaml
// names but that could not be read (reported): references to IDs that may be in it, entries
// that may be used there (diag.Diagnostic.InText). One note says how many.
func withoutFollowOns(cfg *config.Book, list diag.List) diag.List {
	if len(cfg.Unread) == 0 {
		return list
	}
	var out diag.List
	skipped := 0
	for _, d := range list {
		if d.InText {
			skipped++
			continue
		}
		out = append(out, d)
	}
	if skipped > 0 {
		out.Notef(diag.Pos{File: cfg.Path}, "%d %s about IDs and the uses of entries not shown: they may follow from the %s that could not be read; check again once it can be",
			skipped, plural(skipped, "problem"), plural(len(cfg.Unread), "file"))
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Build loads the book and writes every requested format. Nothing is written if the sources
// have errors, and a failure while writing leaves earlier outputs untouched.
func Build(opt Options) (*Result, error) {
	if err := checkOptions(opt); err != nil {
		return nil, err
	}
	progress := func(stage string, done int) {
		if opt.Progress != nil {
			opt.Progress(stage, done, 3)
		}
	}
	progress("reading", 0)
	res, cover, err := readBook(opt)
	if err != nil {
		return res, err
	}
	b := res.Book
	if err := os.MkdirAll(opt.OutDir, 0o755); err != nil {
		return res, fmt.Errorf("cannot create the output folder: %w", err)
	}
	// The print layout is made for the PDF, and for the EPUB's page numbers unless it goes
	// without them.
	unpaged := opt.NoPageList || b.Config.NoPageList
	var d *layout.Document
	var streamed *streamedPrint // the print edition, written as the layout drew it
	if slices.Contains(opt.Formats, PDF) || !unpaged {
		progress("laying out", 1)
		start := time.Now()
		var warnings diag.List
		d, warnings, streamed, err = layoutAndStream(b, opt)
		res.time("layout", start)
		res.Diagnostics = append(res.Diagnostics, warnings...)
		if err != nil {
			return res, err
		}
		res.Layout = d
	}
	if b.Draft && d != nil {
		d.MarkDraft()
	}
	progress("writing", 2)
	// A booklet paints the pages again; else nothing reads their content after the PDF.
	opt.releasePages = !opt.KeepLayout && opt.Impose == ""
	start := time.Now()
	drawn := sync.OnceValue(func() coverResult { return <-cover }) // read once, if at all
	if cover == nil {
		drawn = nil
	}
	files, err := writeFormats(opt, b, d, drawn, streamed)
	if errors.Is(err, errVoidStream) {
		// The streamed file was found void (pdf.ErrVoid: never seen on the test books): the
		// book is laid out again, the same pages whose content the stream let go, and both
		// formats written from it.
		if d, _, err = layoutWith(b, opt.Cache, false, nil); err == nil {
			res.Layout = d
			files, err = writeFormats(opt, b, d, drawn, nil)
		}
	}
	res.time("write "+strings.Trim(fmt.Sprint(opt.Formats), "[]"), start)
	if err == nil {
		if err = fontErrors(b.Config); err != nil {
			for _, f := range files {
				f.discard()
			}
		}
	}
	// With nothing to remove after the outputs are in place, the manifest is written and
	// synced while they are synced and put there (their sums are known), and put in place
	// after them.
	var manifest <-chan Cleanup
	committed := make(chan bool, 1)
	if err == nil {
		if !opt.NoManifest && !opt.Clean {
			manifest = recordOutputs(opt.OutDir, files, b, !opt.NoSync, committed)
		}
		err = syncAll(files)
	}
	if err != nil {
		if manifest != nil {
			committed <- false
			<-manifest
		}
		return res, err
	}
	for _, f := range files {
		if err := f.commit(); err != nil {
			committed <- false
			if manifest != nil {
				<-manifest
			}
			return res, err
		}
		res.Outputs = append(res.Outputs, f.path)
	}
	committed <- true
	if manifest != nil {
		res.Cleanup = <-manifest
	} else if !opt.NoManifest {
		res.Cleanup = cleanOutputs(opt.OutDir, files, b, opt.Clean, !opt.NoSync, nil)
	}
	return res, nil
}

// syncAll waits for the disk to hold every output whose writing was begun, and discards them
// all if one cannot be: none is put in place unless all are on disk.
func syncAll(files []*pendingFile) error {
	for _, f := range files {
		if err := f.sync(); err != nil {
			for _, f := range files {
				f.discard()
			}
			return err
		}
	}
	return nil
}

// recordOutputs runs cleanOutputs, without removals, beside the outputs' commit: its
// manifest is put in place once committed gives true, else removed.
func recordOutputs(outDir string, files []*pendingFile, b *Book, sync bool, committed <-chan bool) <-chan Cleanup {
	done := make(chan Cleanup, 1)
	go func() { done <- cleanOutputs(outDir, files, b, false, sync, committed) }()
	return done
}

// checkOptions refuses what cannot be built: an unknown format, a booklet without the PDF or
// on an unknown sheet.
func checkOptions(opt Options) error {
	for _, f := range opt.Formats {
		if f != EPUB && f != PDF {
			return fmt.Errorf("unknown format %q (known: epub, pdf)", f)
		}
	}
	if opt.Impose != "" {
		hasPDF := false
		for _, f := range opt.Formats {
			hasPDF = hasPDF || f == PDF
		}
		if !hasPDF {
			return fmt.Errorf("--impose makes a booklet from the PDF: add pdf to --format")
		}
		if _, err := BookletSheet(opt.Impose, 1, 1); err != nil {
			return err
		}
	}
	return nil
}

// readBook reads and checks the book (opt.Config, or the one in opt.Dir). The result holds
// the book unless it has errors, and the diagnostics. A typographic cover needs only the
// metadata: when the EPUB needs one, it is drawn while the rest is read.
func readBook(opt Options) (*Result, <-chan coverResult, error) {
	start := time.Now()
	cfg, list, err := opt.Config, diag.List(nil), error(nil)
	if cfg == nil {
		cfg, list, err = loadConfig(opt.Dir)
	}
	var b *Book
	var cover <-chan coverResult
	if err == nil {
		// Fonts and hyphenation patterns take a few milliseconds to parse (unless no print
		// layout is wanted), and a typographic cover needs only the metadata: both are made
		// while the book is linked, when the chapters' parsing no longer has every core.
		parsed := func() {
			if slices.Contains(opt.Formats, PDF) || !opt.NoPageList {
				go warmUp(cfg)
			}
			if slices.Contains(opt.Formats, EPUB) && cfg.Cover.Path == "" {
				cover = drawCover(cfg, opt.Cache)
			}
		}
		b, list, err = loadBookThen(cfg, list, opt.Draft, opt.Cache, parsed)
	}
	res := &Result{Book: b, Diagnostics: list}
	res.time("read and check", start)
	return res, cover, err
}

// writeFormats writes every format to temporary files, concurrently: each has its own files
// and reads the same, finished document and layout. All or nothing: if one format failed,
// every temporary file is discarded and no output is replaced.
func writeFormats(opt Options, b *Book, d *layout.Document, cover func() coverResult, streamed *streamedPrint) ([]*pendingFile, error) {
	type written struct {
		files []*pendingFile
		err   error
	}
	results := make([]written, len(opt.Formats))
	// The PDF's pages are painted in order and compressed on every core, then the rest of
	// its file is written on one: the EPUB waits for the painting and is written beside that
	// rest, instead of sharing the cores with the painting and leaving one idle at the end.
	painted := make(chan struct{})
	var once sync.Once
	opt.painted = func() { once.Do(func() { close(painted) }) }
	if !slices.Contains(opt.Formats, PDF) || (streamed != nil && roomBeside()) {
		opt.painted() // a streamed edition's pages were painted as the layout drew them
	}
	var wg sync.WaitGroup
	for i, f := range opt.Formats {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := outputPath(opt, b, f)
			switch f {
			case EPUB:
				<-painted
				var pf *pendingFile
				c := cover
				if c == nil {
					c = func() (r coverResult) {
						r.data, r.typ, r.err = authorsCover(b.Config, b.Pictures)
						return r
					}
				}
				pf, results[i].err = writeEPUB(out, b, opt, d, c)
				if pf != nil {
					results[i].files = []*pendingFile{pf}
				}
			case PDF:
				defer opt.painted() // also when it failed before painting
				if streamed != nil {
					// An EPUB waiting for room (roomBeside) need not wait for the disk:
					// once its bytes are written, the PDF's memory is garbage.
					streamed.stream.waitWritten()
					opt.painted()
					results[i].files, results[i].err = streamed.extras(out, b, opt, d)
					break
				}
				results[i].files, results[i].err = writePDF(out, b, opt, d)
			}
		}()
	}
	wg.Wait()
	var files []*pendingFile
	for _, r := range results {
		if r.err != nil {
			for _, r := range results {
				for _, f := range r.files {
					f.discard()
				}
			}
			return nil, r.err
		}
		files = append(files, r.files...)
	}
	return files, nil
}

// roomBeside reports whether the heap leaves room to write the EPUB beside the end of the
// streamed PDF: a long book's live heap is near the soft memory limit (internal/cli) when
// its layout ends, and both at once kept the collector running (at 100x: 17 -> 19
// collections, 13 -> 23 % of the CPU), which cost more than the overlap gave.
func roomBeside() bool {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return true
	}
	return int64(sample[0].Value.Uint64()) < debug.SetMemoryLimit(-1)/2
}

// Modified is the time stamped in outputs: SOURCE_DATE_EPOCH if given, else the book's date.
func Modified(meta *config.Book, epoch *time.Time) time.Time {
	if epoch != nil {
		return epoch.UTC()
	}
	if t, err := config.ParseDate(meta.Date); err == nil {
		return t
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// PrintForEPUB is what the EPUB takes from the print layout: page labels, page starts and
// the generated back matter.
func PrintForEPUB(b *Book, d *layout.Document) *epub.Print {
	label := func(id string) string { return d.Map.At(id).Label }
	pr := &epub.Print{Label: label, Generated: d.Generated, Source: PrintIdentifier(b.Config)}
	for _, p := range d.Pages[d.BodyStart:] {
		if p.Start != nil {
			pr.Breaks = append(pr.Breaks, epub.PageBreak{Block: p.Start.Block, Word: p.Start.Word, InWord: p.Start.InWord, Label: p.Label})
		}
	}
	return pr
}

// PrintIdentifier identifies the print edition: its ISBN if book.yaml gives one, else a UUID
// made from the book's identifier and the trim (a name-based UUID, RFC 9562 version 5), so
// that it is the same in every build and differs from the EPUB's own.
func PrintIdentifier(meta *config.Book) string {
	if meta.PrintISBN != "" {
		return "urn:isbn:" + meta.PrintISBN
	}
	// The name, in RFC 9562's URL namespace (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.Sum(append(ns, "print-edition:"+meta.Trim.Name+":"+meta.Identifier...))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// coverResult is the cover image, drawn concurrently with the rest of the build.
type coverResult struct {
	data []byte
	typ  string
	err  error
}

func drawCover(meta *config.Book, cache *Cache) <-chan coverResult {
	ch := make(chan coverResult, 1)
	// What the cover shows: the metadata it is drawn from, in the book's family.
	key := fmt.Sprintf("%q %q %q %q %q", meta.Title, meta.Subtitle, meta.Author, meta.Publisher, meta.Font)
	if cache != nil {
		if c, ok := cache.coverFor(key); ok {
			ch <- c
			return ch
		}
	}
	go func() {
		var c coverResult
		c.data, c.typ, c.err = coverImage(meta)
		if cache != nil {
			cache.keepCover(key, c)
			cache.storeCover(key, c)
		}
		ch <- c
	}()
	return ch
}

func writeEPUB(out string, b *Book, opt Options, d *layout.Document, cover func() coverResult) (*pendingFile, error) {
	eo := epub.Options{
		Modified:   Modified(b.Config, opt.Epoch),
		Stylesheet: assets.Stylesheet,
		Media:      assets.Media,
		Generator:  opt.Generator,
		Labels:     lang.For(b.Config.Language, b.Config.Labels),
		Highlight:  b.Config.Code.HighlightStyle(),
		TabWidth:   b.Config.Code.Tabs(),
		// The EPUB asks the reader's font for oldstyle figures even where the book's face
		// has none (an embedded Charis SIL ignores it).
		OldstyleFigures: b.Config.Typography.RunningNumerals() == config.Oldstyle,
		Image: func(src string) ([]byte, string, error) {
			p, err := bookPicture(b.Pictures, src)
			if err != nil {
				return nil, "", err
			}
			data, err := p.Data()
			return data, p.Type, err
		},
	}
	if b.Config.Typography.SmallCapAcronyms {
		eo.Acronyms = doc.NewAcronyms(b.Book.Apparatus)
	}
	var unpaged chan *epub.Print
	if opt.NoPageList || b.Config.NoPageList {
		// The back matter is made while the temporary file is made (its syscalls wait on
		// this goroutine), and the writer asks for it first.
		unpaged = make(chan *epub.Print, 1)
		go func() { unpaged <- unpagedPrint(b) }()
	} else {
		eo.Print = PrintForEPUB(b, d)
	}
	if opt.Cache != nil {
		eo.Compressed = opt.Cache.epub
	}
	// The cover is asked for once the chapters are written (it may still be being drawn);
	// its error is returned as it is.
	var coverErr error
	eo.CoverLater = func() ([]byte, string, error) {
		c := cover()
		coverErr = c.err
		return c.data, c.typ, c.err
	}
	var err error
	if b.Config.EmbedFonts {
		family, _, ferr := bookFamily(b.Config)
		if ferr != nil {
			return nil, ferr
		}
		if eo.Fonts, err = family.Faces(); err != nil {
			return nil, err
		}
	}
	pf, err := writeTemp(out, !opt.NoSync, func(w io.Writer) error {
		if unpaged != nil {
			eo.Print = <-unpaged
		}
		return epub.Write(w, b.Book, eo)
	})
	if coverErr != nil {
		return nil, coverErr
	}
	return pf, err
}

// authorsCover is the cover image book.yaml names, as checkImages read it (a whole PNG or
// JPEG).
func authorsCover(meta *config.Book, pics *picture.Set) ([]byte, string, error) {
	p, ok := pics.Get(meta.Cover.Name)
	if !ok {
		return nil, "", fmt.Errorf("%s: cover %s was not read with the book", meta.Cover.Pos, meta.Cover.Name)
	}
	data, err := p.Data()
	if err != nil {
		return nil, "", fmt.Errorf("%s: cover: %w", meta.Cover.Pos, err)
	}
	return data, p.Type, nil
}

// coverImage draws a typographic cover from the book's title and author.
func coverImage(meta *config.Book) ([]byte, string, error) {
	_, faces, err := bookFamily(meta)
	if err != nil {
		return nil, "", err
	}
	f := cover.Fonts{Regular: faces.Regular, Italic: faces.Italic, Bold: faces.Bold}
	spec := cover.Spec{Title: meta.Title, Subtitle: meta.Subtitle, Author: meta.Author}
	if meta.Publisher != meta.Author {
		spec.Publisher = meta.Publisher
	}
	png, err := cover.Render(spec, f)
	if err != nil {
		return nil, "", fmt.Errorf("drawing the cover: %w", err)
	}
	return png, "image/png", nil
}

// outputPath is where format f of the book is written: a draft never takes the place of the
// book's own outputs.
func outputPath(opt Options, b *Book, f Format) string {
	base := OutputName(b.Config)
	if b.Draft {
		base += ".draft"
	}
	return filepath.Join(opt.OutDir, base+"."+string(f))
}
