package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// TestEndToEndWrongMatch: the real binary runs with discord.reactions on;
// a reader's ❌ on a story in the channel is acknowledged by the bot, and
// `wirewatch feedback` then lists the story with the term that caused it
// and a none: term that keeps it out without losing the true match.
func TestEndToEndWrongMatch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildBinary(t)
	fake := discordtest.New(discordtest.Options{BotToken: e2eToken, HeartbeatInterval: 500 * time.Millisecond})
	defer fake.Close()
	fake.AddGuild(e2eGuild, "newsroom")
	fake.AddChannel(e2eGuild, e2eChannel, "missile-watch")
	const reader = "300000000000000003"
	fake.AddMember(e2eGuild, reader)

	feed := &liveFeed{}
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
    any: [ICBM*]
discord:
  api_base: %s
  guild_id: "%s"
  reactions:
    enabled: true
`, filepath.Join(dir, "ww.db"), srv.URL, fake.URL(), e2eGuild)), 0o644)

	cmd, logs := startProgram(t, bin, cfg)
	waitFor(t, "the bot to connect and register its commands", 30*time.Second, func() bool {
		return fake.Connected() && len(fake.Commands(e2eGuild)) > 0
	})
	if fake.Intents()&discordtest.IntentGuildMessageReactions == 0 {
		t.Errorf("intents %b: want GUILD_MESSAGE_REACTIONS with discord.reactions on", fake.Intents())
	}
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
	// A poll that began before the subscription routes stories without
	// it: wait for one that began after.
	polls := strings.Count(logs.String(), `"msg":"poll done"`)
	waitFor(t, "a poll after the subscription", 20*time.Second, func() bool {
		return strings.Count(logs.String(), `"msg":"poll done"`) >= polls+2
	})
	// One story a poll, so that each message shows one.
	posted := func(title string) string {
		for _, m := range fake.Transcript(e2eChannel) {
			for _, e := range m.Embeds {
				if m.InteractionID == "" && strings.Contains(e.Description, title) {
					return m.ID
				}
			}
		}
		return ""
	}
	feed.add("real-1", "North Korea fires ICBM into the sea", "The ICBM flew for an hour.")
	waitFor(t, "the true match in the channel", 30*time.Second, func() bool { return posted("fires ICBM") != "" })
	feed.add("ads-1", "ICBM Clothing opens its spring sale", "The streetwear label ICBM Clothing opens a store.")
	waitFor(t, "the wrong match in the channel", 30*time.Second, func() bool { return posted("ICBM Clothing") != "" })

	wrong := posted("ICBM Clothing")
	if err := fake.React(discordtest.Reaction{GuildID: e2eGuild, ChannelID: e2eChannel, MessageID: wrong, UserID: reader, Emoji: "❌"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the bot to acknowledge the report", 20*time.Second, func() bool {
		for _, m := range fake.Transcript(e2eChannel) {
			if m.ID != wrong {
				continue
			}
			for _, r := range m.Reactions {
				if r.Emoji == "❌" && len(r.Users) == 2 {
					return true
				}
			}
		}
		return false
	})
	stopProgram(t, cmd, logs)

	code, out, errOut := runMain(t, "", nil, "feedback", "-config", cfg)
	if code != exitOK {
		t.Fatalf("feedback = %d: %s", code, errOut)
	}
	for _, want := range []string{
		"icbm (ICBMs): 1 story reported as wrong match",
		`"ICBM Clothing opens its spring sale"`,
		`live-wire · en · matched "ICBM*"`,
		"reported by 1 in channel " + e2eChannel,
		"      none:\n        - \"ICBM Clothing\"   # keeps out 1 of the 1 reported, and none of its 1 other match",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("feedback output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runMain(t, "", nil, "feedback", "-config", cfg, "-json", "-since", "1d")
	var r struct {
		Topic   string
		Stories []struct {
			Title    string
			Terms    []string
			Channels []string
		}
		Suggestions []struct {
			Term            string
			Excludes, Costs int
			Cover           bool
		}
	}
	if err := json.Unmarshal([]byte(out), &r); code != exitOK || err != nil {
		t.Fatalf("feedback -json = %d, %v: %s", code, err, out)
	}
	if r.Topic != "icbm" || len(r.Stories) != 1 || !slices.Equal(r.Stories[0].Terms, []string{"ICBM*"}) ||
		len(r.Suggestions) == 0 || r.Suggestions[0].Term != "ICBM Clothing" || !r.Suggestions[0].Cover || r.Suggestions[0].Costs != 0 {
		t.Errorf("feedback -json = %+v", r)
	}
	if code, _, errOut := runMain(t, "", nil, "feedback", "-config", cfg, "-topic", "sanctions"); code != exitOK || !strings.Contains(errOut, "no story was reported") {
		t.Errorf("feedback -topic sanctions = %d %q, want none reported", code, errOut)
	}
}
