//go:build !unix

package diskcache

// nonBlock is needed only where a named pipe can stand in a folder.
const nonBlock = 0
