package pipeline

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback asks the system to start writing f to disk and reports whether it did, so
// that the file is synced at the commit instead. An fsync while the build still runs keeps a
// processor from the PDF until the runtime takes it back, which can be 10 ms (pdfend34 in
// docs/notes.md); begun early, the writing overlaps the build, and the fsync at the commit
// mostly finds it done.
func startWriteback(f *os.File) bool {
	return unix.SyncFileRange(int(f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE) == nil
}
