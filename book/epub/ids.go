package epub

import (
	"sync"

	"bindery/book/doc"
	"bindery/book/parallel"
)

// idFiles is the file of every anchor ID, as an index into writer.fileNames, in shards the
// chapters' walks fill on every core: a long book has hundreds of thousands of IDs, and
// placing them one chapter after another ran on one core before the chapters were written.
// An ID in two chapters is in the later one's file, as when they were placed in order.
type idFiles struct {
	shards [idShards]idShard
	room   int // each shard's, when its map is to be made (make)
}

// idShards: an ID's shard is its last byte's remainder, and most of a long book's IDs end
// in a decimal number (ix-peasantry-17), spread evenly over ten.
const idShards = 10

type idShard struct {
	mu sync.Mutex
	m  map[string]int32
}

func shardOf(id string) int {
	if id == "" {
		return 0
	}
	return int(id[len(id)-1]) % idShards
}

// newIDFiles is for about ids IDs; its maps are made by make.
func newIDFiles(ids int) *idFiles {
	return &idFiles{room: ids/idShards + ids/(4*idShards)}
}

// make makes the shards' maps not made yet, on every core: a long book's are megabytes of
// fresh memory, whose first touch was the EPUB's longest wait on one core after the IDs.
func (f *idFiles) make() {
	if f.shards[0].m != nil {
		return
	}
	parallel.For(idShards, func(_, s int) { f.shards[s].m = make(map[string]int32, f.room) })
}

// get is the file index of id.
func (f *idFiles) get(id string) (int32, bool) {
	i, ok := f.shards[shardOf(id)].m[id]
	return i, ok
}

// len is how many IDs are placed.
func (f *idFiles) len() int {
	n := 0
	for i := range f.shards {
		n += len(f.shards[i].m)
	}
	return n
}

// clear empties every shard, keeping its room.
func (f *idFiles) clear() {
	for i := range f.shards {
		clear(f.shards[i].m)
	}
}

// place puts ids, of file, in the shard s: over an earlier chapter's file, never a later's.
func (f *idFiles) place(s int, ids []string, file int32) {
	sh := &f.shards[s]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	for _, id := range ids {
		if old, ok := sh.m[id]; !ok || old < file {
			sh.m[id] = file
		}
	}
}

// chapterPlaces is what placing a chapter's IDs found besides them, merged in reading order.
type chapterPlaces struct {
	noteRefs []noteRefAt
	images   []string // sources, in order, each once or more
	math     bool
	weight   int // blocks and inlines
}

type noteRefAt struct {
	note *doc.Footnote
	n    int
}

// placeIDs records which file each ID of chs is in, and the note references, pictures and
// mathematics they hold; the chapters are walked on every core, each with IDs gathered by
// shard in its worker's buffers. It returns the pictures' sources in reading order, each once.
func (w *writer) placeIDs(chs []*doc.Chapter) []string {
	w.fileNames = make([]string, len(chs))
	for i, ch := range chs {
		w.fileNames[i] = chapterFile(ch)
	}
	w.files.make()
	found := make([]chapterPlaces, len(chs))
	buffers := make([][idShards][]string, parallel.Workers(len(chs)))
	parallel.For(len(chs), func(worker, i int) {
		byShard := &buffers[worker]
		found[i] = walkIDs(chs[i], func(id string) {
			s := shardOf(id)
			byShard[s] = append(byShard[s], id)
		})
		for s := range byShard {
			if len(byShard[s]) > 0 {
				w.files.place(s, byShard[s], int32(i))
				byShard[s] = byShard[s][:0]
			}
		}
	})
	var srcs []string
	seen := map[string]bool{}
	w.weights = make([]int, len(chs))
	for i, p := range found {
		for _, r := range p.noteRefs {
			w.noteRefs[r.note] = append(w.noteRefs[r.note], r.n)
		}
		for _, src := range p.images {
			if !seen[src] {
				seen[src] = true
				srcs = append(srcs, src)
			}
		}
		w.math = w.math || p.math
		w.weights[i] = p.weight
	}
	return srcs
}

// walkIDs gives place every ID of ch and returns what else the walk found.
func walkIDs(ch *doc.Chapter, place func(id string)) chapterPlaces {
	var p chapterPlaces
	place(ch.ID)
	for _, h := range ch.Sections() {
		place(h.ID)
	}
	for _, f := range ch.Footnotes {
		place(f.ID)
	}
	doc.WalkInlines(ch, func(in doc.Inline) {
		p.weight++
		switch in := in.(type) {
		case *doc.TextAnchor:
			place(in.ID)
		case *doc.IndexMark:
			place(in.ID)
		case *doc.GlossaryRef:
			place(in.ID)
		case *doc.Span:
			if in.ID != "" {
				place(in.ID)
			}
		case *doc.Math:
			p.math = true
		case *doc.Image:
			if in.Src != "" {
				p.images = append(p.images, in.Src)
			}
		case *doc.FootnoteRef:
			if in.Note != nil {
				place(noteRefID(in.Note, in.N))
				p.noteRefs = append(p.noteRefs, noteRefAt{in.Note, in.N})
			}
		}
	})
	visit := func(b doc.Block) bool {
		p.weight++
		switch b := b.(type) {
		case *doc.Heading:
			if b.ID != "" {
				place(b.ID) // in a note, where Sections does not look
			}
		case *doc.Paragraph:
			if b.ID != "" {
				place(b.ID)
			}
		case *doc.Figure:
			if b.ID != "" {
				place(b.ID)
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				if it.ID != "" {
					place(it.ID)
				}
			}
		}
		return true
	}
	doc.Walk(ch.Blocks, visit)
	for _, f := range ch.Footnotes {
		doc.Walk(f.Blocks, visit)
	}
	return p
}
