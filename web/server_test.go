package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// get fetches path from the server and returns the status and body.
func get(t *testing.T, base, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get("http://" + base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func startTest(t *testing.T, opts Options) *Server {
	t.Helper()
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	return s
}

func TestEndpoints(t *testing.T) {
	src := &fixedSource{status: testStatus()}
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "wirewatch_up 1\n") })
	s := startTest(t, Options{Source: src, Metrics: metrics})

	for _, c := range []struct {
		path     string
		code     int
		contains string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
		{"/metrics", 200, "wirewatch_up 1"},
		{"/", 200, "<title>wirewatch status</title>"},
		{"/nope", 404, ""},
	} {
		code, _, body := get(t, s.Addr(), c.path)
		if code != c.code || !strings.Contains(body, c.contains) {
			t.Errorf("GET %s = %d %.80q, want %d containing %q", c.path, code, body, c.code, c.contains)
		}
	}
	resp, err := http.Post("http://"+s.Addr()+"/readyz", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /readyz = %d, want 405", resp.StatusCode)
	}

	src.mu.Lock()
	src.notReady = errors.New("store: database writes failing since 2026-03-14 09:00:00 UTC: database or disk is full")
	src.mu.Unlock()
	code, _, body := get(t, s.Addr(), "/readyz")
	if code != 503 || !strings.Contains(body, "disk is full") {
		t.Errorf("GET /readyz while the store fails = %d %q, want 503 naming the cause", code, body)
	}
	if _, _, page := get(t, s.Addr(), "/"); !strings.Contains(page, "Not ready: store: database writes failing") {
		t.Error("the status page does not say why it is not ready")
	}
}

func TestNoMetricsHandler(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{status: testStatus()}})
	if code, _, _ := get(t, s.Addr(), "/metrics"); code != 404 {
		t.Errorf("GET /metrics without a handler = %d, want 404", code)
	}
}

func TestStatusPageEscapesFeedText(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{status: testStatus()}})
	code, h, page := get(t, s.Addr(), "/")
	if code != 200 {
		t.Fatalf("GET / = %d", code)
	}
	for _, bad := range []string{"<script>", "<img", "javascript:", "\u202e"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q from feed text", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;window.pwned=1&lt;/script&gt;") {
		t.Error("the hostile title is not shown escaped")
	}
	for header, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Content-Type":            "text/html; charset=utf-8",
		"Cache-Control":           "no-store",
	} {
		if got := h.Get(header); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
}

func TestStatusError(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{}})
	if code, _, body := get(t, s.Addr(), "/"); code != 500 || !strings.Contains(body, "store closed") {
		t.Errorf("GET / with a failing source = %d %q, want 500 naming the error", code, body)
	}
}

func TestShutdownWaitsForRequests(t *testing.T) {
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "done\n")
	})
	s := startTest(t, Options{Source: &fixedSource{status: testStatus()}, Metrics: slow})
	got := make(chan string, 1)
	go func() {
		_, _, body := get(t, s.Addr(), "/metrics")
		got <- body
	}()
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown = %v", err)
	}
	if body := <-got; body != "done\n" {
		t.Errorf("request in flight during shutdown got %q, want its answer", body)
	}
	if _, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
		t.Error("the server still answers after Shutdown")
	}
}

func TestStartFailsOnBusyAddress(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{}})
	if _, err := Start(Options{Addr: s.Addr(), Source: &fixedSource{}}); err == nil || !strings.Contains(err.Error(), s.Addr()) {
		t.Errorf("Start on a busy address = %v, want an error naming it", err)
	}
}
