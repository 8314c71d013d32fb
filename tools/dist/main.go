// Command dist makes bindery's release: for each desktop target a static binary, packed with
// the README, the licences, the manual page and the shell completions into an archive that
// is the same, byte for byte, whoever makes it from the same commit with the same Go; and
// SHA256SUMS. make dist runs it from the repository's root.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// targets are the desktops bindery is released for.
var targets = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

func main() {
	out := flag.String("out", "dist", "folder to write the archives and SHA256SUMS to")
	version := flag.String("version", "", "the version to name (default: the git tag on HEAD, else dev+commit)")
	only := flag.String("targets", strings.Join(targets, ","), "comma-separated GOOS/GOARCH pairs")
	list := flag.Bool("list-targets", false, "print the targets, one a line, and make nothing")
	flag.Parse()
	if *list {
		fmt.Println(strings.Join(targets, "\n"))
		return
	}
	if err := run(*out, *version, strings.Split(*only, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func run(out, version string, targets []string) error {
	tagged := version != ""
	if version == "" {
		var err error
		if version, tagged, err = gitVersion(); err != nil {
			return err
		}
	}
	epoch, err := sourceEpoch()
	if err != nil {
		return err
	}
	common, err := commonFiles(tagged)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := removeOld(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "bindery-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var sums []string
	for _, target := range targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(target), "/")
		if !ok {
			return fmt.Errorf("%q is not GOOS/GOARCH", target)
		}
		name, err := release(out, tmp, version, goos, goarch, epoch, common)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", goos, goarch, err)
		}
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			return err
		}
		sums = append(sums, fmt.Sprintf("%x  %s\n", sha256.Sum256(data), name))
		fmt.Printf("%-48s %6.1f MB\n", filepath.Join(out, name), float64(len(data))/1e6)
	}
	sort.Strings(sums)
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644)
}

// release builds the binary for one target and packs it with the common files; it returns
// the archive's name.
func release(out, tmp, version, goos, goarch string, epoch time.Time, common []file) (string, error) {
	exe := "bindery"
	if goos == "windows" {
		exe += ".exe"
	}
	bin := filepath.Join(tmp, goos+"-"+goarch, exe)
	if err := buildBinary(bin, version, goos, goarch); err != nil {
		return "", err
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	deps, err := moduleLicences(goos, goarch)
	if err != nil {
		return "", err
	}
	root := "bindery-" + strings.ReplaceAll(version, "+", "-") + "-" + goos + "-" + goarch
	a := &archive{Root: root, Epoch: epoch, Files: append(append([]file{{Name: exe, Data: data, Exec: true}}, common...), deps...)}
	var buf bytes.Buffer
	name := root + ".tar.gz"
	if goos == "windows" {
		name = root + ".zip"
		err = writeZip(&buf, a)
	} else {
		err = writeTarGz(&buf, a)
	}
	if err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644)
}

// buildBinary cross-compiles bindery: static (no cgo), with no path of this machine
// (-trimpath), no build ID and no symbol table, the version linked in, and the baseline
// instruction set whatever GOAMD64 or GOARM64 the environment has. What is left in the binary
// (the commit, its time, whether the tree was modified) is the same on every machine.
// urfave_cli_no_docs leaves out urfave/cli's man page and Markdown writers, which bindery does
// not call (its tests write docs/cli.md and docs/bindery.1), and with them blackfriday, whose
// init cost every start a millisecond.
func buildBinary(bin, version, goos, goarch string) error {
	cmd := exec.Command(goTool(), "build", "-trimpath", "-buildvcs=true", "-tags", "urfave_cli_no_docs",
		"-ldflags", "-s -w -buildid= -X bindery/internal/cli.Version="+version,
		"-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch,
		"GOAMD64=v1", "GOARM64=v8.0", "GOFLAGS=-mod=readonly")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// gitVersion names the release: the tag on HEAD (v1.2.0) when the tree is clean, else dev and
// the commit, as bindery names itself when built in a clone (see internal/cli's version).
func gitVersion() (string, bool, error) {
	rev, err := git("rev-parse", "HEAD")
	if err != nil {
		return "", false, fmt.Errorf("not a git clone? %v", err)
	}
	status, err := git("status", "--porcelain")
	if err != nil {
		return "", false, err
	}
	dirty := status != ""
	if tag, err := git("describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD"); err == nil && tag != "" && !dirty {
		return tag, true, nil
	}
	v := "dev+" + rev[:12]
	if dirty {
		v += ".dirty"
	}
	return v, false, nil
}

// sourceEpoch is the time the archives record: SOURCE_DATE_EPOCH if set, else the time of
// the commit.
func sourceEpoch() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		var err error
		if s, err = git("log", "-1", "--format=%ct"); err != nil {
			return time.Time{}, err
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	return strings.TrimSpace(string(out)), err
}

// removeOld removes the archives and sums of an earlier run, and nothing else.
func removeOld(out string) error {
	for _, pattern := range []string{"bindery-*.tar.gz", "bindery-*.zip", "SHA256SUMS"} {
		names, _ := filepath.Glob(filepath.Join(out, pattern))
		for _, n := range names {
			if err := os.Remove(n); err != nil {
				return err
			}
		}
	}
	return nil
}
