package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/fakediscord"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/store"
)

// TestCrashBetweenSendAndMarkPostsOnce: the first run posts to Discord and
// dies before marking; the restarted run delivers again, and the message's
// nonce keeps Discord from showing it twice. Nothing is lost, nothing is
// duplicated.
func TestCrashBetweenSendAndMarkPostsOnce(t *testing.T) {
	const token, channel = "crash-test-token", "555000000000000001"
	fake := fakediscord.New(fakediscord.Options{BotToken: token})
	defer fake.Close()
	fake.AddGuild("1", "g")
	fake.AddChannel("1", channel, "news")

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>ICBM launch</title><guid>a</guid><description>An ICBM flew.</description></item>
<item><title>Second ICBM launch</title><guid>b</guid><description>Another ICBM flew.</description></item>
</channel></rss>`)
	}))
	defer srv.Close()
	dir := t.TempDir()
	yaml := fmt.Sprintf("feeds:\n  - url: %s/rss\n    name: wire\ntopics:\n  - id: icbm\n    any: [ICBM*]\n", srv.URL)
	cfg, err := config.Parse(filepath.Join(dir, "config.yaml"), []byte(yaml), func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "ww.db")
	// run is one process: a store, the pipeline, a bot; crash makes it die
	// after Discord accepted the digest and before the store marked it.
	run := func(crash bool) {
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var bot *discord.Bot
		send := senderFunc(func(ctx context.Context, d *wirewatch.Digest) error {
			err := bot.Send(ctx, channel, d)
			if crash {
				st.Close()
			}
			return err
		})
		a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
			Senders: map[string]Sender{"discord": send}, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatal(err)
		}
		if bot, err = discord.NewBot(discord.Options{Token: token, APIBase: fake.URL()}, a); err != nil {
			t.Fatal(err)
		}
		a.Once(context.Background(), false)
	}
	run(true)
	if got := len(fake.Transcript(channel)); got != 1 {
		t.Fatalf("after the first run the channel shows %d messages, want 1", got)
	}
	run(false)
	if got := len(fake.Transcript(channel)); got != 1 {
		t.Errorf("after the restart the channel shows %d messages, want still 1 (the nonce dedups the retry)", got)
	}
	// The retry was accepted, so nothing is pending any more.
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pending, err := st.PendingCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if pending["discord"] != 0 {
		t.Errorf("pending after the restart = %d, want 0", pending["discord"])
	}
}

// senderFunc adapts a function to Sender.
type senderFunc func(ctx context.Context, d *wirewatch.Digest) error

func (f senderFunc) Send(ctx context.Context, d *wirewatch.Digest) error { return f(ctx, d) }
