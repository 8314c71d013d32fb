package pipeline

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// errSharingViolation is ERROR_SHARING_VIOLATION: another program has the file open.
const errSharingViolation = syscall.Errno(32)

// rename puts a finished output in place. Windows refuses to replace a file another program
// holds open (a PDF viewer, a virus scanner taking a look, a second build finishing the same
// output): such holds are often brief, so it tries again for about two seconds, as the go
// command does, before saying what to do.
func rename(from, to string) error {
	var err error
	for wait := 10 * time.Millisecond; ; wait *= 2 {
		err = os.Rename(from, to)
		if err == nil || !inUse(err) || wait > time.Second {
			break
		}
		time.Sleep(wait)
	}
	if inUse(err) {
		return fmt.Errorf("%w (is %s open in another program, such as a PDF viewer? close it and build again)", err, to)
	}
	return err
}

func inUse(err error) bool {
	return errors.Is(err, syscall.ERROR_ACCESS_DENIED) || errors.Is(err, errSharingViolation)
}
