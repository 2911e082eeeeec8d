package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/store"
)

// TestWebhookOutputDisabledWhenGone delivers to a webhook of the fake
// Discord, deletes the webhook, and checks that the next delivery disables
// the output, keeps the stories as failed and never reveals the token.
func TestWebhookOutputDisabledWhenGone(t *testing.T) {
	fake := discordtest.New(discordtest.Options{})
	defer fake.Close()
	fake.AddGuild("1", "g")
	fake.AddChannel("1", "2", "news")
	id, token := fake.AddWebhook("2")

	var extra atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items := `<item><title>ICBM launch</title><guid>a</guid><description>An ICBM flew.</description></item>`
		if extra.Load() {
			items += `<item><title>Second ICBM launch</title><guid>b</guid><description>Another ICBM flew.</description></item>`
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>%s</channel></rss>`, items)
	}))
	defer srv.Close()
	dir := t.TempDir()
	yaml := fmt.Sprintf(`
feeds:
  - url: %s/wire.xml
    name: wire
topics:
  - id: icbm
    any: [ICBM*]
outputs:
  - type: discord
    name: hook
    webhook: ${HOOK}
discord:
  api_base: %s
`, srv.URL, fake.URL())
	env := func(k string) (string, bool) { return fake.WebhookURL(id), k == "HOOK" }
	cfg, err := config.Parse(filepath.Join(dir, "config.yaml"), []byte(yaml), env)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs strings.Builder
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, _, err := a.Once(ctx, false); err != nil {
		t.Fatalf("Once: %v", err)
	}
	if got := len(fake.Transcript("2")); got != 1 {
		t.Fatalf("channel shows %d messages, want 1 digest", got)
	}
	for _, m := range fake.Transcript("2") {
		if m.CouldPing() {
			t.Errorf("webhook message could ping: %+v", m.AllowedMentions)
		}
	}

	fake.DeleteWebhook(id)
	// A new story arrives; its delivery meets the deleted webhook.
	extra.Store(true)
	if _, _, err := a.Once(ctx, true); err != nil {
		t.Fatalf("Once: %v", err)
	}
	disabled, err := st.DisabledOutputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := disabled["hook"]; !ok {
		t.Fatalf("disabled outputs = %v, want hook disabled", disabled)
	}
	failed, err := st.Failed(ctx, "hook")
	if err != nil || len(failed) == 0 {
		t.Errorf("failed rows = %d (%v), want the undelivered story kept", len(failed), err)
	}
	for _, s := range []string{logs.String(), disabled["hook"]} {
		if strings.Contains(s, token) {
			t.Errorf("the webhook token leaked: %s", s)
		}
	}
}
