package cli

import (
	"fmt"
	"io"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
)

// Version is the release, set when linking: make dist passes
// -ldflags "-X bindery/internal/cli.Version=v1.2.0" from the git tag it builds.
var Version string

// pseudoVersion matches the version go build stamps on a commit that no tag names
// (v0.0.0-20261130061427-bdbed1e3a1b2).
var pseudoVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(^|[-.])(0\.)?\d{14}-[0-9a-f]{12}(\+|$)`) })

// version names this bindery: the release it was linked as, else the tag go build found
// (a clean checkout of v1.2.0), else "dev" and the commit it was built from.
func version() string {
	if Version != "" {
		return Version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	v := bi.Main.Version
	if v != "" && v != "(devel)" && !pseudoVersion().MatchString(v) && !strings.HasSuffix(v, "+dirty") {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += ".dirty"
	}
	return "dev+" + rev
}

// runVersion is `bindery version`: what a bug report needs.
func runVersion(stdout io.Writer) error {
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
