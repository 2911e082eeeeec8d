package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// liveFeed is an RSS feed whose items a test can add to while the program
// polls it.
type liveFeed struct {
	mu    sync.Mutex
	items []string
}

func (f *liveFeed) add(guid, title, desc string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append(f.items, fmt.Sprintf("<item><title><![CDATA[%s]]></title><link>https://wire.test/%s</link><guid>%s</guid><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>",
		title, guid, guid, time.Now().UTC().Format(time.RFC1123Z), desc))
}

func (f *liveFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	body := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Live wire</title><language>en</language>` + strings.Join(f.items, "") + `</channel></rss>`
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprint(w, body)
}

// syncBuffer is a bytes.Buffer safe for a process writing while the test
// reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// buildBinary builds the real wirewatch binary for end-to-end tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "wirewatch")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	start := time.Now()
	defer func() { t.Logf("waited %s for %s", time.Since(start).Round(time.Millisecond), what) }()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	e2eToken          = "e2e-secret-bot-token"
	e2eGuild          = "100000000000000001"
	e2eChannel        = "200000000000000002"
	permManageChannel = 1 << 4
)

// startProgram runs the binary's daemon against the fake Discord.
func startProgram(t *testing.T, bin, cfg string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	var logs syncBuffer
	cmd := exec.Command(bin, "run", "-config", cfg, "-log-format", "json", "-log-level", "debug")
	cmd.Env = append(os.Environ(), "DISCORD_TOKEN="+e2eToken)
	cmd.Stdout = &logs
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, &logs
}

// stopProgram sends SIGTERM and expects a clean exit.
func stopProgram(t *testing.T, cmd *exec.Cmd, logs *syncBuffer) {
	t.Helper()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("wirewatch run exited with %v after SIGTERM; logs:\n%s", err, logs)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("wirewatch run did not stop within 20s of SIGTERM")
	}
}

func TestEndToEndDiscord(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildBinary(t)
	fake := discordtest.New(discordtest.Options{BotToken: e2eToken, HeartbeatInterval: 500 * time.Millisecond})
	defer fake.Close()
	fake.AddGuild(e2eGuild, "newsroom")
	fake.AddChannel(e2eGuild, e2eChannel, "missile-watch")

	feed := &liveFeed{}
	feed.add("old-1", "North Korea ICBM parade recalled", "An old ICBM story, seen before anyone subscribed.")
	srv := httptest.NewServer(feed)
	defer srv.Close()

	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
store: %s
poll:
  schedule: "@every 1s"
feeds:
  - url: %s/rss
    name: live-wire
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM*, intercontinental ballistic missile*]
discord:
  api_base: %s
  guild_id: "%s"
`, filepath.Join(dir, "ww.db"), srv.URL, fake.URL(), e2eGuild)), 0o644)

	cmd, logs := startProgram(t, bin, cfg)
	waitFor(t, "the bot to connect and register its commands", 30*time.Second, func() bool {
		return fake.Connected() && len(fake.Commands(e2eGuild)) > 0
	})
	waitFor(t, "the first poll", 20*time.Second, func() bool { return strings.Contains(logs.String(), `"msg":"poll done"`) })

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := fake.Interact(ctx, discordtest.Interaction{GuildID: e2eGuild, ChannelID: e2eChannel, UserID: "300", Permissions: permManageChannel,
		Command: "subscribe", Options: map[string]any{"topic": "icbm", "schedule": "instant"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Wait(ctx); err != nil {
		t.Fatalf("/subscribe got no answer: %v; logs:\n%s", err, logs)
	}

	feed.add("new-1", "North Korea fires ICBM @everyone <@&123> **now**", "Pyongyang launched an intercontinental ballistic missile. <@456> @here")
	feed.add("new-2", "ICBM test condemned by UN", "Diplomats condemned the ICBM test.")
	feed.add("new-3", "Rates held steady", "Nothing about missiles.")

	storyMessages := func() []discordtest.Message {
		var out []discordtest.Message
		for _, m := range fake.Transcript(e2eChannel) {
			if m.InteractionID == "" {
				out = append(out, m)
			}
		}
		return out
	}
	shows := func(ms []discordtest.Message, s string) bool {
		for _, m := range ms {
			for _, e := range m.Embeds {
				blob := e.Title + e.Description
				for _, f := range e.Fields {
					blob += f.Name + f.Value
				}
				if strings.Contains(blob, s) {
					return true
				}
			}
		}
		return false
	}
	waitFor(t, "the new ICBM stories in the channel", 30*time.Second, func() bool {
		ms := storyMessages()
		return shows(ms, "fires ICBM") && shows(ms, "condemned by UN")
	})
	first := storyMessages()
	for _, m := range first {
		if m.CouldPing() {
			t.Errorf("message %s could ping: content %q, allowed_mentions %+v", m.ID, m.Content, m.AllowedMentions)
		}
		if m.Nonce == "" || !m.EnforceNonce {
			t.Errorf("message %s has no enforced nonce", m.ID)
		}
	}
	if shows(first, "Rates held steady") || shows(first, "parade recalled") {
		t.Errorf("the channel shows a story it did not subscribe to, or one from before the subscription")
	}

	// The gateway drops; the bot resumes and still answers, and nothing is
	// delivered twice.
	fake.DropGateway()
	waitFor(t, "the bot to reconnect", 30*time.Second, fake.Connected)
	res, err = fake.Interact(ctx, discordtest.Interaction{GuildID: e2eGuild, ChannelID: e2eChannel, UserID: "301", Command: "digest"})
	if err != nil {
		t.Fatalf("/digest after a dropped gateway: %v", err)
	}
	if err := res.Wait(ctx); err != nil {
		t.Fatalf("/digest after a dropped gateway got no answer: %v; logs:\n%s", err, logs)
	}
	if got := len(storyMessages()); got != len(first) {
		t.Errorf("after a gateway drop and /digest the channel has %d story messages, want %d", got, len(first))
	}

	stopProgram(t, cmd, logs)

	// Restarted, the program polls the same feed again and posts nothing new.
	cmd2, logs2 := startProgram(t, bin, cfg)
	waitFor(t, "two polls after the restart", 30*time.Second, func() bool {
		return strings.Count(logs2.String(), `"msg":"poll done"`) >= 2
	})
	if got := len(storyMessages()); got != len(first) {
		t.Errorf("after a restart the channel has %d story messages, want the same %d (no duplicates)", got, len(first))
	}
	stopProgram(t, cmd2, logs2)

	for _, l := range []string{logs.String(), logs2.String()} {
		if strings.Contains(l, e2eToken) {
			t.Errorf("the bot token appears in the logs")
		}
	}
}

// TestRunWhileDiscordIsDown: with Discord unreachable the daemon still
// polls, keeps retrying the gateway, and stops cleanly.
func TestRunWhileDiscordIsDown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildBinary(t)
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close()
	feed := &liveFeed{}
	feed.add("1", "ICBM story", "An ICBM story.")
	srv := httptest.NewServer(feed)
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`
store: %s
poll:
  schedule: "@every 1s"
feeds:
  - url: %s/rss
    name: live-wire
outputs:
  - type: jsonl
    path: %s
discord:
  api_base: %s
`, filepath.Join(dir, "ww.db"), srv.URL, filepath.Join(dir, "out.jsonl"), downURL)), 0o644)
	cmd, logs := startProgram(t, bin, cfg)
	waitFor(t, "a poll while Discord is down", 20*time.Second, func() bool { return strings.Contains(logs.String(), `"msg":"poll done"`) })
	waitFor(t, "the gateway retry to be logged", 20*time.Second, func() bool { return strings.Contains(logs.String(), "discord bot not connected") })
	stopProgram(t, cmd, logs)
	if strings.Contains(logs.String(), e2eToken) {
		t.Errorf("the bot token appears in the logs")
	}
}
