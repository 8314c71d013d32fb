package starter

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bindery/book/pipeline"
)

// TestStarterChecksClean: the starter book shows every syntax and has not one warning.
func TestStarterChecksClean(t *testing.T) {
	dir := t.TempDir()
	names, err := Write(dir, Starter, time.Date(2030, 5, 17, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 7 || names[6] != ".gitignore" {
		t.Errorf("wrote %v", names)
	}
	if ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(ignore) != "out/\n.bindery-cache/\n" {
		t.Errorf(".gitignore: %q", ignore)
	}
	list, err := pipeline.Check(dir)
	if err != nil || len(list) != 0 {
		t.Fatalf("%v\n%v", err, list)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if !strings.Contains(string(yaml), "date: 2030-05-17") || strings.Contains(string(yaml), starterIdentifier) {
		t.Errorf("book.yaml not made the new book's own:\n%s", yaml)
	}
	// Every syntax the README documents is in the chapters.
	var text string
	for _, n := range names {
		if strings.HasSuffix(n, ".md") {
			b, _ := os.ReadFile(filepath.Join(dir, n))
			text += string(b)
		}
	}
	for _, syntax := range []string{"{#c-", "{^reading|(}", "{^reading|)}", "{^reading!finding a place}", "[](#", "[^scroll]", "## "} {
		if !strings.Contains(text, syntax) {
			t.Errorf("the starter chapters do not show %s", syntax)
		}
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.yaml"), []byte("mine"), 0o644)
	_, err := Write(dir, Starter, time.Now())
	var exists *ExistsError
	if !errors.As(err, &exists) || len(exists.Names) != 1 || exists.Names[0] != "index.yaml" {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatal("files were written beside an existing one")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.yaml")); string(b) != "mine" {
		t.Fatal("a file was overwritten")
	}
	file := filepath.Join(dir, "index.yaml")
	if _, err := Write(file, Starter, time.Now()); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("writing into a file: %v", err)
	}
}

func TestDefaultIsTheManuscript(t *testing.T) {
	want, _ := filepath.Glob("../../manuscript/*.md")
	yamls, _ := filepath.Glob("../../manuscript/*.yaml")
	want = append(want, yamls...)
	var got []string
	fs.WalkDir(Files(Default), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, p)
		}
		return nil
	})
	if len(got) != len(want) || len(got) < 10 {
		t.Fatalf("embedded %d files, manuscript/ has %d", len(got), len(want))
	}
}

func TestNewUUID(t *testing.T) {
	a, b := newUUID(), newUUID()
	if a == b || len(a) != 36 || a[14] != '4' || !strings.ContainsRune("89ab", rune(a[19])) {
		t.Fatalf("%s %s", a, b)
	}
}

// The Spanish starter (init --language es) is the same book, checked as clean, in Spanish:
// every syntax of the English one, its marks in the Spanish text.
func TestSpanishStarterChecksClean(t *testing.T) {
	b, err := StarterIn("es-MX")
	if err != nil || b != StarterSpanish {
		t.Fatalf("StarterIn(es-MX) = %v, %v", b, err)
	}
	if _, err := StarterIn("tlh"); err == nil || !strings.Contains(err.Error(), "en, es") {
		t.Errorf("StarterIn(tlh): %v", err)
	}
	dir := t.TempDir()
	names, err := Write(dir, StarterSpanish, time.Date(2030, 5, 17, 0, 0, 0, 0, time.UTC))
	if err != nil || len(names) != 7 || names[6] != ".gitignore" { // six files of the book, and .gitignore
		t.Fatalf("wrote %v: %v", names, err)
	}
	list, err := pipeline.Check(dir)
	if err != nil || len(list) != 0 {
		t.Fatalf("%v\n%v", err, list)
	}
	yaml, _ := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if !strings.Contains(string(yaml), "language: es") || !strings.Contains(string(yaml), "date: 2030-05-17") || strings.Contains(string(yaml), starterIdentifier) {
		t.Errorf("book.yaml:\n%s", yaml)
	}
	var text string
	for _, n := range names {
		if strings.HasSuffix(n, ".md") {
			b, _ := os.ReadFile(filepath.Join(dir, n))
			text += string(b)
		}
	}
	for _, syntax := range []string{"{#c-", "{^lectura|(}", "{^lectura|)}", "{^lectura!encontrar un lugar}", "[](#", "[^rollo]", "## ", "{lang=en}"} {
		if !strings.Contains(text, syntax) {
			t.Errorf("the Spanish starter does not show %q", syntax)
		}
	}
}
