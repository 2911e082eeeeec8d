package app

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/metrics"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
)

// These tests deliver through the whole real path: a feed served on
// 127.0.0.1, the pipeline, digest.Build, the Discord renderer and sender,
// and the fake Discord, whose transcript shows what a channel would.

// storyFeed serves an RSS feed of stories with links, which a test adds to.
type storyFeed struct {
	mu    sync.Mutex
	items []string
}

func (f *storyFeed) add(guid, title, desc string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append(f.items, fmt.Sprintf("<item><title>%s</title><guid>%s</guid><link>https://wire.example/%s</link><description>%s</description></item>",
		html.EscapeString(title), guid, guid, html.EscapeString(desc)))
}

func (f *storyFeed) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>wire</title><language>en</language>%s</channel></rss>`, strings.Join(f.items, ""))
}

// webhookRig is a fake Discord channel with a webhook, a feed, and a
// configuration that delivers the feed's ICBM stories there.
type webhookRig struct {
	t     *testing.T
	fake  *discordtest.Server
	feed  *storyFeed
	id    string
	token string
	db    string
	yaml  string
	// clock, when set, is the pipeline's clock.
	clock func() time.Time
}

const rigChannel = "700000000000000002"

func newWebhookRig(t *testing.T, outputExtra, topicExtra string) *webhookRig {
	t.Helper()
	r := &webhookRig{t: t, feed: &storyFeed{}, db: filepath.Join(t.TempDir(), "ww.db")}
	r.fake = discordtest.New(discordtest.Options{Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.fake.Close)
	r.fake.AddGuild("700000000000000001", "g")
	r.fake.AddChannel("700000000000000001", rigChannel, "news")
	r.id, r.token = r.fake.AddWebhook(rigChannel)
	srv := httptest.NewServer(r.feed)
	t.Cleanup(srv.Close)
	r.yaml = fmt.Sprintf(`
feeds:
  - url: %s/wire.xml
    name: wire
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*]
%s
outputs:
  - type: discord
    name: hook
    webhook: ${HOOK}
%s
discord:
  api_base: %s
`, srv.URL, topicExtra, outputExtra, r.fake.URL())
	return r
}

// open starts one process: the configuration, a store, the pipeline. With
// wrap, the hook output's sender is wrapped (to crash it).
func (r *webhookRig) open(logs *strings.Builder, wrap func(notify.Sender, *store.Store) notify.Sender) (*App, *store.Store) {
	r.t.Helper()
	env := func(k string) (string, bool) { return r.fake.WebhookURL(r.id), k == "HOOK" }
	cfg, err := config.Parse(filepath.Join(r.t.TempDir(), "config.yaml"), []byte(r.yaml), env)
	if err != nil {
		r.t.Fatal(err)
	}
	st, err := store.Open(context.Background(), r.db)
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { st.Close() })
	var h slog.Handler = slog.DiscardHandler
	if logs != nil {
		h = slog.NewTextHandler(logs, nil)
	}
	build := outputs.Builder{APIBase: r.fake.URL()}
	var b Builder = build
	if wrap != nil {
		real, err := build.Output(cfg.Outputs[0])
		if err != nil {
			r.t.Fatal(err)
		}
		b = testBuilder{Builder: build, senders: map[string]notify.Sender{"hook": wrap(real, st)}}
	}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: b, Logger: slog.New(h), Now: r.clock})
	if err != nil {
		r.t.Fatal(err)
	}
	return a, st
}

// shown counts how often each story link appears in the channel.
func (r *webhookRig) shown() map[string]int {
	n := map[string]int{}
	for _, m := range r.fake.Transcript(rigChannel) {
		for _, e := range m.Embeds {
			for _, part := range strings.Split(e.Description, "(https://wire.example/")[1:] {
				id, _, _ := strings.Cut(part, ")")
				n[id]++
			}
			if e.URL != "" {
				n[strings.TrimPrefix(e.URL, "https://wire.example/")]++
			}
		}
	}
	return n
}

// text returns everything the channel shows.
func (r *webhookRig) text() string {
	var b strings.Builder
	for _, m := range r.fake.Transcript(rigChannel) {
		b.WriteString(m.Content + "\n")
		for _, e := range m.Embeds {
			b.WriteString(e.Title + "\n" + e.Description + "\n")
		}
	}
	return b.String()
}

// TestWebhookCrashRepeatsAtMostOneMessage: a 200-story webhook digest
// is cut by a crash right after Discord accepted its third message. Every
// accepted message was marked as it landed, so the restarted run repeats
// at most that one message, and loses nothing.
func TestWebhookCrashRepeatsAtMostOneMessage(t *testing.T) {
	r := newWebhookRig(t, "", "")
	for i := range 200 {
		r.feed.add(fmt.Sprintf("s%03d", i), fmt.Sprintf("ICBM report %03d", i), strings.Repeat("Officials described the launch in detail. ", 6))
	}
	r.yaml = strings.Replace(r.yaml, "discord:\n", "digest:\n  max_per_group: 500\ndiscord:\n", 1)
	a, st := r.open(nil, func(s notify.Sender, st *store.Store) notify.Sender { return crashAfter{s, st, 3} })
	a.Once(context.Background(), true)
	st.Close()
	first := len(r.fake.Transcript(rigChannel))
	if first != 3 {
		t.Fatalf("before the crash the channel shows %d messages, want 3", first)
	}
	perMessage := len(r.shown()) / 3

	a, st = r.open(nil, nil)
	if _, rep, err := a.Once(context.Background(), true); err != nil || rep.Incomplete() {
		t.Fatalf("Once after the crash = %+v, %v", rep, err)
	}
	shown := r.shown()
	repeated := 0
	for i := range 200 {
		switch n := shown[fmt.Sprintf("s%03d", i)]; {
		case n == 0:
			t.Errorf("story s%03d was lost", i)
		case n > 1:
			repeated++
		}
	}
	if repeated > perMessage {
		t.Errorf("%d stories shown twice, want at most one message's %d", repeated, perMessage)
	}
	if pending, _ := st.PendingCounts(context.Background()); pending["hook"] != 0 {
		t.Errorf("pending after the restart = %d, want 0", pending["hook"])
	}
	t.Logf("200 stories: %d messages before the crash, %d after; %d stories repeated (one message holds %d)",
		first, len(r.fake.Transcript(rigChannel))-first, repeated, perMessage)
}

// TestRejectedMessageCostsOnlyItsStories: Discord refuses (400, 50035)
// every message that shows one story. That message's other stories are
// sent again one at a time and land; the refused story is kept as failed
// with Discord's reason; every other message goes out.
func TestRejectedMessageCostsOnlyItsStories(t *testing.T) {
	r := newWebhookRig(t, "", "")
	for i := range 40 {
		title := fmt.Sprintf("ICBM report %02d", i)
		if i == 17 {
			title = "ICBM report POISON"
		}
		r.feed.add(fmt.Sprintf("s%02d", i), title, strings.Repeat("Officials described the launch in detail. ", 8))
	}
	r.yaml = strings.Replace(r.yaml, "discord:\n", "digest:\n  max_per_group: 100\ndiscord:\n", 1)
	r.fake.Inject(discordtest.Fault{Method: "POST", BodyContains: "POISON", Status: 400})
	var logs strings.Builder
	a, st := r.open(&logs, nil)
	_, rep, err := a.Once(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	shown := r.shown()
	for i := range 40 {
		id := fmt.Sprintf("s%02d", i)
		if want := map[bool]int{true: 0, false: 1}[i == 17]; shown[id] != want {
			t.Errorf("story %s shown %d times, want %d", id, shown[id], want)
		}
	}
	if rep.Rejected["hook"] != 1 || len(rep.Stopped) != 0 || len(rep.Disabled) != 0 || !rep.Incomplete() {
		t.Errorf("report = %+v, want one story rejected, nothing stopped or disabled", rep)
	}
	failed, err := st.Failed(context.Background(), "hook")
	if err != nil || len(failed) != 1 || failed[0].Item.ID != "s17" || !strings.Contains(failed[0].LastError, "50035") {
		t.Fatalf("failed rows = %+v (%v), want s17 with Discord's 50035", failed, err)
	}
	if pending, _ := st.PendingCounts(context.Background()); pending["hook"] != 0 {
		t.Errorf("pending = %d, want 0: every other story delivered", pending["hook"])
	}
}

// TestWebhookOutputDisabledWhenGone: after the webhook is deleted, the
// next delivery disables the output and keeps its stories waiting; every
// later pass reports it, and the token never shows.
func TestWebhookOutputDisabledWhenGone(t *testing.T) {
	r := newWebhookRig(t, "", "")
	r.feed.add("a", "ICBM launch", "An ICBM flew.")
	var logs strings.Builder
	a, st := r.open(&logs, nil)
	ctx := context.Background()
	if _, rep, err := a.Once(ctx, false); err != nil || rep.Incomplete() {
		t.Fatalf("Once = %+v, %v", rep, err)
	}
	if got := len(r.fake.Transcript(rigChannel)); got != 1 {
		t.Fatalf("channel shows %d messages, want 1 digest", got)
	}
	r.fake.DeleteWebhook(r.id)
	r.feed.add("b", "Second ICBM launch", "Another ICBM flew.")
	_, rep, err := a.Once(ctx, true)
	if err != nil {
		t.Fatalf("Once: %v", err)
	}
	if _, ok := rep.Disabled["hook"]; !ok || !rep.Incomplete() {
		t.Fatalf("report = %+v, want hook disabled", rep)
	}
	pending, err := st.Pending(ctx, "hook", wirewatch.KindDigest, 0)
	if err != nil || len(pending) != 1 || pending[0].Item.ID != "b" {
		t.Errorf("pending = %+v (%v), want story b kept for when the webhook is fixed", pending, err)
	}
	// The next pass says so again, instead of going quiet.
	if _, rep, _ := a.Once(ctx, false); rep.Disabled["hook"] == "" {
		t.Errorf("the next pass reports %+v, want hook still disabled", rep)
	}
	if !strings.Contains(logs.String(), "output disabled") {
		t.Errorf("logs do not warn about the disabled output")
	}
	disabled, _ := st.DisabledOutputs(ctx)
	for _, s := range []string{logs.String(), disabled["hook"], fmt.Sprint(rep)} {
		if strings.Contains(s, r.token) {
			t.Errorf("the webhook token leaked: %s", s)
		}
	}
}

// TestInstantAlertPingsRole: an instant output still delivers an alert
// topic's stories as alerts, which mention the topic's role.
func TestInstantAlertPingsRole(t *testing.T) {
	const role = "700000000000000099"
	r := newWebhookRig(t, "    schedule: instant", fmt.Sprintf("    alert: true\n    mention: %q", role))
	r.feed.add("a", "ICBM launch", "An ICBM flew.")
	a, _ := r.open(nil, nil)
	if _, rep, err := a.Once(context.Background(), false); err != nil || rep.Incomplete() {
		t.Fatalf("Once = %+v, %v", rep, err)
	}
	msgs := r.fake.Transcript(rigChannel)
	if len(msgs) != 1 {
		t.Fatalf("channel shows %d messages, want the one alert", len(msgs))
	}
	m := msgs[0]
	if !strings.HasPrefix(m.Content, "<@&"+role+">") || m.AllowedMentions == nil || fmt.Sprint(m.AllowedMentions.Roles) != "["+role+"]" {
		t.Errorf("alert content %q, allowed mentions %+v; want the role mentioned and allowed", m.Content, m.AllowedMentions)
	}
}

// TestDiscordShowsWhyAndKeepsJoiners: every story in a digest and in an
// alert shows its matched terms; a Persian word's zero-width non-joiner
// and an emoji's zero-width joiner sequence arrive intact.
func TestDiscordShowsWhyAndKeepsJoiners(t *testing.T) {
	r := newWebhookRig(t, "", "    alert: true\n    any: [ICBM*, موشک]")
	r.yaml = strings.Replace(r.yaml, "    any: [ICBM*]\n", "", 1)
	persian := "آزمایش موشک انجام می\u200cشود"
	emoji := "ICBM test \U0001F469\u200D\U0001F52C lab"
	r.feed.add("fa", persian, "گزارش")
	r.feed.add("em", emoji, "A scientist reports.")
	a, _ := r.open(nil, nil)
	if _, rep, err := a.Once(context.Background(), true); err != nil || rep.Incomplete() {
		t.Fatalf("Once = %+v, %v", rep, err)
	}
	msgs := r.fake.Transcript(rigChannel)
	if len(msgs) < 2 {
		t.Fatalf("channel shows %d messages, want an alert and a digest", len(msgs))
	}
	for _, m := range msgs {
		for _, e := range m.Embeds {
			text := e.Title + e.Description
			if !strings.Contains(text, "matched: ") {
				t.Errorf("message %q shows a story without its matched terms: %q", m.Content, text)
			}
		}
	}
	text := r.text()
	for _, want := range []string{persian, "\U0001F469\u200D\U0001F52C"} {
		if !strings.Contains(text, want) {
			t.Errorf("the channel does not show %q intact", want)
		}
	}
}

// TestCappedDigestCountsTheRest: a digest capped at 10 shows 10 stories
// and "and 5 more"; the 5 are marked counted, not delivered, and can be
// listed.
func TestCappedDigestCountsTheRest(t *testing.T) {
	r := newWebhookRig(t, "", "")
	for i := range 15 {
		r.feed.add(fmt.Sprintf("s%02d", i), fmt.Sprintf("ICBM report %02d", i), "Details.")
	}
	a, st := r.open(nil, nil)
	_, rep, err := a.Once(context.Background(), true)
	if err != nil || rep.Delivered["hook"] != 10 || rep.Counted["hook"] != 5 {
		t.Fatalf("Once = %+v, %v; want 10 delivered, 5 counted", rep, err)
	}
	if !strings.Contains(r.text(), "and 5 more") {
		t.Errorf("the channel does not say and 5 more")
	}
	counted, err := st.Counted(context.Background(), "hook", a.now().Add(-1e12), 0)
	if err != nil || len(counted) != 5 {
		t.Fatalf("Counted = %d rows (%v), want 5", len(counted), err)
	}
	shown := r.shown()
	for _, c := range counted {
		if shown[c.Item.ID] != 0 {
			t.Errorf("counted story %s was also shown", c.Item.ID)
		}
	}
}

// TestDeadFeedIsAnnouncedOnce: a feed failing for poll.dead_after is
// announced once in the channel, without its address; when it works
// again, that is announced once too.
func TestDeadFeedIsAnnouncedOnce(t *testing.T) {
	r := newWebhookRig(t, "", "")
	var down atomic.Bool
	down.Store(true)
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>f</title></channel></rss>`)
	}))
	defer flaky.Close()
	r.yaml = strings.Replace(r.yaml, "topics:\n", fmt.Sprintf("  - url: %s/secret-path.xml\n    name: flaky-wire\ntopics:\n", flaky.URL), 1)
	var mu sync.Mutex
	now := time.Now()
	r.clock = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	a, _ := r.open(nil, nil)
	ctx := context.Background()
	notices := func() []string {
		var out []string
		for _, m := range r.fake.Transcript(rigChannel) {
			if strings.Contains(m.Content, "flaky") {
				out = append(out, m.Content)
			}
		}
		return out
	}
	a.Once(ctx, true)
	if n := notices(); len(n) != 0 {
		t.Fatalf("a feed failing for a moment was announced: %q", n)
	}
	for range 3 {
		advance(13 * time.Hour)
		a.Poll(ctx, nil, true)
		a.Deliver(ctx, false)
	}
	n := notices()
	if len(n) != 1 || !strings.Contains(n[0], "failing for") || strings.Contains(n[0], "secret-path") || strings.Contains(n[0], "127.0.0.1") {
		t.Fatalf("notices after a day and more of failures = %q, want one, without the address", n)
	}
	down.Store(false)
	advance(time.Hour)
	a.Poll(ctx, nil, true)
	a.Deliver(ctx, false)
	a.Deliver(ctx, false)
	if n := notices(); len(n) != 2 || !strings.Contains(n[1], "works again") {
		t.Errorf("notices after the recovery = %q, want the death and one recovery", n)
	}
}

// TestDeliveryMetrics: a delivery through a webhook that meets a 429 and a
// refused message is counted in the metrics: messages delivered, the
// failure, and Discord's rate limit.
func TestDeliveryMetrics(t *testing.T) {
	r := newWebhookRig(t, "", "")
	for i := range 3 {
		title := fmt.Sprintf("ICBM report %d", i)
		if i == 1 {
			title = "ICBM report POISON"
		}
		r.feed.add(fmt.Sprintf("s%d", i), title, "Details.")
	}
	r.fake.Inject(discordtest.Fault{Method: "POST", Status: http.StatusTooManyRequests, RetryAfter: 50 * time.Millisecond, Count: 1})
	r.fake.Inject(discordtest.Fault{Method: "POST", BodyContains: "POISON", Status: 400})
	rec := metrics.New(metrics.Options{})
	env := func(k string) (string, bool) { return r.fake.WebhookURL(r.id), k == "HOOK" }
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(r.yaml), env)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Metrics: rec,
		Outputs: outputs.Builder{APIBase: r.fake.URL(), OnRateLimited: rec.RateLimited}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Once(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	rec.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	body := w.Body.String()
	for _, want := range []string{
		`wirewatch_delivered_stories_total{kind="digest",output="hook"} 2`,
		`wirewatch_delivery_failures_total{output="hook",permanent="true"} 1`,
		`wirewatch_discord_rate_limited_total{scope="route"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if t.Failed() {
		for _, l := range strings.Split(body, "\n") {
			if strings.Contains(l, "deliver") || strings.Contains(l, "rate_limited") {
				t.Log(l)
			}
		}
	}
}
