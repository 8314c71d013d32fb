package layout

// StreamPasses lets the tests turn streamed passes off, to compare; Streamed counts them.
var (
	StreamPasses = &streamPasses
	Streamed     = &streamed
	Voided       = &voided
	VoidStreamed = &voidStreamed
)
