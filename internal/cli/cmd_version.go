package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"

	urfave "github.com/urfave/cli/v2"
)

// runVersion is `bindery version`: what a bug report needs.
func runVersion(c *urfave.Context, stdout io.Writer) error {
	fmt.Fprintf(stdout, "bindery %s\n", version())
	fmt.Fprintf(stdout, "  built with %s for %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		mod := ""
		if settings["vcs.modified"] == "true" {
			mod = " (with uncommitted changes)"
		}
		fmt.Fprintf(stdout, "  commit %s%s %s\n", rev, mod, settings["vcs.time"])
	}
	if len(bi.Deps) > 0 {
		fmt.Fprintln(stdout, "dependencies:")
		deps := append([]*debug.Module(nil), bi.Deps...)
		sort.Slice(deps, func(i, j int) bool { return deps[i].Path < deps[j].Path })
		for _, d := range deps {
			v := d.Version
			if d.Replace != nil {
				v += " => " + strings.TrimSpace(d.Replace.Path+" "+d.Replace.Version)
			}
			fmt.Fprintf(stdout, "  %-40s %s\n", d.Path, v)
		}
	}
	return nil
}
