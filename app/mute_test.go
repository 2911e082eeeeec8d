package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/topics"
)

// eventRig is the curation rig with stories sorted into events.
func eventRig(t *testing.T) *curationRig {
	t.Helper()
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	return newCurationRigWith(t, tagger)
}

// TestMuteEventFromDiscord: an editor's 🔕 on the alert-like message of
// one story mutes the story's event in that channel: the event's stories
// waiting there are dropped, later ones are never queued there, and the
// bot acknowledges with the same reaction; another channel still gets the
// event.
func TestMuteEventFromDiscord(t *testing.T) {
	r := eventRig(t)
	r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant"})
	r.subscribe(rigWire, map[string]any{"topic": "icbm", "schedule": "instant", "languages": "ko,ja,zh"})
	r.feeds.add("en", "launch", launch["en"][0], launch["en"][1])
	r.once()
	msgs := r.fake.Transcript(rigAll)
	if len(msgs) == 0 {
		t.Fatal("the channel shows nothing")
	}
	one := msgs[len(msgs)-1]

	// The Japanese story is stored and waits for its delivery.
	r.feeds.add("ja", "launch", launch["ja"][0], launch["ja"][1])
	ctx := context.Background()
	if _, err := r.app.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	pending, err := r.st.PendingCounts(ctx)
	if err != nil || pending["discord:"+rigAll+":icbm"] != 1 {
		t.Fatalf("pending = %v, %v; want the Japanese story waiting for the channel", pending, err)
	}

	if err := r.fake.React(discordtest.Reaction{GuildID: rigGuild, ChannelID: rigAll, MessageID: one.ID, UserID: rigEditor, Emoji: "🔕"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the mute", func() bool {
		ms, err := r.st.Mutes(ctx, rigAll, time.Now())
		return err == nil && len(ms) == 1
	})
	waitFor(t, "the bot's 🔕", func() bool {
		for _, m := range r.fake.Transcript(rigAll) {
			if m.ID == one.ID {
				for _, re := range m.Reactions {
					if re.Emoji == "🔕" && len(re.Users) == 2 && slices.Contains(re.Users, rigEditor) {
						return true
					}
				}
			}
		}
		return false
	})
	if pending, _ := r.st.PendingCounts(ctx); pending["discord:"+rigAll+":icbm"] != 0 {
		t.Errorf("pending after the mute = %v, want the event's story dropped", pending)
	}

	r.feeds.add("ko", "launch", launch["ko"][0], launch["ko"][1])
	r.feeds.add("zh", "launch", launch["zh"][0], launch["zh"][1])
	r.once()
	if got, want := r.links(rigAll), []string{"en.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the muted channel shows %v, want only %v", got, want)
	}
	if got := r.links(rigWire); len(got) < 2 {
		t.Errorf("the other channel shows %v, want the event's stories in ko, ja, zh", got)
	}
	// A story of another event still comes.
	r.feeds.add("en", "other", "UN panel reports on ICBM sanctions evasion", "A UN panel said ICBM parts were bought abroad.")
	r.once()
	if got := r.links(rigAll); !slices.Contains(got, "en.example/other") {
		t.Errorf("the muted channel shows %v, want the story of another event", got)
	}
}

// TestMinOutletsFromDiscord: a channel subscribed with min_outlets:3 gets
// nothing while the launch is carried by one or two outlets, and gets its
// stories once a third outlet carries it; /subscriptions shows the
// filter; a threshold no event can reach is refused.
func TestMinOutletsFromDiscord(t *testing.T) {
	r := eventRig(t)
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant", "min_outlets": 9}); !strings.Contains(got, "Could not subscribe") || !strings.Contains(got, "only 4 feeds") {
		t.Errorf("/subscribe min_outlets:9 = %q, want a refusal", got)
	}
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant", "min_outlets": 3}); !strings.Contains(got, "events carried by 3+ outlets") {
		t.Fatalf("/subscribe min_outlets:3 = %q", got)
	}
	r.feeds.add("en", "launch", launch["en"][0], launch["en"][1])
	r.feeds.add("ko", "launch", launch["ko"][0], launch["ko"][1])
	r.once()
	if got := r.links(rigAll); len(got) != 0 {
		t.Errorf("the channel shows %v with the event carried by 2 outlets, want nothing yet", got)
	}
	r.feeds.add("zh", "launch", launch["zh"][0], launch["zh"][1])
	r.once()
	if got, want := r.links(rigAll), []string{"en.example/launch", "ko.example/launch", "zh.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the channel shows %v once a third outlet carries the event, want %v", got, want)
	}
	if m, _ := r.do(discordtest.Interaction{ChannelID: rigAll, Command: "subscriptions"}); len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "events carried by 3+ outlets") {
		t.Errorf("/subscriptions = %+v, want the filter shown", m.Embeds)
	}
}
