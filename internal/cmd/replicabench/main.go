// Command replicabench measures replicas of `wirewatch run` sharing one
// PostgreSQL store: it serves N local feeds from 127.0.0.1, starts R
// replicas of the real binary on a new schema, each with a JSON-lines
// output that takes every story at once, and reports how long the
// replicas took to poll every feed once and to deliver every story, as
// polls and deliveries per second, with each replica's share and CPU time.
//
// It is a harness, not a test: run it on a quiet machine, several times.
//
//	go build -o /tmp/wirewatch ./cmd/wirewatch
//	go run ./internal/cmd/replicabench -bin /tmp/wirewatch -replicas 3 -feeds 2000 -items 5
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wirewatch/wirewatch/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "replicabench:", err)
		os.Exit(1)
	}
}

// feeds serves feed/N with its stories and notes when each is first
// fetched, and by which replica.
type feeds struct {
	items int
	mu    sync.Mutex
	first map[string]time.Time
	by    map[string]int
	last  time.Time
}

func (f *feeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := strings.TrimPrefix(r.URL.Path, "/feed/")
	now := time.Now()
	f.mu.Lock()
	if _, ok := f.first[n]; !ok {
		f.first[n] = now
		f.by[r.Header.Get("User-Agent")]++
		f.last = now
	}
	f.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><language>en</language>`)
	for i := range f.items {
		fmt.Fprintf(&b, "<item><title>Bench feed %s story %d about grain exports %d</title><link>https://bench.test/%s/%d</link><guid>%s-%d</guid><description>Officials discussed grain exports and port capacity at length, story %d of feed %s.</description></item>",
			n, i, i, n, i, n, i, i, n)
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml")
	io.WriteString(w, b.String())
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("replicabench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	bin := fs.String("bin", "", "the wirewatch binary (go build -o /tmp/wirewatch ./cmd/wirewatch)")
	replicas := fs.Int("replicas", 3, "replicas of wirewatch run (1-8)")
	nFeeds := fs.Int("feeds", 2000, "feeds served and polled (1-20000)")
	items := fs.Int("items", 5, "stories per feed (1-100)")
	dsn := fs.String("store", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "PostgreSQL database; a new schema in it is used and dropped")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case *bin == "":
		return errors.New("-bin is required")
	case *replicas < 1 || *replicas > 8 || *nFeeds < 1 || *nFeeds > 20000 || *items < 1 || *items > 100:
		return errors.New("-replicas 1-8, -feeds 1-20000, -items 1-100")
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	schema := fmt.Sprintf("bench_%d", time.Now().UnixNano())
	u, err := url.Parse(*dsn)
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", *dsn) // registered by the store
	if err != nil {
		return err
	}
	defer db.Close()
	defer db.Exec(`DROP SCHEMA IF EXISTS ` + schema + ` CASCADE`)
	// Create the schema once, so that the replicas' clocks start together.
	st, err := store.Open(ctx, u.String())
	if err != nil {
		return err
	}
	st.Close()

	f := &feeds{items: *items, first: map[string]time.Time{}, by: map[string]int{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	dir, err := os.MkdirTemp("", "replicabench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var feedList strings.Builder
	for i := range *nFeeds {
		fmt.Fprintf(&feedList, "  - url: %s/feed/%d\n    name: f%d\n", srv.URL, i, i)
	}
	var cmds []*exec.Cmd
	defer func() {
		for _, c := range cmds {
			c.Process.Signal(syscall.SIGKILL)
			c.Wait()
		}
	}()
	start := time.Now()
	for r := range *replicas {
		cfg := filepath.Join(dir, fmt.Sprintf("r%d.yaml", r))
		body := fmt.Sprintf(`store: %s
poll:
  schedule: "@every 1h"
  user_agent: replica-%d
  per_host: 64
feeds:
%soutputs:
  - type: jsonl
    path: %s
    schedule: instant
`, u.String(), r, feedList.String(), filepath.Join(dir, fmt.Sprintf("r%d.jsonl", r)))
		if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
			return err
		}
		c := exec.CommandContext(ctx, *bin, "run", "-config", cfg, "-log-level", "warn")
		c.Stdout, c.Stderr = io.Discard, stderr
		if err := c.Start(); err != nil {
			return err
		}
		cmds = append(cmds, c)
	}
	want := *nFeeds * *items
	var polled, delivered time.Time
	for polled.IsZero() || delivered.IsZero() {
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
		f.mu.Lock()
		if polled.IsZero() && len(f.first) == *nFeeds {
			polled = f.last
		}
		f.mu.Unlock()
		if delivered.IsZero() {
			n, err := countLines(dir, *replicas)
			if err != nil {
				return err
			}
			if n >= want {
				delivered = time.Now()
			}
		}
	}
	var cpu time.Duration
	for _, c := range cmds {
		c.Process.Signal(syscall.SIGTERM)
		c.Wait()
		cpu += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	cmds = nil
	f.mu.Lock()
	firstFetch := start
	for _, t := range f.first {
		if t.Before(firstFetch) || firstFetch == start {
			firstFetch = t
		}
	}
	by := f.by
	f.mu.Unlock()
	pollSpan := polled.Sub(firstFetch)
	deliverSpan := delivered.Sub(firstFetch)
	fmt.Fprintf(stdout, "replicas %d, feeds %d, stories %d\n", *replicas, *nFeeds, want)
	fmt.Fprintf(stdout, "every feed polled once in %s from the first fetch: %.0f polls/s\n", pollSpan.Round(time.Millisecond), float64(*nFeeds)/pollSpan.Seconds())
	fmt.Fprintf(stdout, "every story delivered in %s from the first fetch: %.0f deliveries/s\n", deliverSpan.Round(time.Millisecond), float64(want)/deliverSpan.Seconds())
	fmt.Fprintf(stdout, "feeds polled per replica: %v\n", by)
	fmt.Fprintf(stdout, "CPU time of all replicas (user+system, whole run incl. start-up): %s\n", cpu.Round(time.Millisecond))
	return nil
}

// countLines counts the stories the replicas' JSON-lines outputs hold.
func countLines(dir string, replicas int) (int, error) {
	total := 0
	for r := range replicas {
		fh, err := os.Open(filepath.Join(dir, "r"+strconv.Itoa(r)+".jsonl"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			total++
		}
		fh.Close()
	}
	return total, nil
}
