package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"bindery/internal/cli"
)

// licenceName matches the files that carry a licence: LICENSE, LICENSE-en-gb.txt,
// OFL-CharisSIL.txt, COPYING, NOTICE, PATENTS (Go's).
var licenceName = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|patents|ofl|unlicense)([-_.].*)?$`)

// shippedData are the folders whose files bindery embeds (fonts, hyphenation patterns): each
// licence file in them is shipped, wherever a new language or font puts it.
var shippedData = []string{"fonts", "book"}

// commonFiles are the files every archive has beside the binary: the README, bindery's
// licence, the licences of the fonts, patterns and Go, the manual page and the completions.
// A release (a tagged version) must have bindery's own licence.
func commonFiles(tagged bool) ([]file, error) {
	var files []file
	add := func(name, src string) error {
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		files = append(files, file{Name: name, Data: data})
		return nil
	}
	if err := add("README.md", "README.md"); err != nil {
		return nil, err
	}
	if err := add("man/man1/bindery.1", filepath.Join("docs", "bindery.1")); err != nil {
		return nil, err
	}
	own, err := ownLicence()
	if err != nil {
		return nil, err
	}
	if len(own) == 0 && tagged {
		return nil, errors.New("bindery has no LICENSE file at the repository's root: a release must say under what terms it is shared")
	}
	if len(own) == 0 {
		fmt.Fprintln(os.Stderr, "dist: warning: no LICENSE file at the repository's root; the archives carry only the licences of what bindery embeds")
	}
	for _, name := range own {
		if err := add(name, name); err != nil {
			return nil, err
		}
	}
	data, err := dataLicences(".")
	if err != nil {
		return nil, err
	}
	for _, rel := range data {
		if err := add("licenses/"+rel, filepath.FromSlash(rel)); err != nil {
			return nil, err
		}
	}
	goroot, err := exec.Command(goTool(), "env", "GOROOT").Output()
	if err != nil {
		return nil, err
	}
	if err := add("licenses/go/LICENSE", filepath.Join(strings.TrimSpace(string(goroot)), "LICENSE")); err != nil {
		return nil, fmt.Errorf("Go's own licence: %w", err)
	}
	completions, err := completionFiles()
	if err != nil {
		return nil, err
	}
	return append(files, completions...), nil
}

// ownLicence lists bindery's licence files at the repository's root.
func ownLicence() ([]string, error) {
	entries, err := os.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && licenceName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// dataLicences finds the licence files under the shipped data folders of the repository at
// root (slash paths relative to it), test data aside. It fails if the fonts or the
// hyphenation patterns have none: the pattern would have stopped matching.
func dataLicences(root string) ([]string, error) {
	var out []string
	for _, dir := range shippedData {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && licenceName.MatchString(d.Name()) {
				rel, err := filepath.Rel(root, p)
				if err != nil {
					return err
				}
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, need := range []string{"fonts/", "book/hyphen/"} {
		found := false
		for _, p := range out {
			found = found || strings.HasPrefix(p, need)
		}
		if !found {
			return nil, fmt.Errorf("no licence file under %s: every font and pattern file bindery embeds needs its licence beside it", need)
		}
	}
	return out, nil
}

// moduleLicences are the licence files of every module linked into bindery for the target,
// under licenses/MODULE/.
func moduleLicences(goos, goarch string) ([]file, error) {
	cmd := exec.Command(goTool(), "list", "-deps", "-f",
		`{{with .Module}}{{if not .Main}}{{.Path}}{{"\t"}}{{with .Replace}}{{.Dir}}{{else}}{{.Dir}}{{end}}{{end}}{{end}}`, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch, "GOFLAGS=-mod=readonly")
	cmd.Stderr = os.Stderr
	listing, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	dirs := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(listing)), "\n") {
		if mod, dir, ok := strings.Cut(line, "\t"); ok {
			dirs[mod] = dir
		}
	}
	var files []file
	for mod, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", mod, err)
		}
		n := len(files)
		for _, e := range entries {
			if !e.Type().IsRegular() || !licenceName.MatchString(e.Name()) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			files = append(files, file{Name: path.Join("licenses", mod, e.Name()), Data: data})
		}
		if len(files) == n {
			return nil, fmt.Errorf("the module %s, linked into bindery, has no licence file in %s", mod, dir)
		}
	}
	return files, nil
}

// completionFiles are the shell completion scripts, as bindery completion prints them.
func completionFiles() ([]file, error) {
	var files []file
	for shell, name := range map[string]string{"bash": "bindery.bash", "zsh": "_bindery", "fish": "bindery.fish"} {
		var out, errOut bytes.Buffer
		if code := cli.Run(context.Background(), []string{"bindery", "completion", shell}, nil, &out, &errOut); code != 0 {
			return nil, fmt.Errorf("bindery completion %s: %s", shell, errOut.String())
		}
		files = append(files, file{Name: "completion/" + name, Data: out.Bytes()})
	}
	return files, nil
}
