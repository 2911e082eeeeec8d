package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// daemon is a `wirewatch run` process started by a test.
type daemon struct {
	cmd  *exec.Cmd
	logs *syncBuffer
}

// startRun starts `bin run` on cfg with no Discord token; prefix, when
// given, is a command that runs the binary (a shell setting a limit).
func startRun(t *testing.T, prefix []string, bin, cfg string) *daemon {
	t.Helper()
	args := append(append([]string{}, prefix...), bin, "run", "-config", cfg, "-log-format", "json")
	d := &daemon{cmd: exec.Command(args[0], args[1:]...), logs: &syncBuffer{}}
	d.cmd.Env = withoutDiscord(os.Environ())
	d.cmd.Stdout, d.cmd.Stderr = d.logs, d.logs
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			d.cmd.Process.Kill()
			d.cmd.Wait()
		}
	})
	return d
}

// withoutDiscord drops a Discord token the test's environment may hold.
func withoutDiscord(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "DISCORD_TOKEN=") {
			out = append(out, kv)
		}
	}
	return out
}

// httpAddr waits for the daemon to log the address its HTTP server got.
func (d *daemon) httpAddr(t *testing.T) string {
	t.Helper()
	var addr string
	waitFor(t, "the HTTP server to listen", 30*time.Second, func() bool {
		for _, line := range strings.Split(d.logs.String(), "\n") {
			var rec struct{ Msg, Addr string }
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "http server listening" {
				addr = rec.Addr
				return true
			}
		}
		return false
	})
	return addr
}

// stop sends SIGTERM and returns the exit error.
func (d *daemon) stop(t *testing.T) error {
	t.Helper()
	d.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- d.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("wirewatch run did not stop within 30s of SIGTERM; logs:\n%s", d.logs)
		return nil
	}
}

// fetch GETs a URL and returns the status and body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// runBin runs the binary to completion and returns its exit code, stdout
// and stderr.
func runBin(t *testing.T, bin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = withoutDiscord(os.Environ())
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String(), errOut.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), out.String(), errOut.String()
	default:
		t.Fatal(err)
		return -1, "", ""
	}
}

// TestEndToEndOneWriterAndHTTP runs the real binary: `run` serves metrics,
// health and the status page; a second `run` refuses to start and `once`
// gives up after its wait, both naming the lock and the daemon's pid,
// while `status` reads beside it; after the daemon stops, `once` works.
func TestEndToEndOneWriterAndHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildBinary(t)
	feed := &liveFeed{}
	feed.add("icbm-1", "North Korea fires ICBM into the sea", "Pyongyang launched an intercontinental ballistic missile on Tuesday.")
	feed.add("rates-1", "Central bank holds rates", "Nothing about missiles here.")
	srv := httptest.NewServer(feed)
	defer srv.Close()

	dir := t.TempDir()
	db := filepath.Join(dir, "data", "ww.db")
	out := filepath.Join(dir, "out.jsonl")
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, fmt.Appendf(nil, `
store: %s
http:
  listen: 127.0.0.1:0
feeds:
  - url: %s/rss
    name: live-wire
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*, intercontinental ballistic missile*]
outputs:
  - type: jsonl
    path: %s
    schedule: instant
`, db, srv.URL, out), 0o644)

	d := startRun(t, nil, bin, cfg)
	base := "http://" + d.httpAddr(t)
	if code, body := fetch(t, base+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("GET /healthz = %d %q, want 200 ok", code, body)
	}
	waitFor(t, "/readyz to answer 200 after the first poll", 30*time.Second, func() bool {
		code, _ := fetch(t, base+"/readyz")
		return code == 200
	})
	waitFor(t, "the ICBM story in the JSON-lines file", 30*time.Second, func() bool {
		b, _ := os.ReadFile(out)
		return bytes.Contains(b, []byte("fires ICBM"))
	})
	_, metrics := fetch(t, base+"/metrics")
	for _, want := range []string{
		`wirewatch_fetches_total{result="ok"} 1`,
		`wirewatch_stories_total{language="en"} 2`,
		`wirewatch_topic_matches_total{topic="icbm"} 1`,
		`wirewatch_store_up 1`,
		`wirewatch_last_successful_poll_timestamp_seconds `,
		`wirewatch_build_info{version="dev"} 1`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if code, page := fetch(t, base+"/"); code != 200 || !strings.Contains(page, "live-wire") || !strings.Contains(page, "North Korea fires ICBM into the sea") {
		t.Errorf("GET / = %d, want the status page with the feed and the ICBM match:\n%.600s", code, page)
	}

	pid := strconv.Itoa(d.cmd.Process.Pid)
	lockFile := db + ".lock"
	code, _, errOut := runBin(t, bin, "run", "-config", cfg)
	if code != exitError || !strings.Contains(errOut, lockFile) || !strings.Contains(errOut, "pid "+pid) {
		t.Errorf("a second run = exit %d, %q; want exit 1 naming %s and pid %s", code, errOut, lockFile, pid)
	}
	before, _ := os.ReadFile(out)
	feed.add("icbm-2", "ICBM launch condemned", "Diplomats condemned the ICBM launch.")
	start := time.Now()
	code, _, errOut = runBin(t, bin, "once", "-config", cfg, "-lock-wait", "1s")
	if code != exitError || !strings.Contains(errOut, "gave up after waiting 1s") || !strings.Contains(errOut, "pid "+pid) {
		t.Errorf("once beside run = exit %d, %q; want exit 1 after waiting 1s, naming pid %s", code, errOut, pid)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("once gave up after %s, before its 1s wait", took)
	}
	code, status, errOut := runBin(t, bin, "status", "-config", cfg)
	if code != exitOK || !strings.Contains(status, "live-wire") {
		t.Errorf("status beside run = exit %d, %q %q; want the feed", code, status, errOut)
	}
	if strings.Contains(status, "STORE ERROR") {
		t.Errorf("status reports a store error on a healthy store:\n%s", status)
	}

	if err := d.stop(t); err != nil {
		t.Fatalf("run after SIGTERM: %v; logs:\n%s", err, d.logs)
	}
	if code, _ := fetch(t, base+"/healthz"); code != 0 {
		t.Errorf("the HTTP server still answers after run stopped (%d)", code)
	}
	code, _, errOut = runBin(t, bin, "once", "-config", cfg, "-lock-wait", "1s")
	if code != exitOK {
		t.Errorf("once after run stopped = exit %d, %q", code, errOut)
	}
	after, _ := os.ReadFile(out)
	if n := bytes.Count(after, []byte(`"guid":"icbm-1"`)); n != 1 {
		t.Errorf("the first story is in the file %d times, want 1", n)
	}
	if !bytes.Contains(after[len(before):], []byte("ICBM launch condemned")) {
		t.Error("once after run stopped did not deliver the new story")
	}
	fi, err := os.Stat(filepath.Dir(db))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("data folder mode = %v, %v; want 0700", fi.Mode().Perm(), err)
	}
	for _, f := range []string{db, lockFile} {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("mode of %s = %v, %v; want 0600", f, fi.Mode().Perm(), err)
		}
	}
}

// bigFeed serves n stories with long texts: more than a small disk holds.
type bigFeed struct{ n int }

func (f bigFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><language>en</language>`)
	text := strings.Repeat("Officials said the intercontinental ballistic missile flew for forty minutes before it fell into the sea. ", 180)
	for i := range f.n {
		fmt.Fprintf(w, "<item><title>ICBM story %d</title><guid>big-%d</guid><description>%s %d</description></item>", i, i, text, i)
	}
	fmt.Fprint(w, `</channel></rss>`)
}

// TestEndToEndFullDisk runs the real binary with a file size limit, so
// that the database cannot grow, as on a full disk: /readyz and the
// metrics say the store fails, `status` (in another process, without the
// limit) shows the store error and the feed as failed, and `once` exits 1.
func TestEndToEndFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash for ulimit")
	}
	bin := buildBinary(t)
	srv := httptest.NewServer(bigFeed{n: 200})
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, fmt.Appendf(nil, `
store: %s
http:
  listen: 127.0.0.1:0
detection:
  accuracy: low
feeds:
  - url: %s/rss
    name: big-wire
`, filepath.Join(dir, "ww.db"), srv.URL), 0o644)

	// 2 MiB per file (ulimit -f counts 1024-byte blocks in bash): enough
	// to create the database, not to store 200 long stories.
	limit := []string{"bash", "-c", `ulimit -f 2048 && exec "$0" "$@"`}
	d := startRun(t, limit, bin, cfg)
	base := "http://" + d.httpAddr(t)
	var ready string
	waitFor(t, "/readyz to report the store failing", 60*time.Second, func() bool {
		code, body := fetch(t, base+"/readyz")
		ready = body
		return code == 503 && strings.Contains(body, "writes failing")
	})
	t.Logf("/readyz: %s", ready)
	if _, m := fetch(t, base+"/metrics"); !strings.Contains(m, "wirewatch_store_up 0") {
		t.Error("/metrics does not report wirewatch_store_up 0")
	}
	code, status, errOut := runBin(t, bin, "status", "-config", cfg)
	if code != exitOK || !strings.Contains(status, "STORE ERROR") || !strings.Contains(status, "pid "+strconv.Itoa(d.cmd.Process.Pid)) {
		t.Errorf("status while the store is full = exit %d:\n%s%s\nwant the store error and who saw it", code, status, errOut)
	}
	var feedLine string
	for _, line := range strings.Split(status, "\n") {
		if strings.HasPrefix(line, "big-wire") {
			feedLine = line
		}
	}
	if !strings.Contains(feedLine, "error") || strings.Contains(feedLine, " ok ") {
		t.Errorf("status shows the feed as %q, want an error: its stories were not stored", feedLine)
	}
	d.stop(t)

	once := exec.Command("bash", "-c", `ulimit -f 2048 && exec "$0" "$@"`, bin, "once", "-config", cfg)
	once.Env = withoutDiscord(os.Environ())
	outB, err := once.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitError || !strings.Contains(string(outB), "cannot store") {
		t.Errorf("once on a full store = %v:\n%s\nwant exit 1 saying the store cannot store", err, outB)
	}
}
