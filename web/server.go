// Package web serves wirewatch's HTTP endpoints: /metrics for Prometheus,
// /healthz (the process is up), /readyz (the pipeline works) and a small
// read-only status page at /, rendered on the server and usable without
// JavaScript. It shows no secrets: feed names, not their URLs; output
// names, not webhook URLs.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Timeouts of the HTTP server; the endpoints answer from memory and a few
// store queries, so generous bounds only ever stop slow or stuck clients.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 16 << 10
	// checkTimeout bounds the readiness check and the status page's
	// queries.
	checkTimeout = 10 * time.Second
)

// Source provides what the endpoints show.
type Source interface {
	// Ready returns why the pipeline is not ready, or nil.
	Ready(ctx context.Context) error
	// Status returns what the status page shows.
	Status(ctx context.Context) (*Status, error)
}

// Options configures a Server.
type Options struct {
	// Addr is the host:port to listen on; port 0 picks a free port.
	Addr string
	// Metrics serves /metrics; nil leaves it out.
	Metrics http.Handler
	// Source feeds /readyz and the status page.
	Source Source
	// Logger receives the server's errors; nil discards them.
	Logger *slog.Logger
}

// Server is a running HTTP server.
type Server struct {
	srv  *http.Server
	ln   net.Listener
	log  *slog.Logger
	done chan error

	stopOnce sync.Once
	stopErr  error
}

// Start listens on opts.Addr and serves in the background until Shutdown.
// It fails at once when the address cannot be listened on.
func Start(opts Options) (*Server, error) {
	if opts.Source == nil {
		return nil, errors.New("web: a source is required")
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("web: listen on %s: %w", opts.Addr, err)
	}
	s := &Server{ln: ln, log: log, done: make(chan error, 1)}
	s.srv = &http.Server{
		Handler:           Handler(opts),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	go func() {
		err := s.srv.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return s, nil
}

// Addr returns the address the server listens on, with the port it got.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Shutdown stops accepting connections and waits, until ctx ends, for the
// requests in flight to finish; then it closes what is left. Calling it
// again returns the first call's result.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopOnce.Do(func() {
		err := s.srv.Shutdown(ctx)
		if err != nil {
			s.srv.Close()
		}
		s.stopErr = errors.Join(err, <-s.done)
	})
	return s.stopErr
}

// Handler returns the endpoints' handler, for a server of the caller's.
func Handler(opts Options) http.Handler {
	mux := http.NewServeMux()
	if opts.Metrics != nil {
		mux.Handle("GET /metrics", opts.Metrics)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		plain(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), checkTimeout)
		defer cancel()
		if err := opts.Source.Ready(ctx); err != nil {
			plain(w, http.StatusServiceUnavailable, "not ready: "+err.Error()+"\n")
			return
		}
		plain(w, http.StatusOK, "ready\n")
	})
	page := &statusPage{source: opts.Source, log: opts.Logger}
	if page.log == nil {
		page.log = slog.New(slog.DiscardHandler)
	}
	mux.Handle("GET /{$}", page)
	return secureHeaders(mux)
}

// plain writes a short plain-text answer.
func plain(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	fmt.Fprint(w, body)
}

// secureHeaders sets the headers that keep the page inert: no scripts, no
// framing, no sniffing, no referrer to the sites it links to.
func secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}
