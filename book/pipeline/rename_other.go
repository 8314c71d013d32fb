//go:build !windows

package pipeline

import "os"

// rename puts a finished output in place (see rename_windows.go for why Windows differs).
func rename(from, to string) error { return os.Rename(from, to) }
