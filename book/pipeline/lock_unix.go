//go:build unix

package pipeline

import (
	"os"
	"syscall"
)

// lockFile holds an advisory lock on a temporary file while it is written and until it is
// put in place; the system releases it when the process ends, however it ends (a SIGKILL
// included), which is how a later build knows a file is stale. nil if it cannot.
func lockFile(name string) *os.File {
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		f.Close()
		return nil
	}
	return f
}

func unlockFile(f *os.File) {
	if f != nil {
		f.Close() // closing releases the lock
	}
}

// tryLock takes the lock of a file no one holds; free is false if a running build holds it.
func tryLock(name string) (unlock func(), free bool) {
	f := lockFile(name)
	if f == nil {
		return nil, false
	}
	return func() { unlockFile(f) }, true
}

// lockDir takes a lock on a folder, shared or exclusive, and waits for it.
func lockDir(dir string, exclusive bool) (unlock func(), ok bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if syscall.Flock(int(f.Fd()), how) != nil {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}
