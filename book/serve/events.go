package serve

import (
	"fmt"
	"net/http"
)

// serveEvents streams the builds to one open page as Server-Sent Events: the build the site
// shows now, at once and after every build. The page compares it with the build it shows
// and reloads when they differ, so a build between the page's loading and its listening is
// not missed.
func (s *site) serveEvents(w http.ResponseWriter, r *http.Request) {
	told := make(chan struct{}, 1)
	s.subsMu.Lock()
	s.subs[told] = true
	s.subsMu.Unlock()
	defer func() {
		s.subsMu.Lock()
		delete(s.subs, told)
		s.subsMu.Unlock()
	}()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	for {
		s.mu.RLock()
		build := s.build()
		s.mu.RUnlock()
		fmt.Fprintf(w, "event: build\ndata: %s\n\n", build)
		if err := rc.Flush(); err != nil {
			return
		}
		select {
		case <-told:
		case <-r.Context().Done():
			return
		case <-s.stop:
			return
		}
	}
}

// notify tells every event stream that there was a build. A stream that has not sent the
// last one yet sends the newest instead: builds that come faster than a page listens are one.
func (s *site) notify() {
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for told := range s.subs {
		select {
		case told <- struct{}{}:
		default:
		}
	}
}

// close ends the event streams, so that the server can stop.
func (s *site) close() { close(s.stop) }
