//go:build race

package picture

// raceEnabled: the race detector checks every byte the zlib checksum reads, which makes a
// 100-megapixel picture take half a minute; the tests use a smaller one under it.
const raceEnabled = true
