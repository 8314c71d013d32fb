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
