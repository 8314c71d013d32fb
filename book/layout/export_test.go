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
