package cli

import (
	"bytes"
	"context"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionOf: a tag names a release; anything else is dev and the commit.
func TestVersionOf(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs.revision", Value: "bdbed1e3a1b2c3d4e5f60718293a4b5c6d7e8f90"}}
	dirty := append(rev[:1:1], debug.BuildSetting{Key: "vcs.modified", Value: "true"})
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.0", rev, "v1.2.0"},
		{"v1.2.0-rc.1", rev, "v1.2.0-rc.1"},
		{"v1.2.0+dirty", dirty, "dev+bdbed1e3a1b2.dirty"},
		{"v0.0.0-20261130061427-bdbed1e3a1b2", rev, "dev+bdbed1e3a1b2"},
		{"v1.2.1-0.20261130061427-bdbed1e3a1b2", rev, "dev+bdbed1e3a1b2"},
		{"v1.2.1-0.20261130061427-bdbed1e3a1b2+dirty", dirty, "dev+bdbed1e3a1b2.dirty"},
		{"(devel)", rev, "dev+bdbed1e3a1b2"},
		{"(devel)", nil, "dev"},
		{"", nil, "dev"},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "bindery", Version: c.main}, Settings: c.settings}
		if got := versionOf(bi); got != c.want {
			t.Errorf("%s %v: got %q, want %q", c.main, c.settings, got, c.want)
		}
	}
}

// TestVersionFromLinker: the version make dist links in is the one printed.
func TestVersionFromLinker(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	Version = "v9.8.7"
	code, out, _ := run(t, "version")
	if code != 0 || out[:len("bindery v9.8.7\n")] != "bindery v9.8.7\n" {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if code, out, _ := run(t, "--version"); code != 0 || out != "bindery version v9.8.7\n" {
		t.Fatalf("--version: exit %d: %q", code, out)
	}
}

// TestVersionWithoutTheApp: `bindery version` alone skips building the app, and prints what
// the app's version command prints; anything after it goes through the app.
func TestVersionWithoutTheApp(t *testing.T) {
	code, fast, _ := run(t, "version")
	var viaApp, errOut bytes.Buffer
	app := newApp(strings.NewReader(""), &viaApp, &errOut)
	if err := runApp(context.Background(), app, []string{"bindery", "version"}); err != nil || code != 0 {
		t.Fatalf("exit %d, app: %v %s", code, err, errOut.String())
	}
	if fast != viaApp.String() || !strings.HasPrefix(fast, "bindery ") {
		t.Fatalf("without the app:\n%s\nthe app's command:\n%s", fast, viaApp.String())
	}
	for _, args := range [][]string{{"bindery", "version", "--help"}, {"bindery", "build"}, {"mdbook-bindery", "version"}, {"bindery"}} {
		if versionOnly(args) {
			t.Errorf("%q taken for bindery version", args)
		}
	}
}
