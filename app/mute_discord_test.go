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

// TestMuteEventOnADigest: on a digest the bot posted, a reader's 🔕 is
// refused for want of Manage Channels; an editor's mutes the event in
// that channel: its story waiting there is dropped (and counted as
// muted), its later stories are never queued there, while another
// channel gets them all; the editor is told what was done.
func TestMuteEventOnADigest(t *testing.T) {
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	r := newCurationRigWith(t, tagger)
	ctx := context.Background()
	for _, ch := range []string{rigWire, rigAll} {
		if got := r.subscribe(ch, map[string]any{"topic": "icbm", "schedule": "instant"}); !strings.Contains(got, "Subscribed") {
			t.Fatalf("/subscribe = %q", got)
		}
	}
	r.feeds.add("en", "launch", launch["en"][0], launch["en"][1])
	r.feeds.add("ko", "launch", launch["ko"][0], launch["ko"][1])
	r.once()
	var digest discordtest.Message
	for _, m := range r.fake.Transcript(rigWire) {
		if m.InteractionID == "" && len(m.Embeds) > 0 {
			digest = m
		}
	}
	if digest.ID == "" || !strings.Contains(digest.Embeds[0].Description, "2 outlets") {
		t.Fatalf("no digest of the launch's event in the channel: %+v", r.fake.Transcript(rigWire))
	}
	// One more story of the event waits for both channels.
	r.feeds.add("ja", "launch", launch["ja"][0], launch["ja"][1])
	if _, err := r.app.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	wireOut := subscriptionOutput(rigWire, "icbm")
	if pending, err := r.st.PendingCounts(ctx); err != nil || pending[wireOut] != 1 {
		t.Fatalf("pending = %v, %v; want the Japanese story waiting for %s", pending, err, wireOut)
	}

	// A reader may not mute.
	if err := r.fake.React(discordtest.Reaction{GuildID: rigGuild, ChannelID: rigWire, MessageID: digest.ID, UserID: rigReader, Emoji: "🔕"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refusal", func() bool { return r.said(rigWire, "<@"+rigReader+">", "Manage Channels") })
	if ms, err := r.st.Mutes(ctx, "", time.Now()); err != nil || len(ms) != 0 {
		t.Fatalf("mutes after a reader's 🔕 = %+v, %v; want none", ms, err)
	}

	// An editor may.
	if err := r.fake.React(discordtest.Reaction{GuildID: rigGuild, ChannelID: rigWire, MessageID: digest.ID, UserID: rigEditor, Emoji: "🔕"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the confirmation", func() bool { return r.said(rigWire, "<@"+rigEditor+">", "Muted the event of") })
	if !r.said(rigWire, "<@"+rigEditor+">", "1 of its stories waiting here dropped") {
		t.Errorf("the confirmation does not say the waiting story was dropped: %+v", r.fake.Transcript(rigWire))
	}
	ms, err := r.st.Mutes(ctx, "", time.Now())
	if err != nil || len(ms) != 1 || ms[0].Channel != rigWire || ms[0].By != rigEditor || !ms[0].Expires.After(time.Now().Add(47*time.Hour)) {
		t.Fatalf("mutes = %+v, %v; want the event muted in %s by the editor for the event window", ms, err, rigWire)
	}
	waitFor(t, "the bot's 🔕", func() bool {
		for _, m := range r.fake.Transcript(rigWire) {
			if m.ID == digest.ID {
				for _, re := range m.Reactions {
					// The reader's, the editor's and the bot's.
					if re.Emoji == "🔕" && len(re.Users) == 3 {
						return true
					}
				}
			}
		}
		return false
	})
	if muted, err := r.st.MutedCounts(ctx); err != nil || muted[wireOut] != 1 {
		t.Errorf("muted = %v, %v; want the Japanese story muted for %s", muted, err, wireOut)
	}

	// A later story of the event reaches the other channel only.
	r.feeds.add("zh", "launch", launch["zh"][0], launch["zh"][1])
	r.once()
	if got, want := r.links(rigWire), []string{"en.example/launch", "ko.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the muted channel shows %v, want %v", got, want)
	}
	if got, want := r.links(rigAll), []string{"en.example/launch", "ja.example/launch", "ko.example/launch", "zh.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the other channel shows %v, want %v", got, want)
	}
	if pending, err := r.st.PendingCounts(ctx); err != nil || pending[wireOut] != 0 {
		t.Errorf("pending = %v, %v; want nothing queued for the muted channel", pending, err)
	}
}

// said reports whether a message in a channel holds every one of parts.
func (r *curationRig) said(channel string, parts ...string) bool {
	for _, m := range r.fake.Transcript(channel) {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(strings.ReplaceAll(m.Content, `\`, ""), p)
		}
		if ok {
			return true
		}
	}
	return false
}
