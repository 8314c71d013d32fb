//go:build !race

package lexers

const raceEnabled = false
