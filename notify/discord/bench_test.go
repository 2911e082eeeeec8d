package discord

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/notify"
)

// BenchmarkSendDigest200 measures how long a 200-story digest takes to
// arrive in full in one channel of the fake, under its rate limits, and the
// messages per second that makes. Run with -benchtime=1x: each iteration
// waits on Discord's per-channel limit.
func BenchmarkSendDigest200(b *testing.B) {
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(b, &logs)
	d := bigDigest(200, wirewatch.KindDigest)
	n := len(Messages(d))
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		d.Output = fmt.Sprintf("bench-%d", i) // new nonces each round
		if err := bot.Channel(fakeChannel).Send(context.Background(), d, notify.Discard{}); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(start)
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "msgs/s")
	b.ReportMetric(took.Seconds()/float64(b.N), "s/digest")
	b.ReportMetric(float64(n), "msgs/digest")
	b.ReportMetric(float64(count429(fake)), "429s")
	if got := len(channelPosts(fake, fakeChannel)); got != n*b.N {
		b.Errorf("channel shows %d messages, want %d", got, n*b.N)
	}
}

// BenchmarkSendParallelChannels measures messages per second across four
// channels at once: each channel has its own rate limit, and one channel's
// wait does not hold up the others.
func BenchmarkSendParallelChannels(b *testing.B) {
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(b, &logs)
	channels := []string{fakeChannel, otherChan, "900000000000000004", "900000000000000005"}
	for _, ch := range channels[2:] {
		fake.AddChannel(fakeGuild, ch, "extra"+ch)
	}
	d := bigDigest(120, wirewatch.KindDigest)
	n := len(Messages(d))
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		var wg sync.WaitGroup
		for _, ch := range channels {
			wg.Go(func() {
				dd := *d
				dd.Output = fmt.Sprintf("bench-%d-%s", i, ch)
				if err := bot.Channel(ch).Send(context.Background(), &dd, notify.Discard{}); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
	took := time.Since(start)
	b.ReportMetric(float64(n*len(channels)*b.N)/took.Seconds(), "msgs/s")
	b.ReportMetric(float64(count429(fake)), "429s")
}

// count429 returns how many requests the fake answered with 429.
func count429(fake *discordtest.Server) int {
	n := 0
	for _, r := range fake.Requests() {
		if r.Status == 429 {
			n++
		}
	}
	return n
}

// BenchmarkWebhookDigest200 is BenchmarkSendDigest200 through a webhook.
func BenchmarkWebhookDigest200(b *testing.B) {
	fake := discordtest.New(discordtest.Options{BotToken: testToken, Logger: slog.New(slog.DiscardHandler)})
	defer fake.Close()
	fake.AddGuild(fakeGuild, "Newsroom")
	fake.AddChannel(fakeGuild, fakeChannel, "wire")
	id, _ := fake.AddWebhook(fakeChannel)
	wh, err := NewWebhook(fake.WebhookURL(id), Options{APIBase: fake.URL()})
	if err != nil {
		b.Fatal(err)
	}
	d := bigDigest(200, wirewatch.KindDigest)
	n := len(Messages(d))
	b.ResetTimer()
	start := time.Now()
	for i := range b.N {
		d.Output = fmt.Sprintf("bench-%d", i)
		if err := wh.Send(context.Background(), d, notify.Discard{}); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(start)
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "msgs/s")
	b.ReportMetric(took.Seconds()/float64(b.N), "s/digest")
}
