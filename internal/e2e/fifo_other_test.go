//go:build !unix

package e2e

import "errors"

// mkfifo: Windows has no named pipes in the file system.
func mkfifo(string) error { return errors.New("no named pipes in this system's file system") }
