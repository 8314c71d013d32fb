package diskcache

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"sync"
)

// Identity names the running binary: its build information (the Go version, every module
// and its checksum, the build settings and the commit it was built from). A binary built from
// a modified or unknown source tree is named by its file too (path, size and time), since
// two builds of it may differ.
var Identity = sync.OnceValues(identity)

func identity() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", errors.New("cannot use the cache: this binary has no build information")
	}
	id := info.String()
	clean := false
	for _, s := range info.Settings {
		if s.Key == "vcs.modified" {
			clean = s.Value == "false"
		}
	}
	if clean {
		return id, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("cannot use the cache: %w", err)
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return "", fmt.Errorf("cannot use the cache: %w", err)
	}
	return fmt.Sprintf("%s\n%s %d %d", id, exe, fi.Size(), fi.ModTime().UnixNano()), nil
}
