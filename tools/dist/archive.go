package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// file is one entry of a release archive: a slash path under the archive's folder and its
// bytes. Exec marks the binary.
type file struct {
	Name string
	Data []byte
	Exec bool
}

// archive is what goes into one release archive. Entries are written sorted by name, every
// folder before its files, all with the time epoch and owner 0, so that the same files give
// the same bytes whenever and wherever they are packed.
type archive struct {
	Root  string // the one folder everything unpacks into: bindery-v1.2.0-linux-amd64
	Files []file
	Epoch time.Time
}

// entries lists the folders and files of a in the order they are written.
func (a *archive) entries() (dirs []string, files []file) {
	seen := map[string]bool{}
	files = append(files, a.Files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
			seen[d] = true
		}
	}
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs, files
}

func mode(f file) int64 {
	if f.Exec {
		return 0o755
	}
	return 0o644
}

// writeTarGz writes a as a gzip-compressed tar (for Linux and macOS). The gzip header has no
// name and no time.
func writeTarGz(w io.Writer, a *archive) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	dirs, files := a.entries()
	header := func(name string, typ byte, mode, size int64) *tar.Header {
		return &tar.Header{
			Typeflag: typ, Name: name, Mode: mode, Size: size, ModTime: a.Epoch.UTC(),
			Format: tar.FormatPAX, // long names, and nothing the packing machine adds
		}
	}
	for _, d := range append([]string{""}, dirs...) {
		if err := tw.WriteHeader(header(strings.TrimSuffix(path.Join(a.Root, d), "/")+"/", tar.TypeDir, 0o755, 0)); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := tw.WriteHeader(header(path.Join(a.Root, f.Name), tar.TypeReg, mode(f), int64(len(f.Data)))); err != nil {
			return err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes a as a zip (for Windows), the entries deflated at the best compression.
func writeZip(w io.Writer, a *archive) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	dirs, files := a.entries()
	for _, d := range append([]string{""}, dirs...) {
		h := &zip.FileHeader{Name: strings.TrimSuffix(path.Join(a.Root, d), "/") + "/", Modified: a.Epoch.UTC()}
		h.SetMode(fs.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := &zip.FileHeader{Name: path.Join(a.Root, f.Name), Method: zip.Deflate, Modified: a.Epoch.UTC()}
		h.SetMode(fs.FileMode(mode(f)))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
