package pdf

import (
	"runtime"
	"slices"
	"strconv"
)

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
	streams, spares := f.streams, f.spares
	return f.later(func() []byte {
		data := streams.deflateSyntax(raw)
		select {
		case spares <- raw[:0]:
		default:
		}
		return data
	})
}

// streamLater writes a stream object whose bytes produce gives, made on another goroutine: the
// fonts' subsets and maps were compressed one after another on the PDF's goroutine.
func (f *file) streamLater(num int, dict string, produce func() []byte) {
	f.offsets[num] = 0
	f.queue <- chunk{num: num, dict: dict, ready: f.later(produce)}
}

// later runs produce on another goroutine, once a core is free of the file's others, and gives
// its bytes to the channel returned.
func (f *file) later(produce func() []byte) chan []byte {
	ready, busy := make(chan []byte, 1), f.busy
	busy <- struct{}{}
	go func() {
		data := produce()
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

// packer fills object streams off the file's goroutine, as the file's batch does
// (batchObject): a big object alone, at most objectsPerStream in a stream; each stream is
// compressed as it is closed.
type packer struct {
	streams *Streams
	nums    []int
	offs    []int
	body    []byte
	raw     []byte
	out     []packedStream
	scratch []byte // for the caller's objects, before add copies them
}

// packedStream is an object stream made by a packer: its objects, where the objects begin
// in it (/First), and its compressed bytes.
type packedStream struct {
	nums  []int
	first int
	data  []byte
}

// add puts an object into the stream being filled.
func (p *packer) add(num int, body []byte) {
	big := len(body) >= bigObject
	if big {
		p.close()
	}
	p.nums = append(p.nums, num)
	p.offs = append(p.offs, len(p.body))
	p.body = separate(append(p.body, body...))
	if len(p.nums) == objectsPerStream || big {
		p.close()
	}
}

// close compresses the stream being filled, if it holds any object.
func (p *packer) close() {
	if len(p.nums) == 0 {
		return
	}
	head := appendStreamHead(p.raw[:0], p.nums, p.offs)
	first := len(head)
	p.raw = append(head, p.body...)
	p.out = append(p.out, packedStream{nums: slices.Clone(p.nums), first: first, data: p.streams.deflateSyntax(p.raw)})
	p.nums, p.offs, p.body = p.nums[:0], p.offs[:0], p.body[:0]
}

// appendStreamHead writes an object stream's head: each object's number and offset.
func appendStreamHead(b []byte, nums, offs []int) []byte {
	for i, num := range nums {
		b = appendInt(b, num)
		b = append(b, ' ')
		b = appendInt(b, offs[i])
		b = append(b, ' ')
	}
	return b
}

// packInOrder fills n groups of object streams on every core (fill puts group g's objects
// into p; each group ends its streams) and writes them in the groups' order, numbered as
// they come: the same file as the objects given one by one with the streams closed at
// each group's end.
func (f *file) packInOrder(n int, fill func(g int, p *packer)) {
	f.flushObjects()
	packers := make(chan *packer, aheadInOrder())
	inOrder(n, func(g int) []packedStream {
		var p *packer
		select {
		case p = <-packers:
		default:
			p = &packer{streams: f.streams}
		}
		fill(g, p)
		p.close()
		out := p.out
		p.out = nil
		select {
		case packers <- p:
		default:
		}
		return out
	}, func(_ int, out []packedStream) {
		for _, ps := range out {
			stm := f.alloc()
			for i, num := range ps.nums {
				f.packed[num] = packedAt{int32(stm), int32(i)}
				f.offsets[num] = 0
			}
			f.offsets[stm] = 0
			f.queue <- chunk{num: stm, dict: "/Type /ObjStm /N " + strconv.Itoa(len(ps.nums)) + " /First " + strconv.Itoa(ps.first) + " /Filter /FlateDecode", data: ps.data}
		}
	})
}

// formatInOrder makes n objects' bodies on every core (format appends the i-th's to b) and
// hands them to give in order, which gives them to the file as made one by one: their
// numbers and streams are the file's as before.
func formatInOrder(n int, format func(i int, b []byte) []byte, give func(i int, body []byte)) {
	spares := make(chan []byte, aheadInOrder())
	inOrder(n, func(i int) []byte {
		var b []byte
		select {
		case b = <-spares:
		default:
		}
		return format(i, b[:0])
	}, func(i int, body []byte) {
		give(i, body) // the file copies it
		select {
		case spares <- body:
		default:
		}
	})
}

// aheadInOrder is how many results inOrder makes ahead of the one it hands on: enough to
// keep every core busy, few enough to bound what waits in memory.
func aheadInOrder() int { return 2 * runtime.GOMAXPROCS(0) }

// inOrder makes n results on goroutines of their own (produce(i)) and hands each to take in
// the order of i, at most aheadInOrder of them made ahead of the one taken.
func inOrder[T any](n int, produce func(i int) T, take func(i int, v T)) {
	results := make([]chan T, n)
	next := 0
	start := func() {
		ready := make(chan T, 1)
		results[next] = ready
		go func(i int) { ready <- produce(i) }(next)
		next++
	}
	for next < min(n, aheadInOrder()) {
		start()
	}
	for i := range n {
		v := <-results[i]
		results[i] = nil
		take(i, v)
		if next < n {
			start()
		}
	}
}
