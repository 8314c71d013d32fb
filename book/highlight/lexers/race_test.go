//go:build race

package lexers

const raceEnabled = true
