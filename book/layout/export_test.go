package layout

// StreamPasses lets the tests turn streamed passes off, to compare; Streamed counts them.
var (
	StreamPasses = &streamPasses
	Streamed     = &streamed
	Voided       = &voided
	VoidStreamed = &voidStreamed
	// PaginateAsJoined lets the tests cut a pass's pages only once its chapters are set.
	PaginateAsJoined = &paginateAsJoined
)

// AnchorMap is every placed anchor's location by ID, to compare two documents' anchors
// whatever numbers their IDs got.
func AnchorMap(d *Document) map[string]Location {
	m := map[string]Location{}
	if d.Map.index == nil {
		return m
	}
	for id := range d.Map.index.ids {
		if loc, ok := d.Map.Get(id); ok {
			m[id] = loc
		}
	}
	return m
}

// KeptSlotMaps is how many maps r keeps for the next Typeset's chapter slots, and how many
// entries they hold.
func KeptSlotMaps(r *Reuse) (maps, entries int) {
	for _, z := range r.slotSizes() {
		for _, n := range []int{lenOrNone(z.paragraphMap), lenOrNone(z.measureMap), lenOrNone(z.sourceMap)} {
			if n >= 0 {
				maps++
				entries += n
			}
		}
	}
	return maps, entries
}

func lenOrNone[K comparable, V any](m map[K]V) int {
	if m == nil {
		return -1
	}
	return len(m)
}

// FillKeptSlotMaps puts an entry in each map r keeps, as a Typeset that failed would leave
// them.
func FillKeptSlotMaps(r *Reuse) {
	for _, z := range r.slotSizes() {
		if z.paragraphMap != nil {
			z.paragraphMap[parKey{content: [2]uint64{1}}] = setParagraphResult{}
		}
		if z.measureMap != nil {
			z.measureMap[parKey{content: [2]uint64{1}}] = looseMeasure{}
		}
		if z.sourceMap != nil {
			z.sourceMap[nil] = parSource{}
		}
	}
}

// NewSlotEntries is how many entries the maps of the chapter slots a Typeset with r would
// start from hold.
func NewSlotEntries(r *Reuse) int {
	k := &kept{sizes: r.slotSizes()}
	n := 0
	for i := range k.sizes {
		sl := k.newSlot(i)
		n += len(sl.paragraphs) + len(sl.measures) + len(sl.takeSources())
	}
	return n
}

// GeneratedBroken counts the generated chapters' paragraphs broken into lines.
var GeneratedBroken = &generatedBroken

// FirstWithBackMatter lets the tests leave a first pass's back matter to the second.
var FirstWithBackMatter = &firstWithBackMatter

// FirstCanBeLast lets the tests make every first pass that makes the back matter go on to a second.
var FirstCanBeLast = &firstCanBeLast

// AfterPass, if not nil, is called after each pass.
var AfterPass = &afterPass

// UsedLabels is how many page labels the last pass of d printed (with repeats): the IDs
// whose labels must hold for it to be the last.
func UsedLabels(d *Document) int { return len(d.used.numbers) + len(d.used.names) }
