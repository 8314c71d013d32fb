package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func sample(epoch time.Time, order []int) *archive {
	all := []file{
		{Name: "bindery", Data: []byte("\x7fELF binary"), Exec: true},
		{Name: "README.md", Data: []byte("# bindery\n")},
		{Name: "licenses/fonts/OFL-CharisSIL.txt", Data: []byte("SIL Open Font License\n")},
		{Name: "completion/_bindery", Data: []byte("#compdef bindery\n")},
	}
	a := &archive{Root: "bindery-v1.0.0-linux-amd64", Epoch: epoch}
	for _, i := range order {
		a.Files = append(a.Files, all[i])
	}
	return a
}

// TestArchivesAreReproducible: the same files, given in any order, packed at different
// moments, make the same bytes; another epoch makes other bytes.
func TestArchivesAreReproducible(t *testing.T) {
	epoch := time.Unix(1796019943, 0)
	for name, write := range map[string]func(io.Writer, *archive) error{"tar.gz": writeTarGz, "zip": writeZip} {
		pack := func(a *archive) []byte {
			var b bytes.Buffer
			if err := write(&b, a); err != nil {
				t.Fatal(err)
			}
			return b.Bytes()
		}
		one := pack(sample(epoch, []int{0, 1, 2, 3}))
		two := pack(sample(epoch, []int{3, 1, 0, 2}))
		if !bytes.Equal(one, two) {
			t.Errorf("%s: the same files in another order give other bytes", name)
		}
		if bytes.Equal(one, pack(sample(epoch.Add(time.Hour), []int{0, 1, 2, 3}))) {
			t.Errorf("%s: the epoch is not recorded", name)
		}
	}
}

// TestTarEntries: folders first, then files in name order, owner 0, the epoch as time, the
// binary executable and nothing else.
func TestTarEntries(t *testing.T) {
	epoch := time.Unix(1796019943, 0)
	var b bytes.Buffer
	if err := writeTarGz(&b, sample(epoch, []int{0, 1, 2, 3})); err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("gzip header: name %q, time %v", gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	var got []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || !h.ModTime.Equal(epoch) {
			t.Errorf("%s: owner %d/%d %q/%q, time %v", h.Name, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime)
		}
		got = append(got, h.Name+" "+h.FileInfo().Mode().String())
	}
	want := []string{
		"bindery-v1.0.0-linux-amd64/ drwxr-xr-x",
		"bindery-v1.0.0-linux-amd64/completion/ drwxr-xr-x",
		"bindery-v1.0.0-linux-amd64/licenses/ drwxr-xr-x",
		"bindery-v1.0.0-linux-amd64/licenses/fonts/ drwxr-xr-x",
		"bindery-v1.0.0-linux-amd64/README.md -rw-r--r--",
		"bindery-v1.0.0-linux-amd64/bindery -rwxr-xr-x",
		"bindery-v1.0.0-linux-amd64/completion/_bindery -rw-r--r--",
		"bindery-v1.0.0-linux-amd64/licenses/fonts/OFL-CharisSIL.txt -rw-r--r--",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestZipEntries: Windows unpacks the same tree, with the epoch as every entry's time.
func TestZipEntries(t *testing.T) {
	epoch := time.Unix(1796019943, 0)
	var b bytes.Buffer
	a := sample(epoch, []int{0, 1, 2, 3})
	a.Files[0].Name = "bindery.exe"
	if err := writeZip(&b, a); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		if !f.Modified.Equal(epoch) {
			t.Errorf("%s: time %v", f.Name, f.Modified)
		}
		names = append(names, f.Name)
		if f.Name == "bindery-v1.0.0-linux-amd64/bindery.exe" {
			r, _ := f.Open()
			data, _ := io.ReadAll(r)
			if string(data) != "\x7fELF binary" || f.Mode()&0o111 == 0 {
				t.Errorf("bindery.exe: %q, mode %v", data, f.Mode())
			}
		}
	}
	if len(names) != 8 || names[0] != "bindery-v1.0.0-linux-amd64/" || names[4] != "bindery-v1.0.0-linux-amd64/README.md" {
		t.Errorf("entries %q", names)
	}
}

// TestDataLicences: the licences of the fonts and of every hyphenation pattern file in the
// repository are found by their names, whatever language adds one.
func TestDataLicences(t *testing.T) {
	got, err := dataLicences("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fonts/OFL-CharisSIL.txt", "fonts/OFL-GentiumBookPlus.txt", "book/hyphen/patterns/LICENSE-en-us.txt"} {
		if !slices.Contains(got, want) {
			t.Errorf("%s not among %q", want, got)
		}
	}
	for _, p := range got {
		if strings.Contains(p, "testdata/") {
			t.Errorf("%s is test data, not shipped", p)
		}
	}
	for name, want := range map[string]bool{
		"LICENSE": true, "LICENSE-de.txt": true, "license.md": true, "OFL-Foo.txt": true, "COPYING": true,
		"PATENTS": true, "NOTICE": true, "hyph-de.pat.txt": false, "licensed.go": false, "README": false,
	} {
		if licenceName.MatchString(name) != want {
			t.Errorf("%s: licence %v, want %v", name, !want, want)
		}
	}
}
