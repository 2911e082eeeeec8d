package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// growingFeed serves an RSS feed whose stories a test adds to.
type growingFeed struct {
	mu    sync.Mutex
	items []string
}

func (g *growingFeed) add(guid, title string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.items = append(g.items, fmt.Sprintf("<item><title>%s</title><guid>%s</guid><description>Body of story %s.</description></item>", title, guid, guid))
}

func (g *growingFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	defer g.mu.Unlock()
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s</channel></rss>`, strings.Join(g.items, ""))
}

func parseConfig(t testing.TB, yaml string) *config.Config {
	t.Helper()
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(yaml), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestOnceRespectsSchedules(t *testing.T) {
	feed := &growingFeed{}
	feed.add("1", "ICBM launch")
	feed.add("2", "Sanctions extended")
	srv := httptest.NewServer(feed)
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf(`
feeds:
  - url: %s
    name: wire
topics:
  - id: icbm
    any: [ICBM*]
    alert: true
  - id: sanctions
    any: [sanction*]
outputs:
  - type: stdout
    name: rec
    schedule: daily 08:00
`, srv.URL))
	rec := &recorder{}
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), rec)
	defer st.Close()
	ctx := context.Background()

	// Never digested: due at once.
	a.Once(ctx, false)
	if got, want := strings.Join(rec.ids(), ","), "alert:1,digest:1,digest:2"; got != want {
		t.Fatalf("first once delivered %s, want %s", got, want)
	}
	// New stories: the alert goes at once, the digest waits for 08:00.
	feed.add("3", "Another ICBM test")
	feed.add("4", "New sanctions")
	rec2 := &recorder{}
	setSenders(a, map[string]notify.Sender{"rec": rec2})
	a.Once(ctx, false)
	if got, want := strings.Join(rec2.ids(), ","), "alert:3"; got != want {
		t.Errorf("second once delivered %s, want only %s", got, want)
	}
	// -force delivers the digest now.
	a.Once(ctx, true)
	if got, want := strings.Join(rec2.ids(), ","), "alert:3,digest:3,digest:4"; got != want {
		t.Errorf("forced once delivered %s, want %s", got, want)
	}
}

func TestJSONLinesTakesEveryStory(t *testing.T) {
	feed := &growingFeed{}
	for i := range 15 {
		feed.add(fmt.Sprint(i), fmt.Sprintf("Story %d", i))
	}
	srv := httptest.NewServer(feed)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\noutputs:\n  - type: jsonl\n    path: %s\ndigest:\n  max_per_group: 10\n", srv.URL, out))
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: outputs.Builder{}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if _, rep, err := a.Once(context.Background(), false); err != nil || rep.Delivered["jsonl"] != 15 {
		t.Fatalf("Once = %v, %v; want 15 delivered to jsonl", rep, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(b), "\n"); got != 15 {
		t.Errorf("jsonl has %d lines, want every one of the 15 stories", got)
	}
}

// firstOnly is a sender whose destination accepts the first story of a
// digest, in a message of its own, and then stops answering: the rest of
// the digest is tried and fails as a retryable error.
type firstOnly struct{ sent []*wirewatch.Digest }

func (f *firstOnly) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	f.sent = append(f.sent, d)
	all := notify.WholeDigest(d).Shown
	first, rest := notify.Part{Shown: all[:1]}, notify.Part{Shown: all[1:]}
	if err := p.Sending(ctx, first); err != nil {
		return err
	}
	if err := p.Accepted(ctx, first, ""); err != nil {
		return err
	}
	if err := p.Sending(ctx, rest); err != nil {
		return err
	}
	return &notify.PartialError{Delivered: 1, Err: errors.New("second message timed out")}
}

// TestStoppedDeliveryTellsFeedsApart: two feeds carry a story with the
// same id; only the one the destination accepted is marked delivered, and
// the other stays pending with why.
func TestStoppedDeliveryTellsFeedsApart(t *testing.T) {
	a1, a2 := &growingFeed{}, &growingFeed{}
	a1.add("same", "From feed one")
	a2.add("same", "From feed two")
	s1, s2 := httptest.NewServer(a1), httptest.NewServer(a2)
	defer s1.Close()
	defer s2.Close()
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: one\n  - url: %s\n    name: two\noutputs:\n  - type: stdout\n    name: rec\n", s1.URL, s2.URL))
	fo := &firstOnly{}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": fo}}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	_, rep, _ := a.Once(context.Background(), false)
	if rep.Stopped["rec"] == nil || !rep.Incomplete() {
		t.Errorf("report = %+v, want the stopped output", rep)
	}
	pend, err := st.Pending(context.Background(), "rec", wirewatch.KindDigest, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(pend) != 1 {
		t.Fatalf("pending after a stopped delivery = %d, want the 1 story not accepted", len(pend))
	}
	accepted := fo.sent[0].Groups[0].Stories[0].Feed
	if pend[0].Item.Feed == accepted {
		t.Errorf("the story still pending is from %s, the feed whose story was accepted", accepted)
	}
	if pend[0].Attempts != 1 || !strings.Contains(pend[0].LastError, "timed out") {
		t.Errorf("pending row attempts %d, last error %q; want 1 and why", pend[0].Attempts, pend[0].LastError)
	}
}

// botProcess runs the pipeline as one process would, delivering to a
// channel of the fake Discord through a real bot.
type botProcess struct {
	t              *testing.T
	fake           *discordtest.Server
	cfg            *config.Config
	db             string
	token, channel string
	feed           *growingFeed
}

// newBotProcess serves a feed of two ICBM stories and a fake Discord with
// one channel, for a pipeline that delivers there.
func newBotProcess(t *testing.T) *botProcess {
	t.Helper()
	p := &botProcess{t: t, token: "crash-test-token", channel: "555000000000000001", db: filepath.Join(t.TempDir(), "ww.db")}
	p.feed = &growingFeed{}
	p.feed.add("a", "ICBM launch")
	p.feed.add("b", "Second ICBM launch")
	srv := httptest.NewServer(p.feed)
	t.Cleanup(srv.Close)
	feedURL := srv.URL
	p.fake = discordtest.New(discordtest.Options{BotToken: p.token})
	t.Cleanup(p.fake.Close)
	p.fake.AddGuild("1", "g")
	p.fake.AddChannel("1", p.channel, "news")
	p.cfg = parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\noutputs:\n  - type: discord\n    name: discord\n    channel: %q\ndiscord:\n  token: %s\n  api_base: %s\n",
		feedURL, p.channel, p.token, p.fake.URL()))
	return p
}

// run is one process: a store, the pipeline and a bot, running once. With
// crash it dies after Discord accepted a message and before the store
// could mark it.
func (p *botProcess) run(crash bool) {
	p.t.Helper()
	st, err := store.Open(context.Background(), p.db)
	if err != nil {
		p.t.Fatal(err)
	}
	defer st.Close()
	build := &outputs.Builder{APIBase: p.fake.URL()}
	a, err := New(Options{Config: p.cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: build, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		p.t.Fatal(err)
	}
	bot, err := discord.NewBot(discord.Options{Token: p.token, APIBase: p.fake.URL()}, a)
	if err != nil {
		p.t.Fatal(err)
	}
	build.Bot = bot
	if crash {
		setSenders(a, map[string]notify.Sender{"discord": crashAfter{bot.Channel(p.channel), st, 1}})
	}
	a.Once(context.Background(), true)
}

// crashAfter is a sender whose process dies once the destination accepted
// its n-th message: the store closes before the message can be marked.
type crashAfter struct {
	notify.Sender
	st *store.Store
	n  int
}

func (c crashAfter) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	return c.Sender.Send(ctx, d, &crashingProgress{Progress: p, st: c.st, left: c.n})
}

// crashingProgress closes the store when the left-th message is accepted,
// before passing the news on.
type crashingProgress struct {
	notify.Progress
	st   *store.Store
	left int
}

func (c *crashingProgress) Accepted(ctx context.Context, part notify.Part, id string) error {
	if c.left--; c.left == 0 {
		c.st.Close()
	}
	return c.Progress.Accepted(ctx, part, id)
}

// TestCrashBetweenSendAndMarkPostsOnce: the first run posts to Discord and
// dies before marking; the restarted run delivers again, and the message's
// nonce keeps Discord from showing it twice. Nothing is lost, nothing is
// duplicated.
func TestCrashBetweenSendAndMarkPostsOnce(t *testing.T) {
	p := newBotProcess(t)
	p.run(true)
	if got := len(p.fake.Transcript(p.channel)); got != 1 {
		t.Fatalf("after the first run the channel shows %d messages, want 1", got)
	}
	p.run(false)
	if got := len(p.fake.Transcript(p.channel)); got != 1 {
		t.Errorf("after the restart the channel shows %d messages, want still 1 (the nonce dedups the retry)", got)
	}
	st, err := store.Open(context.Background(), p.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if pending, err := st.PendingCounts(context.Background()); err != nil || pending["discord"] != 0 {
		t.Errorf("pending after the restart = %v (%v), want none", pending, err)
	}
}

// TestCrashRetryIsTheSameDigest: after a crash between Discord accepting a
// digest and the store marking it, new stories arrive before the restart.
// The retry is sent as the same digest (same nonces, so Discord shows it
// once) and the new stories follow in a message of their own.
func TestCrashRetryIsTheSameDigest(t *testing.T) {
	p := newBotProcess(t)
	p.run(true)
	p.feed.add("c", "Third ICBM launch")
	p.run(false)
	shown := map[string]int{}
	for _, m := range p.fake.Transcript(p.channel) {
		for _, e := range m.Embeds {
			for _, title := range []string{"Second ICBM launch", "Third ICBM launch", "ICBM launch"} {
				if n := strings.Count(e.Description, title); n > 0 {
					shown[title] += n
					e.Description = strings.ReplaceAll(e.Description, title, "")
				}
			}
		}
	}
	for _, title := range []string{"ICBM launch", "Second ICBM launch", "Third ICBM launch"} {
		if shown[title] != 1 {
			t.Errorf("%q shown %d times in the channel, want once; transcript has %d messages", title, shown[title], len(p.fake.Transcript(p.channel)))
		}
	}
}

func TestSubscribeAnyCase(t *testing.T) {
	srv := httptest.NewServer(&growingFeed{})
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\n", srv.URL))
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), &recorder{})
	defer st.Close()
	ctx := context.Background()
	if _, err := a.Subscribe(ctx, wirewatch.Subscription{Channel: "9", Topic: "ICBM", Schedule: "instant"}); err != nil {
		t.Fatal(err)
	}
	subs, err := st.Subscriptions(ctx, "9")
	if err != nil || len(subs) != 1 || subs[0].Topic != "icbm" {
		t.Fatalf("subscriptions = %+v, %v; want one to topic icbm", subs, err)
	}
	if ok, err := a.Unsubscribe(ctx, "9", "Icbm"); !ok || err != nil {
		t.Errorf("Unsubscribe(Icbm) = %v, %v; want true", ok, err)
	}
}

// TestStatusIsScopedToTheServer: a server's /status shows its own
// subscriptions' trouble, never another server's.
func TestStatusIsScopedToTheServer(t *testing.T) {
	srv := httptest.NewServer(&growingFeed{})
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\n", srv.URL))
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), &recorder{})
	defer st.Close()
	ctx := context.Background()
	for _, sub := range []wirewatch.Subscription{{Guild: "1", Channel: "11", Topic: "icbm"}, {Guild: "2", Channel: "22", Topic: "icbm"}} {
		if _, err := a.Subscribe(ctx, sub); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"discord:11:icbm", "discord:22:icbm", "hook"} {
		if err := st.DisableOutput(ctx, name, "gone"); err != nil {
			t.Fatal(err)
		}
	}
	got, err := a.Status(ctx, "2")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Disabled) != 1 || got.Disabled["discord:22:icbm"] == "" {
		t.Errorf("server 2's status shows disabled outputs %v, want only its own", got.Disabled)
	}
}

// TestSubscriptionLimitPerServer: past discord.max_subscriptions a server
// gets a clear refusal; other servers are not affected.
func TestSubscriptionLimitPerServer(t *testing.T) {
	srv := httptest.NewServer(&growingFeed{})
	defer srv.Close()
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\ndiscord:\n  max_subscriptions: 2\n", srv.URL))
	a, st := newTestApp(t, cfg, filepath.Join(t.TempDir(), "ww.db"), &recorder{})
	defer st.Close()
	ctx := context.Background()
	for _, ch := range []string{"11", "12"} {
		if _, err := a.Subscribe(ctx, wirewatch.Subscription{Guild: "1", Channel: ch, Topic: "icbm"}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := a.Subscribe(ctx, wirewatch.Subscription{Guild: "1", Channel: "13", Topic: "icbm"})
	if err == nil || !strings.Contains(err.Error(), "max_subscriptions") {
		t.Errorf("third subscription = %v, want a refusal naming discord.max_subscriptions", err)
	}
	if _, err := a.Subscribe(ctx, wirewatch.Subscription{Guild: "2", Channel: "21", Topic: "icbm"}); err != nil {
		t.Errorf("another server's subscription: %v", err)
	}
}

// TestManySubscriptionsFanOutWithoutA429Storm: 150 channels subscribed to
// one topic get one matching story each, through the bot, paced under
// Discord's global limit: one request per message and no 429.
func TestManySubscriptionsFanOutWithoutA429Storm(t *testing.T) {
	if testing.Short() {
		t.Skip("takes a few seconds of pacing")
	}
	const channels = 150
	feed := &growingFeed{}
	feed.add("1", "ICBM launch")
	srv := httptest.NewServer(feed)
	defer srv.Close()
	fake := discordtest.New(discordtest.Options{BotToken: "fan-out-token"})
	defer fake.Close()
	fake.AddGuild("1", "g")
	for i := range channels {
		fake.AddChannel("1", fmt.Sprint(800000000000000000+i), "c")
	}
	cfg := parseConfig(t, fmt.Sprintf("feeds:\n  - url: %s\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\ndiscord:\n  token: fan-out-token\n  api_base: %s\n  max_subscriptions: 1000\n", srv.URL, fake.URL()))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	build := &outputs.Builder{APIBase: fake.URL()}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: build, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	bot, err := discord.NewBot(discord.Options{Token: "fan-out-token", APIBase: fake.URL()}, a)
	if err != nil {
		t.Fatal(err)
	}
	build.Bot = bot
	ctx := context.Background()
	for i := range channels {
		if _, err := a.Subscribe(ctx, wirewatch.Subscription{Guild: "1", Channel: fmt.Sprint(800000000000000000 + i), Topic: "icbm", Schedule: "instant"}); err != nil {
			t.Fatal(err)
		}
	}
	_, rep, err := a.Once(ctx, false)
	if err != nil || rep.Incomplete() {
		t.Fatalf("Once = %+v, %v", rep, err)
	}
	posts, limited := 0, 0
	for _, r := range fake.Requests() {
		if strings.HasSuffix(r.Route, "/messages") {
			posts++
		}
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	if posts != channels || limited != 0 {
		t.Errorf("%d message requests and %d 429s for %d channels, want one each and none", posts, limited, channels)
	}
}
