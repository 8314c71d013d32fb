package pdf

import "bindery/book/memo"

// Streams keeps the compressed streams a Write made (pages' contents, font subsets, the object
// streams that hold the structure tree and the other small objects), by the hash of their
// bytes, for the next Write (a rebuild): a stream that did not change is not compressed again. Only the streams the last Write used are kept. Safe for concurrent
// use; the Writes that share one must not run at the same time.
type Streams struct {
	store memo.Store
	// spare is the last Write's file, its buffers for the next: the pool (spareFiles) is
	// emptied by the collector, between most rebuilds.
	spare *file
}

// NewStreams returns an empty Streams.
func NewStreams() *Streams { return &Streams{} }

// SetBacking puts b (the on-disk cache) behind the kept streams: asked for what is not kept,
// given what is compressed.
func (s *Streams) SetBacking(b memo.Backing) { s.store.SetBacking(b) }

// Made is how many streams the last Write compressed (the others were kept).
func (s *Streams) Made() int { return s.store.Made() }

func (s *Streams) begin() {
	if s != nil {
		s.store.Begin()
	}
}

// spareFile takes the last Write's file, nil if none; s may be nil.
func (s *Streams) spareFile() *file {
	if s == nil {
		return nil
	}
	f := s.spare
	s.spare = nil
	return f
}

// deflate compresses data, or returns its compressed bytes kept from before; s may be nil.
func (s *Streams) deflate(data []byte) []byte {
	if s == nil {
		return deflate(data)
	}
	return s.store.Get(data, deflate)
}

// deflateSyntax is deflate for PDF syntax (a page's content, an object stream).
func (s *Streams) deflateSyntax(data []byte) []byte {
	if s == nil {
		return deflateSyntax(data)
	}
	return s.store.Get(data, deflateSyntax)
}

// end lets go of the streams the finished Write did not use.
func (s *Streams) end() {
	if s != nil {
		s.store.End()
	}
}
