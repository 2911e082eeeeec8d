package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// recorder is a notify.Sender that keeps what it was given and accepts
// each digest as one message.
type recorder struct {
	mu      sync.Mutex
	digests []*wirewatch.Digest
	// after, when set, runs after a digest was recorded, before it is
	// reported accepted: a crash there is the window of a lost answer.
	after func()
}

func (r *recorder) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	part := notify.WholeDigest(d)
	if part.Len() == 0 {
		return nil
	}
	if err := p.Sending(ctx, part); err != nil {
		return err
	}
	r.mu.Lock()
	r.digests = append(r.digests, d)
	r.mu.Unlock()
	if r.after != nil {
		r.after()
	}
	return p.Accepted(ctx, part, "")
}

// testBuilder builds outputs as the program does, except that the outputs
// named in senders get those senders.
type testBuilder struct {
	outputs.Builder
	senders map[string]notify.Sender
}

func (b testBuilder) Output(oc config.Output) (notify.Sender, error) {
	if s, ok := b.senders[oc.Name]; ok {
		return s, nil
	}
	return b.Builder.Output(oc)
}

// setSenders gives the outputs named in senders those senders from now on,
// as a restart with another builder would.
func setSenders(a *App, senders map[string]notify.Sender) {
	a.mu.Lock()
	a.build = testBuilder{Builder: outputs.Builder{APIBase: a.cfg.Discord.APIBase}, senders: senders}
	a.mu.Unlock()
	a.invalidateOutputs()
}

// ids lists the delivered story ids, sorted, with their digest kind.
func (r *recorder) ids() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, d := range r.digests {
		for _, g := range d.Groups {
			for _, it := range g.Stories {
				out = append(out, string(d.Kind)+":"+it.ID)
			}
		}
	}
	sort.Strings(out)
	return out
}

// feedServer serves the testdata feeds with ETags, counting requests.
func feedServer(t testing.TB) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/broken":
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		case "/html":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<!doctype html><html><body>not a feed</body></html>")
			return
		}
		b, err := os.ReadFile(filepath.Join("testdata", filepath.Base(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%d"`, len(b))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func testConfig(t testing.TB, srv *httptest.Server, extra string) *config.Config {
	t.Helper()
	yaml := fmt.Sprintf(`
feeds:
  - url: %[1]s/wire.xml
    name: wire
  - url: %[1]s/tass.xml
    name: tass
  - url: %[1]s/broken
    name: broken
  - url: %[1]s/html
    name: html
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*, intercontinental ballistic missile*, межконтинентальн* баллистическ* ракет*]
    alert: true
  - id: sanctions
    name: Sanctions
    any: [sanction*]
outputs:
  - type: stdout
    name: rec
%s`, srv.URL, extra)
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(yaml), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	// The testdata feeds carry fixed dates, older than poll.max_age by
	// now; these tests are about delivery, not age (see backfill_test.go).
	cfg.Poll.MaxAge = 0
	return cfg
}

func newTestApp(t testing.TB, cfg *config.Config, dbPath string, rec *recorder) (*App, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{
		Config:  cfg,
		Store:   st,
		Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": rec}},
		Logger:  slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	return a, st
}

func TestOnceDeliversOnce(t *testing.T) {
	srv, _ := feedServer(t)
	cfg := testConfig(t, srv, "")
	db := filepath.Join(t.TempDir(), "ww.db")
	rec := &recorder{}
	a, st := newTestApp(t, cfg, db, rec)
	defer st.Close()

	prep, drep, err := a.Once(context.Background(), false)
	if err != nil {
		t.Fatalf("Once: %v", err)
	}
	if prep.New != 4 || prep.Failed != 2 {
		t.Errorf("poll: new %d, failed %d; want 4 new, 2 failed", prep.New, prep.Failed)
	}
	want := "alert:tass-1,alert:wire-a,digest:tass-1,digest:wire-a,digest:wire-b"
	if got := strings.Join(rec.ids(), ","); got != want {
		t.Errorf("delivered %s, want %s", got, want)
	}
	if drep.Delivered["rec"] != 5 {
		t.Errorf("report delivered %v, want rec: 5", drep.Delivered)
	}
	statuses, err := st.FeedStatuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	results := map[string]wirewatch.FetchResult{}
	for _, s := range statuses {
		results[s.Name] = s.Result
		if s.Result == "error" && s.LastError == "" {
			t.Errorf("feed %s failed with no error kept", s.Name)
		}
	}
	if results["wire"] != "ok" || results["broken"] != "error" || results["html"] != "error" {
		t.Errorf("feed results %v, want wire ok, broken and html error", results)
	}

	// A second run right after delivers nothing again.
	rec2 := &recorder{}
	setSenders(a, map[string]notify.Sender{"rec": rec2})
	if _, _, err := a.Once(context.Background(), false); err != nil {
		t.Fatalf("second Once: %v", err)
	}
	if got := rec2.ids(); len(got) != 0 {
		t.Errorf("second run delivered %v, want nothing", got)
	}
}

func TestCrashBetweenDeliveryAndMarkRedelivers(t *testing.T) {
	srv, _ := feedServer(t)
	cfg := testConfig(t, srv, "")
	db := filepath.Join(t.TempDir(), "ww.db")

	// The first run "dies" right after the output accepted the first
	// digest: the store goes away before anything is marked.
	var st *store.Store
	rec := &recorder{}
	rec.after = func() { st.Close() }
	a, s := newTestApp(t, cfg, db, rec)
	st = s
	a.Once(context.Background(), false)
	first := rec.ids()
	if len(first) == 0 {
		t.Fatal("nothing was delivered before the crash")
	}

	// The restarted run delivers again what was not marked: nothing lost.
	rec2 := &recorder{}
	a2, st2 := newTestApp(t, cfg, db, rec2)
	defer st2.Close()
	if _, _, err := a2.Once(context.Background(), false); err != nil {
		t.Fatalf("Once after crash: %v", err)
	}
	got := rec2.ids()
	want := "alert:tass-1,alert:wire-a,digest:tass-1,digest:wire-a,digest:wire-b"
	if strings.Join(got, ",") != want {
		t.Errorf("after the crash delivered %v, want %s", got, want)
	}
}

func TestHotReloadKeepsOldTopicsOnBadEdit(t *testing.T) {
	srv, _ := feedServer(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	good := fmt.Sprintf("feeds:\n  - url: %s/wire.xml\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\n", srv.URL)
	if err := os.WriteFile(path, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := New(Options{Config: cfg, ConfigPath: path, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: outputs.Builder{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	bad := good + "  - id: broken\n    any: [\"/(unclosed/\"]\n"
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if a.Reload() {
		t.Fatal("Reload accepted an invalid config")
	}
	if got := len(a.Topics()); got != 1 {
		t.Errorf("topics after a bad edit = %d, want the old 1", got)
	}
	better := good + "  - id: sanctions\n    any: [sanction*]\n"
	if err := os.WriteFile(path, []byte(better), 0o644); err != nil {
		t.Fatal(err)
	}
	if !a.Reload() {
		t.Fatal("Reload ignored a valid edit")
	}
	if got := len(a.Topics()); got != 2 {
		t.Errorf("topics after a good edit = %d, want 2", got)
	}
}
