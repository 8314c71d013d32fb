package pipeline

import (
	"errors"
	"io"
	"slices"
	"sync"
	"sync/atomic"

	"bindery/book/diag"

	"bindery/book/layout"
	"bindery/book/pdf"
)

// pdfStream writes the print edition while the layout's last pass draws it
// (layout.PageSink): each page is painted and let go as soon as it is drawn, so that a long
// book's pages, and the lines they are drawn from, are never alive together. A pass that
// turns out not to be the last voids its file; the next begins another.
type pdfStream struct {
	out  string
	sync bool // the file is synced before it is put in place (Options.NoSync)
	info pdf.Info
	f    pdf.Fonts
	run  *streamRun // the pass being written, or the last one's once ended
	// begun is set once a pass is streamed. A book whose last pass was its first whole
	// one (one or two passes) streams none: the layout drew it whole, to be written so.
	begun bool
}

// streamRun is one streamed pass's file: pages go to the writer through a short queue (the
// layout waits for the painting rather than pile pages up).
type streamRun struct {
	pages  chan *layout.Page
	doc    *layout.Document // set before pages is closed, if the pass was the last
	closed bool             // pages is closed
	done   chan streamResult
	// written is closed once the file's bytes are written (or its writing failed), before
	// the file is synced: its memory is garbage by then.
	written     chan struct{}
	wroteClosed sync.Once
}

// wrote says that the run's bytes are written, or will not be.
func (r *streamRun) wrote() { r.wroteClosed.Do(func() { close(r.written) }) }

type streamResult struct {
	file *pendingFile
	err  error
}

// newPDFStream is a stream for the print edition at out.
func newPDFStream(out string, b *Book, opt Options) (*pdfStream, error) {
	f, err := pdfFonts(b.Config)
	if err != nil {
		return nil, err
	}
	info := pdfInfo(b, opt)
	info.Release = true
	return &pdfStream{out: out, sync: !opt.NoSync, info: info, f: f}, nil
}

func (s *pdfStream) Begin(d *layout.Document, anchors []string) {
	streamsBegun.Add(1)
	s.begun = true
	s.discard() // a void pass's, if its End did not come (an error)
	r := &streamRun{pages: make(chan *layout.Page, 8), done: make(chan streamResult, 1), written: make(chan struct{})}
	s.run = r
	go func() {
		file, err := writeTemp(s.out, s.sync, func(w io.Writer) error {
			defer r.wrote()
			return pdf.WritePages(w, d, anchors, r, s.info, s.f)
		})
		r.wrote() // also when the file could not be made
		if err != nil {
			for range r.pages { // the layout must not wait on a writer that stopped
			}
		}
		r.done <- streamResult{file, err}
	}()
}

func (s *pdfStream) Page(p *layout.Page) { s.run.pages <- p }

func (s *pdfStream) End(d *layout.Document, last bool) {
	s.run.doc, s.run.closed = d, true
	close(s.run.pages)
	if !last {
		s.discard()
	}
}

// Next and Document are the run's pages for pdf.WritePages.
func (r *streamRun) Next() *layout.Page         { return <-r.pages }
func (r *streamRun) Document() *layout.Document { return r.doc }

// result waits for the last pass's file: none if no pass was streamed. errVoidStream says
// that a streamed one was not written whole (pdf.ErrVoid): the layout must be made again
// and written whole.
func (s *pdfStream) result() (*pendingFile, error) {
	if !s.begun {
		return nil, nil
	}
	if s.run == nil || s.run.doc == nil {
		s.discard()
		return nil, errVoidStream
	}
	res := <-s.run.done
	s.run = nil
	if errors.Is(res.err, pdf.ErrVoid) || (res.err == nil && voidStreams.Load()) {
		if res.file != nil {
			res.file.discard()
		}
		return nil, errVoidStream
	}
	return res.file, res.err
}

// waitWritten waits until the last pass's file has its bytes written, not yet synced (or
// its writing failed); at once when no pass is under way.
func (s *pdfStream) waitWritten() {
	if s.run != nil {
		<-s.run.written
	}
}

// discard ends the run under way, if any, and throws its file away.
func (s *pdfStream) discard() {
	r := s.run
	if r == nil {
		return
	}
	s.run = nil
	if !r.closed {
		close(r.pages)
	}
	if res := <-r.done; res.file != nil {
		res.file.discard()
	}
}

var errVoidStream = errors.New("the streamed print edition is void")

// layoutAndStream lays the book out for print; when the PDF is wanted and nothing reads the
// pages' content after it (no cache, no booklet, no kept layout, no draft's marks added
// after the layout), the print edition is written as the last pass draws it, and returned
// still being finished: the end of its file (the tree, the destinations, the object
// streams) is mostly one core's work, which the EPUB is written beside (writeFormats).
func layoutAndStream(b *Book, opt Options) (*layout.Document, diag.List, *streamedPrint, error) {
	if !slices.Contains(opt.Formats, PDF) || opt.Cache != nil || opt.KeepLayout || opt.Impose != "" || b.Draft || !streamPrint {
		d, list, err := layoutWith(b, opt.Cache, false, nil)
		return d, list, nil, err
	}
	stream, err := newPDFStream(outputPath(opt, b, PDF), b, opt)
	if err != nil {
		return nil, nil, nil, err
	}
	d, list, err := layoutWith(b, opt.Cache, false, stream)
	if err != nil {
		stream.discard()
		return d, list, nil, err
	}
	if !stream.begun {
		return d, list, nil, nil // no pass streamed: the PDF is written from d, drawn whole
	}
	info := stream.info
	info.Release = false // for the cover and booklet, which keep no pages
	return d, list, &streamedPrint{stream, info, stream.f}, nil
}

// streamedPrint is the print edition being written as the layout drew it, with what its
// cover needs.
type streamedPrint struct {
	stream *pdfStream
	info   pdf.Info
	fonts  pdf.Fonts
}

// extras waits for the print edition, at out, and writes its cover and booklet when asked.
// A streamed file found void gives errVoidStream: Build lays the book out again and writes
// it whole.
func (p *streamedPrint) extras(out string, b *Book, opt Options, d *layout.Document) ([]*pendingFile, error) {
	file, err := p.stream.result()
	if err != nil {
		return nil, err
	}
	return printExtras(out, b, opt, d, file, p.info, p.fonts)
}

// streamsBegun counts the streamed passes begun, and layoutsMade the layouts made (each
// of one or more passes), for the tests.
var streamsBegun, layoutsMade atomic.Int64

// streamPrint lets builds stream the print edition; the tests turn it off to compare.
var streamPrint = true

// voidStreams, for the tests, takes every streamed file for a void one (pdf.ErrVoid is
// never seen on the test books): the way back is tested all the same.
var voidStreams atomic.Bool
