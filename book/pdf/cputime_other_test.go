//go:build !unix

package pdf

// processCPU is not measured here: the benchmark reports 0.
func processCPU() int64 { return 0 }
