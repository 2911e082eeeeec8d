package app

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"image/png"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// outletFeeds serves one RSS feed per outlet at /{outlet}.xml, each story
// dated when it was added.
type outletFeeds struct {
	mu    sync.Mutex
	items map[string][]string
	n     int
}

func (f *outletFeeds) add(outlet, lang, title string, at time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items == nil {
		f.items = map[string][]string{}
	}
	f.n++
	f.items[outlet] = append(f.items[outlet], fmt.Sprintf(
		"<item><title>%s</title><guid>%s-%d</guid><link>https://%s.example/%d</link><pubDate>%s</pubDate><description>%s</description></item>",
		html.EscapeString(title), outlet, f.n, outlet, f.n, at.Format(time.RFC1123Z), html.EscapeString(title)))
	_ = lang
}

func (f *outletFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	outlet := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	lang := strings.SplitN(outlet, "-", 2)[0]
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><language>%s</language>%s</channel></rss>`,
		outlet, lang, strings.Join(f.items[outlet], ""))
}

// spikeRig is the pipeline on a clock of its own, with six outlets and a
// webhook on the fake Discord that takes the icbm topic's alerts.
type spikeRig struct {
	t     *testing.T
	feeds *outletFeeds
	fake  *discordtest.Server
	app   *App
	now   time.Time
}

const (
	spikeGuild   = "720000000000000001"
	spikeChannel = "720000000000000002"
)

var spikeOutlets = []string{"en-wire", "en-press", "ko-wire", "ja-wire", "zh-wire", "ru-wire"}

func newSpikeRig(t *testing.T, topicExtra string) *spikeRig {
	t.Helper()
	r := &spikeRig{t: t, feeds: &outletFeeds{}, now: time.Date(2026, 11, 1, 0, 10, 0, 0, time.UTC)}
	srv := httptest.NewServer(r.feeds)
	t.Cleanup(srv.Close)
	r.fake = discordtest.New(discordtest.Options{Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.fake.Close)
	r.fake.AddGuild(spikeGuild, "newsroom")
	r.fake.AddChannel(spikeGuild, spikeChannel, "missile-watch")
	id, _ := r.fake.AddWebhook(spikeChannel)
	var list strings.Builder
	for _, o := range spikeOutlets {
		fmt.Fprintf(&list, "  - url: %s/%s.xml\n    name: %s\n    language: %s\n", srv.URL, o, o, o[:2])
	}
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(fmt.Sprintf(`
languages: [en, ko, ja, zh, ru]
feeds:
%s
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM, 대륙간탄도미사일, 大陸間弾道ミサイル, 洲际弹道导弹, МБР]
    mention: "720000000000000009"
%s
outputs:
  - type: discord
    name: hook
    webhook: ${HOOK}
    schedule: weekly
discord:
  api_base: %s
`, list.String(), topicExtra, r.fake.URL())), func(k string) (string, bool) { return r.fake.WebhookURL(id), k == "HOOK" })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	r.app, err = New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Tagger: tagger,
		Outputs: outputs.Builder{APIBase: r.fake.URL()}, Logger: slog.New(slog.DiscardHandler), Now: func() time.Time { return r.now }})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// once polls and delivers at the rig's time.
func (r *spikeRig) once() {
	r.t.Helper()
	if _, rep, err := r.app.Once(context.Background(), false); err != nil || rep.Incomplete() {
		r.t.Fatalf("Once at %v = %+v, %v", r.now, rep, err)
	}
}

// quietDays runs the pipeline hourly for days: an ICBM story every third
// hour from one outlet.
func (r *spikeRig) quietDays(days int) {
	for h := 0; h < days*24; h++ {
		if h%3 == 0 {
			r.feeds.add(spikeOutlets[h%len(spikeOutlets)], "", "Analysts review ICBM programme", r.now)
		}
		r.once()
		r.now = r.now.Add(time.Hour)
	}
}

// burst adds a story from each outlet twice, in its language, and polls.
func (r *spikeRig) burst(title string) {
	titles := map[string]string{"en": title, "ko": "북한 대륙간탄도미사일 발사", "ja": "北朝鮮が大陸間弾道ミサイル発射", "zh": "朝鲜发射洲际弹道导弹", "ru": "КНДР запустила МБР"}
	for i := 0; i < 2; i++ {
		for _, o := range spikeOutlets {
			r.feeds.add(o, "", titles[o[:2]], r.now)
		}
	}
	r.once()
}

// spikeAlerts returns the spike alerts the channel shows.
func (r *spikeRig) spikeAlerts() []discordtest.Message {
	var out []discordtest.Message
	for _, m := range r.fake.Transcript(spikeChannel) {
		if strings.Contains(m.Content, "**Spike**") {
			out = append(out, m)
		}
	}
	return out
}

// TestSpikeAlert: a topic that usually has a story every few hours gets
// twelve from six outlets in five languages in one hour; the webhook
// posts one alert, mentioning the topic's role only, with the chart of
// the last 7 days uploaded as a PNG; the rest of the spike brings no
// second alert. A burst before the baseline has a week of history brings
// none.
func TestSpikeAlert(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline hourly over nine days")
	}
	r := newSpikeRig(t, "")
	r.quietDays(2)
	r.burst("North Korea fires ICBM, early")
	if got := r.spikeAlerts(); len(got) != 0 {
		t.Fatalf("spike alert after two days of history: %q", got[0].Embeds[0].Description)
	}
	r.now = r.now.Add(time.Hour)
	r.quietDays(7)
	r.now = r.now.Add(20 * time.Minute)
	r.burst("North Korea fires ICBM toward Japan")
	alerts := r.spikeAlerts()
	if len(alerts) != 1 {
		t.Fatalf("%d spike alerts after the burst, want 1; transcript: %+v", len(alerts), r.fake.Transcript(spikeChannel))
	}
	m := alerts[0]
	if !strings.HasPrefix(m.Content, "<@&720000000000000009> **Spike** · ICBMs") || m.CouldPing() && !onlyRole(m, "720000000000000009") {
		t.Errorf("content %q, allowed mentions %+v: want the topic's role and nobody else", m.Content, m.AllowedMentions)
	}
	e := m.Embeds[0]
	for _, want := range []string{"12 stories from 6 outlets in the last hour", "usually about fewer than one story", "Languages: en, ja, ko, ru, zh"} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description %q lacks %q", e.Description, want)
		}
	}
	if e.Image == nil || e.Image.URL != "attachment://trend.png" {
		t.Fatalf("embed image = %+v, want attachment://trend.png", e.Image)
	}
	a, ok := m.AttachmentNamed(e.Image.URL)
	if !ok || a.ContentType != "image/png" {
		t.Fatalf("attachment = %+v, %v; want trend.png", a, ok)
	}
	if img, err := png.Decode(bytes.NewReader(a.Data)); err != nil || img.Bounds().Dx() < 500 {
		t.Errorf("chart does not decode as a PNG of about 600 pixels: %v", err)
	}

	// The spike goes on: no second alert.
	r.now = r.now.Add(15 * time.Minute)
	r.burst("ICBM launch: more reactions")
	if got := len(r.spikeAlerts()); got != 1 {
		t.Errorf("%d spike alerts while the spike goes on, want still 1", got)
	}
}

// onlyRole reports whether a message can ping the role and nobody else.
func onlyRole(m discordtest.Message, role string) bool {
	am := m.AllowedMentions
	return am != nil && len(am.Parse) == 0 && len(am.Users) == 0 && len(am.Roles) == 1 && am.Roles[0] == role
}
