//go:build !unix

package pipeline

import "os"

// Without advisory locks, a temporary file counts as in use: stale ones are left alone.
func lockFile(string) *os.File { return nil }

func unlockFile(*os.File) {}

func tryLock(string) (func(), bool) { return nil, false }

func lockDir(string, bool) (func(), bool) { return nil, false }
