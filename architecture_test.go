package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestImportRule holds every package to its row of docs/ARCHITECTURE.md's import table: a
// package may import only the project packages its row lists, and every package has a row.
// The table is the rule, so the document cannot drift from the code.
func TestImportRule(t *testing.T) {
	allowed := importTable(t)
	actual := projectImports(t)
	var pkgs []string
	for p := range actual {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		may, ok := allowed[p]
		if !ok {
			t.Errorf("package %s has no row in docs/ARCHITECTURE.md's import table: add one (its job and what it may import)", p)
			continue
		}
		for _, imp := range actual[p] {
			if !may[imp] {
				t.Errorf("%s imports %s, which its row in docs/ARCHITECTURE.md does not allow", p, imp)
			}
		}
	}
	if len(pkgs) < 20 {
		t.Fatalf("found only %d packages: the walk is broken", len(pkgs))
	}
}

var backticked = regexp.MustCompile("`([^`]+)`")

// importTable reads the table's rows: | `package` (or several, comma-separated) | job | imports |.
func importTable(t *testing.T) map[string]map[string]bool {
	data, err := os.ReadFile("docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	table := map[string]map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		cells := strings.Split(line, "|")
		if len(cells) != 5 || !strings.HasPrefix(strings.TrimSpace(cells[1]), "`") {
			continue
		}
		may := map[string]bool{}
		for _, m := range backticked.FindAllStringSubmatch(cells[3], -1) {
			may[m[1]] = true
		}
		for _, m := range backticked.FindAllStringSubmatch(cells[1], -1) {
			table[m[1]] = may
		}
	}
	if len(table) == 0 {
		t.Fatal("docs/ARCHITECTURE.md has no import table")
	}
	return table
}

// projectImports lists, for every package of the module, the project packages its non-test
// files import (paths relative to the module, the root being "bindery").
func projectImports(t *testing.T) map[string][]string {
	const module = "bindery"
	fset := token.NewFileSet()
	imports := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		pkg := module
		if dir := filepath.ToSlash(filepath.Dir(path)); dir != "." {
			pkg = dir
		}
		if _, seen := imports[pkg]; !seen {
			imports[pkg] = nil
		}
		if strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, spec := range f.Imports {
			imp, _ := strconv.Unquote(spec.Path.Value)
			if rel, ok := strings.CutPrefix(imp, module+"/"); ok && !contains(imports[pkg], rel) {
				imports[pkg] = append(imports[pkg], rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return imports
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestCodeSize holds the code that ships to issue 12's rule: no function over 100 lines, no
// file over 800, so that each can be read in one sitting. Split by job when one grows.
func TestCodeSize(t *testing.T) {
	const maxFunc, maxFile = 100, 800
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			return err
		}
		if copiedCode(f) {
			return nil // another project's code, kept as it was written (its header says whence)
		}
		if n := fset.File(f.Pos()).LineCount(); n > maxFile {
			t.Errorf("%s has %d lines (at most %d): move a part with a job of its own to a file of its own", path, n, maxFile)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > maxFunc {
				t.Errorf("%s: func %s has %d lines (at most %d): split it by job", path, fn.Name.Name, n, maxFunc)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// copiedCode reports whether a file is another project's code copied in, as its first line
// says ("// Copied from chroma v2.27.0, lexers/raku.go (MIT licence: COPYING)…"): its size is
// that project's choice, and splitting it would only hide where it came from.
func copiedCode(f *ast.File) bool {
	return len(f.Comments) > 0 && f.Comments[0].Pos() < f.Package &&
		strings.HasPrefix(f.Comments[0].List[0].Text, "// Copied from ")
}
