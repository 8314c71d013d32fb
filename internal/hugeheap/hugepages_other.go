//go:build !(linux && (amd64 || arm64 || ppc64le || riscv64 || s390x || loong64))

package hugeheap

// preferHugePages does nothing here: the heap stays as the runtime maps it.
func preferHugePages() bool { return false }
