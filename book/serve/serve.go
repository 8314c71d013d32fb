// Package serve shows a book in the browser while it is written, for `bindery serve`: it
// builds the book, serves the EPUB's pages with their stylesheet, a contents sidebar and the
// PDF beside them, and reloads every open page after each rebuild (book/watch rebuilds).
//
// A failed rebuild is shown in the page, above the last good book. Only the last good
// build's EPUB and PDF are served, from memory; only to this computer unless asked; and the
// one script on a page is the preview's own.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"bindery/book/pipeline"
	"bindery/book/watch"
)

// DefaultHost and DefaultPort are where the preview listens unless told otherwise: this
// computer only.
const (
	DefaultHost = "127.0.0.1"
	DefaultPort = 3000
)

// Options say what to build and where to serve it.
type Options struct {
	// Watch says what to build and how each build is reported on the terminal; its
	// Build.Formats must include the EPUB, which the preview shows. A Built of its own is
	// called after the preview has taken the build in.
	Watch watch.Options
	// Host is the address to listen on (DefaultHost if empty). Another than a loopback
	// address lets other computers read the book: Run warns of it.
	Host string
	// Port to listen on; 0 picks a free one.
	Port int
	// Open, if set, is called once, after the first build, with the preview's address
	// (OpenBrowser opens it in the user's browser).
	Open func(url string) error
}

// Run builds the book and serves it until ctx is cancelled, rebuilding after every change
// to its sources; then it returns nil. Each build is reported on stdout as `bindery watch`
// reports it; warnings about the preview itself go to stderr. Run returns an error if it
// cannot listen or watch.
func Run(ctx context.Context, opt Options, stdout, stderr io.Writer) error {
	if !slices.Contains(opt.Watch.Build.Formats, pipeline.EPUB) {
		return errors.New("the preview shows the EPUB: the formats must include epub")
	}
	host := opt.Host
	if host == "" {
		host = DefaultHost
	}
	addr := net.JoinHostPort(host, strconv.Itoa(opt.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot serve on %s: %w", addr, err)
	}
	loopback := isLoopback(host)
	if !loopback {
		fmt.Fprintf(stderr, "warning: serving on %s: anyone who can reach this computer on port %d can read the book\n",
			host, ln.Addr().(*net.TCPAddr).Port)
	}
	url := address(ln.Addr().(*net.TCPAddr), host)

	s := newSite(!loopback)
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(io.Discard, "", 0), // a browser that goes away is no news
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() {
		served <- srv.Serve(ln)
		cancel() // the server failed: stop watching too
	}()
	fmt.Fprintf(stdout, "serving the book at %s\n", url)

	w := opt.Watch
	var opened sync.Once
	w.Built = func(res *pipeline.Result, err error) {
		s.update(res, err, time.Now())
		if opt.Watch.Built != nil {
			opt.Watch.Built(res, err)
		}
		opened.Do(func() {
			if opt.Open == nil {
				return
			}
			if err := opt.Open(url); err != nil {
				fmt.Fprintf(stderr, "warning: cannot open a browser (%v): open %s yourself\n", err, url)
			}
		})
	}
	watchErr := watch.Run(ctx, w, stdout)

	// The event streams end first: the server stops once its requests have.
	s.close()
	stopping, stopped := context.WithTimeout(context.Background(), 5*time.Second)
	defer stopped()
	if err := srv.Shutdown(stopping); err != nil {
		srv.Close()
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving the book: %w", err)
	}
	return watchErr
}

// isLoopback reports whether host is an address of this computer only.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// address is the preview's address for a browser on this computer.
func address(at *net.TCPAddr, host string) string {
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1" // every interface: this computer's is one of them
		if ip.To4() == nil {
			host = "::1"
		}
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(at.Port)) + "/"
}

// OpenBrowser opens url in the user's browser, without waiting for it.
func OpenBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
