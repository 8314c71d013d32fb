package pdf

import "runtime"

// The file's bytes are written by a goroutine of their own, in the order its streams were
// given, while the object streams are compressed on every core: the end of a book's file
// (the structure tree, the names, their object streams) was one core's work, most of it
// compressing, after the last page was painted.

// sink is the file's writing: the streams given and not yet written, in order.
type sink struct {
	queue  chan chunk
	sunk   chan struct{} // closed once the queue is written
	places []place       // where the streams went, noted by the writing goroutine
	// busy holds a token for each object stream being compressed: no more wait, raw, than
	// cores, so the file's goroutine is held back rather than pile them up.
	busy chan struct{}
	// spares are the raw object streams' buffers, back from compressing.
	spares chan []byte
}

// chunk is a stream object to write: its bytes, or while they are being compressed, where
// they will come from.
type chunk struct {
	num   int
	dict  string
	data  []byte
	ready chan []byte
}

type place struct{ num, at int }

// startSink starts the goroutine that writes the streams given, once the header is written.
func (f *file) startSink() {
	workers := runtime.GOMAXPROCS(0)
	f.queue, f.sunk, f.places = make(chan chunk, 64), make(chan struct{}), f.places[:0]
	f.busy, f.spares = make(chan struct{}, workers), make(chan []byte, workers+1)
	go func() {
		defer close(f.sunk)
		for c := range f.queue {
			data := c.data
			if c.ready != nil {
				data = <-c.ready
			}
			f.places = append(f.places, place{c.num, f.n})
			f.writeStream(c.num, c.dict, data)
		}
	}()
}

// deflateLater compresses raw on another goroutine, which gives the bytes to the channel
// returned and raw's buffer back (spareStream).
func (f *file) deflateLater(raw []byte) chan []byte {
	ready := make(chan []byte, 1)
	streams, busy, spares := f.streams, f.busy, f.spares
	busy <- struct{}{}
	go func() {
		data := streams.deflate(raw)
		select {
		case spares <- raw[:0]:
		default:
		}
		<-busy
		ready <- data
	}()
	return ready
}

// spareStream is a buffer for an object stream's raw bytes.
func (f *file) spareStream() []byte {
	select {
	case b := <-f.spares:
		return b
	default:
		return nil
	}
}

// drain waits until every stream given is written, and puts where each went in the table.
// The file's output is the caller's again. A file given up on (an error) is drained too:
// its goroutines must end.
func (f *file) drain() {
	if f.queue == nil {
		return
	}
	close(f.queue)
	<-f.sunk
	f.queue = nil
	for _, p := range f.places {
		f.offsets[p.num] = p.at
	}
}
