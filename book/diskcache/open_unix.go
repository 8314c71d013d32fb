//go:build unix

package diskcache

import "syscall"

// nonBlock opens an entry swapped for a named pipe after it was checked without waiting for a
// writer (the read then fails the checks).
const nonBlock = syscall.O_NONBLOCK
