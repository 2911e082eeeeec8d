package main

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/store"
)

// postgresForTest returns the URL of a new schema in the test PostgreSQL
// database (WIREWATCH_TEST_POSTGRES, else this project's machines'), which
// is dropped when the test ends. It skips the test when PostgreSQL is not
// reachable, except in CI, which starts it.
func postgresForTest(t *testing.T) string {
	t.Helper()
	base := os.Getenv("WIREWATCH_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	// The store registers pgx's database/sql driver.
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if os.Getenv("CI") != "" {
			t.Fatalf("PostgreSQL at %s unreachable in CI, which starts it: %v", store.RedactDSN(base), err)
		}
		t.Skipf("PostgreSQL at %s unreachable (%v); set WIREWATCH_TEST_POSTGRES to run this test", store.RedactDSN(base), err)
	}
	name := fmt.Sprintf("ww_e2e_%d", time.Now().UnixNano())
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name) // the store creates it
	u.RawQuery = q.Encode()
	return u.String()
}

// fetchLog is one fetch of a feed, by a replica.
type fetchLog struct {
	feed, replica string
	at            time.Time
}

// replicaFeeds serves feeds/N for N < n, each with its stories, records
// who fetched which when, and holds the fetches of one replica when told
// to, telling the test.
type replicaFeeds struct {
	mu      sync.Mutex
	stories map[string][]string
	fetches []fetchLog
	// hold makes every fetch block until it is cancelled; held receives
	// the first one's replica.
	hold bool
	held chan string
}

func (f *replicaFeeds) add(feed, guid, title string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stories[feed] = append(f.stories[feed], fmt.Sprintf("<item><title><![CDATA[%s]]></title><link>https://wire.test/%s</link><guid>%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>",
		title, guid, guid, time.Now().UTC().Format(time.RFC1123Z), distinctText(guid)))
}

// distinctWords make texts unlike each other, so that no two stories are
// taken for one event.
var distinctWords = strings.Fields(`harbour valley orchard quarry glacier meadow canyon lagoon prairie summit
	tunnel bridge market library stadium factory airport village castle island
	violin copper amber marble cedar saffron cobalt velvet granite walnut
	falcon otter heron badger lynx walrus bison gecko puffin marten`)

// distinctText returns a text of twelve words chosen by the story's guid.
func distinctText(guid string) string {
	words := make([]string, 12)
	h := fnv.New32a()
	h.Write([]byte(guid))
	x := h.Sum32()
	for i := range words {
		x = x*1664525 + 1013904223
		words[i] = distinctWords[x>>8%uint32(len(distinctWords))]
	}
	return strings.Join(words, " ")
}

func (f *replicaFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	feed := strings.TrimPrefix(r.URL.Path, "/")
	who := r.Header.Get("User-Agent")
	f.mu.Lock()
	f.fetches = append(f.fetches, fetchLog{feed: feed, replica: who, at: time.Now()})
	body := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><language>en</language>` +
		strings.Join(f.stories[feed], "") + `</channel></rss>`
	hold := f.hold
	f.mu.Unlock()
	if hold {
		select {
		case f.held <- who:
		default:
		}
		<-r.Context().Done() // the replica dies with this fetch in flight
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, body)
}

// TestReplicasSurviveKills runs three replicas of the real binary on one
// PostgreSQL store, with 30 local feeds polled every 10 seconds and an
// instant Discord channel output on the fake Discord. It kills one
// replica (SIGKILL) while it has deliveries claimed and in flight,
// restarts it, then kills another while it is fetching, and checks that
// every story reached the channel exactly once and that no feed was
// fetched twice within one poll window.
func TestReplicasSurviveKills(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary three times")
	}
	dsn := postgresForTest(t)
	bin := buildBinary(t)
	fake := discordtest.New(discordtest.Options{BotToken: e2eToken, HeartbeatInterval: 500 * time.Millisecond})
	defer fake.Close()
	fake.AddGuild(e2eGuild, "newsroom")
	fake.AddChannel(e2eGuild, e2eChannel, "missile-watch")

	const nFeeds, perFeed, window = 30, 4, 10 * time.Second
	feeds := &replicaFeeds{stories: map[string][]string{}, held: make(chan string, 1)}
	var want []string
	for i := range nFeeds {
		for j := range perFeed {
			guid := fmt.Sprintf("f%02d-s%d", i, j)
			// Titles unlike each other, so that digests fold none as copies.
			feeds.add(fmt.Sprintf("feeds/%d", i), guid, fmt.Sprintf("ICBM %s w%d x%d y%d", guid, i, j, i*10+j))
			want = append(want, guid)
		}
	}
	srv := httptest.NewServer(feeds)
	defer srv.Close()

	dir := t.TempDir()
	var feedList strings.Builder
	for i := range nFeeds {
		fmt.Fprintf(&feedList, "  - url: %s/feeds/%d\n    name: wire-%02d\n", srv.URL, i, i)
	}
	config := func(replica int) string {
		path := filepath.Join(dir, fmt.Sprintf("replica-%d.yaml", replica))
		if err := os.WriteFile(path, []byte(fmt.Sprintf(`
store: %s
poll:
  schedule: "@every %s"
  user_agent: replica-%d
feeds:
%stopics:
  - id: icbm
    name: ICBMs
    any: [ICBM*]
digest:
  max_per_group: 500
outputs:
  - type: discord
    channel: "%s"
    schedule: instant
discord:
  api_base: %s
  guild_id: "%s"
`, dsn, window, replica, feedList.String(), e2eChannel, fake.URL(), e2eGuild)), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	host, _ := os.Hostname()
	holder := func(cmd *exec.Cmd) string { return fmt.Sprintf("%s:%d", host, cmd.Process.Pid) }
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	claimsOf := func(cmd *exec.Cmd) int {
		c, err := st.Claims(context.Background(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c[holder(cmd)]
	}
	kill := func(cmd *exec.Cmd) {
		t.Helper()
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
	}

	// Replica 1 starts alone: it leases every feed and delivers all 120
	// stories, which Discord's rate limit spreads over several messages.
	// It is killed with deliveries claimed and some messages posted.
	r1, logs1 := startProgram(t, bin, config(1))
	deadline := time.Now().Add(60 * time.Second)
	// The leader connects its gateway as it wins the lock, which a busy
	// machine may delay past the first deliveries: wait for both.
	for len(fake.Transcript(e2eChannel)) < 2 || claimsOf(r1) == 0 || fake.SessionCount() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("replica 1 never seen delivering and leading (%d messages, %d claims, %d gateway sessions); logs:\n%s", len(fake.Transcript(e2eChannel)), claimsOf(r1), fake.SessionCount(), logs1)
		}
		time.Sleep(20 * time.Millisecond)
	}
	inFlight := claimsOf(r1)
	kill(r1)
	killed := time.Now()
	// Replica 1 led: its gateway session was the only one. Another
	// replica takes the leadership, and the gateway, once it is gone.
	if n := fake.SessionCount(); n != 1 {
		t.Errorf("%d gateway sessions while replica 1 led, want 1", n)
	}
	r2, logs2 := startProgram(t, bin, config(2))
	r3, logs3 := startProgram(t, bin, config(3))
	waitFor(t, "a new leader's gateway session", 60*time.Second, func() bool { return fake.SessionCount() == 2 && fake.Connected() })
	t.Logf("replica 1 killed with %d deliveries claimed, %d messages posted", inFlight, len(fake.Transcript(e2eChannel)))
	if inFlight == 0 {
		t.Fatalf("replica 1 had no delivery in flight when killed; logs:\n%s", logs1)
	}

	// It comes back; new stories arrive; the first replica to fetch them
	// is killed while it fetches.
	r1, logs1 = startProgram(t, bin, config(1))
	for i := range nFeeds {
		guid := fmt.Sprintf("f%02d-new", i)
		feeds.add(fmt.Sprintf("feeds/%d", i), guid, fmt.Sprintf("ICBM %s later v%d", guid, i))
		want = append(want, guid)
	}
	feeds.mu.Lock()
	feeds.hold = true
	feeds.mu.Unlock()
	running := map[string]*exec.Cmd{"replica-1": r1, "replica-2": r2, "replica-3": r3}
	logs := map[string]*syncBuffer{"replica-1": logs1, "replica-2": logs2, "replica-3": logs3}
	select {
	case who := <-feeds.held:
		kill(running[who])
		delete(running, who)
		feeds.mu.Lock()
		feeds.hold = false
		feeds.mu.Unlock()
		t.Logf("%s killed while fetching", who)
	case <-time.After(3 * window):
		t.Fatalf("no replica fetched in three windows; logs:\n%s", logs2)
	}

	shown := func() map[string]int {
		counts := map[string]int{}
		for _, m := range fake.Transcript(e2eChannel) {
			for _, e := range m.Embeds {
				for _, part := range strings.Split(e.Description, "(https://wire.test/")[1:] {
					id, _, _ := strings.Cut(part, ")")
					counts[id]++
				}
			}
		}
		return counts
	}
	deadline = time.Now().Add(3 * time.Minute)
	for len(shown()) < len(want) {
		if time.Now().After(deadline) {
			pending, _ := st.PendingCounts(context.Background())
			claims, _ := st.Claims(context.Background(), time.Now())
			var missing []string
			for _, id := range want {
				if shown()[id] == 0 {
					missing = append(missing, id)
				}
			}
			for who, l := range logs {
				t.Logf("%s logs:\n%s", who, l)
			}
			t.Fatalf("after 3 minutes %d of %d stories shown; missing %q; pending %v, claims %v", len(shown()), len(want), missing, pending, claims)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("every story shown %s after the first kill", time.Since(killed).Round(time.Second))
	// Long enough for any late duplicate: a claim's expiry and a delivery pass.
	time.Sleep(5 * time.Second)
	for who, cmd := range running {
		stopProgram(t, cmd, logs[who])
	}

	counts := shown()
	for _, id := range want {
		if n := counts[id]; n != 1 {
			t.Errorf("story %s shown %d times, want once", id, n)
		}
	}
	if len(counts) != len(want) {
		t.Errorf("the channel shows %d stories, want %d", len(counts), len(want))
	}

	// No feed was fetched twice within one window (less the slack a
	// lease leaves for clocks that differ: a tenth of the window).
	feeds.mu.Lock()
	byFeed := map[string][]fetchLog{}
	for _, f := range feeds.fetches {
		byFeed[f.feed] = append(byFeed[f.feed], f)
	}
	feeds.mu.Unlock()
	minGap := window * 8 / 10
	polls, replicas := 0, map[string]int{}
	for feed, fs := range byFeed {
		slices.SortFunc(fs, func(a, b fetchLog) int { return a.at.Compare(b.at) })
		for i, f := range fs {
			polls++
			replicas[f.replica]++
			if i > 0 && f.at.Sub(fs[i-1].at) < minGap {
				t.Errorf("%s fetched by %s %s after %s fetched it, within one %s window",
					feed, f.replica, f.at.Sub(fs[i-1].at).Round(time.Millisecond), fs[i-1].replica, window)
			}
		}
	}
	t.Logf("%d fetches of %d feeds, by replica: %v; %d messages for %d stories",
		polls, len(byFeed), replicas, len(fake.Transcript(e2eChannel)), len(want))
	if t.Failed() {
		for who := range running {
			t.Logf("%s logs:\n%s", who, logs[who])
		}
	}
}

func TestStoreCopyToPostgres(t *testing.T) {
	dsn := postgresForTest(t)
	dir := t.TempDir()
	feed := filepath.Join(dir, "wire.xml")
	if err := os.WriteFile(feed, []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>ICBM launch reported</title><link>https://wire.test/a</link><guid>a</guid><description>An ICBM flew.</description></item>
<item><title>Weather calm</title><link>https://wire.test/b</link><guid>b</guid><description>Nothing.</description></item>
</channel></rss>`), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`store: %s
feeds:
  - url: %s
    name: wire
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*]
outputs:
  - type: jsonl
    path: %s
    schedule: daily 08:00
`, filepath.Join(dir, "ww.db"), feed, filepath.Join(dir, "out.jsonl"))), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	env := func(string) string { return "" }
	var out, errOut strings.Builder
	if code := run(ctx, []string{"once", "-config", cfg}, strings.NewReader(""), &out, &errOut, env); code != 0 {
		t.Fatalf("once = %d: %s", code, errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run(ctx, []string{"store", "copy", "-config", cfg, "-to", dsn}, strings.NewReader(""), &out, &errOut, env); code != 0 {
		t.Fatalf("store copy = %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "items 2") {
		t.Errorf("store copy printed %q, want the 2 stories counted", out.String())
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if n, err := st.CountItemsSince(ctx, time.Time{}); err != nil || n != 2 {
		t.Errorf("stories in PostgreSQL after the copy = %d, %v; want 2", n, err)
	}
}
