package discord

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// curation is the curation the tests turn on.
var curation = ReactionOptions{Enabled: true, Mute: "🔕", FalsePositive: "❌"}

// Members of the tests' guild: an editor whose role has Manage Channels,
// a reader with none, and a moderator allowed Manage Channels in
// fakeChannel alone by an overwrite.
const (
	editorRole = "700000000000000001"
	modRole    = "700000000000000002"
	editor     = "501000000000000001"
	reader     = "502000000000000002"
	moderator  = "503000000000000003"
)

func addMembers(fake *discordtest.Server) {
	fake.AddRole(fakeGuild, editorRole, "editors", discordgo.PermissionManageChannels)
	fake.AddRole(fakeGuild, modRole, "channel mods", 0)
	fake.AddMember(fakeGuild, editor, editorRole)
	fake.AddMember(fakeGuild, reader)
	fake.AddMember(fakeGuild, moderator, modRole)
	fake.SetOverwrite(fakeChannel, discordtest.Overwrite{ID: modRole, Type: 0, Allow: discordgo.PermissionManageChannels})
	// Editors may not manage the alerts channel.
	fake.SetOverwrite(otherChan, discordtest.Overwrite{ID: editorRole, Type: 0, Deny: discordgo.PermissionManageChannels})
}

// post sends a digest of items to channel through the bot and returns
// the ids of its messages, recording in the backend how many stories
// each shows, as the pipeline's store would.
func post(t *testing.T, bot *Bot, be *memBackend, channel string, kind wirewatch.Kind, items ...*wirewatch.Item) []string {
	t.Helper()
	d := build(kind, 0, items...)
	var p idProgress
	if err := bot.Channel(channel).Send(context.Background(), d, &p); err != nil {
		t.Fatalf("Send: %v", err)
	}
	msgs := bot.messages(d)
	be.mu.Lock()
	defer be.mu.Unlock()
	for i, id := range p.ids {
		be.shown[id] = len(msgs[i].stories)
	}
	return p.ids
}

// curated returns what the backend was asked, as "action:message:pos:user".
func (m *memBackend) curatedList() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, c := range m.curated {
		out = append(out, fmt.Sprintf("%s:%s:%d:%s", c.Action, c.Message, c.Position, c.User))
	}
	return out
}

// reactions returns the users of each reaction of a message.
func reactions(fake *discordtest.Server, channel, message string) map[string][]string {
	out := map[string][]string{}
	for _, m := range fake.Transcript(channel) {
		if m.ID == message {
			for _, r := range m.Reactions {
				out[r.Emoji] = r.Users
			}
		}
	}
	return out
}

// hints returns the bot's hints in a channel: replies that mention one user.
func hints(fake *discordtest.Server, channel string) []discordtest.Message {
	var out []discordtest.Message
	for _, m := range fake.Transcript(channel) {
		if strings.HasPrefix(m.Content, "<@") && m.AllowedMentions != nil && len(m.AllowedMentions.Users) == 1 {
			out = append(out, m)
		}
	}
	return out
}

func TestReactionsCurate(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, be := fakeBotWith(t, &logs, fakeGuild, curation)
	if got := fake.Intents(); got&discordtest.IntentGuildMessageReactions == 0 {
		t.Fatalf("intents = %b, want GUILD_MESSAGE_REACTIONS with curation on", got)
	}
	addMembers(fake)
	bot.hintLifetime = time.Second
	// Hints are deleted a second after they are posted: count each seen.
	seen := map[string]discordtest.Message{}
	var order []string
	posted := func(channel string) []discordtest.Message {
		for _, m := range hints(fake, channel) {
			if _, ok := seen[m.ID]; !ok {
				seen[m.ID] = m
				order = append(order, m.ID)
			}
		}
		var out []discordtest.Message
		for _, id := range order {
			if seen[id].ChannelID == channel {
				out = append(out, seen[id])
			}
		}
		return out
	}
	alert := post(t, bot, be, fakeChannel, wirewatch.KindAlert, dayItems("a")[0])[0]
	digest := post(t, bot, be, fakeChannel, wirewatch.KindDigest, smallItems()...)[0]
	other := post(t, bot, be, otherChan, wirewatch.KindAlert, dayItems("b")[0])[0]
	react := func(channel, message, user, emoji string) {
		t.Helper()
		if err := fake.React(discordtest.Reaction{GuildID: fakeGuild, ChannelID: channel, MessageID: message, UserID: user, Emoji: emoji}); err != nil {
			t.Fatal(err)
		}
	}

	// A reader may report a wrong match, not mute.
	react(fakeChannel, alert, reader, "🔕")
	waitFor(t, "a hint that muting takes Manage Channels", func() bool { return len(posted(fakeChannel)) == 1 })
	h := posted(fakeChannel)[0]
	if !strings.Contains(h.Content, "Manage Channels") || h.AllowedMentions.Users[0] != reader || len(h.AllowedMentions.Parse) != 0 {
		t.Errorf("hint = %q mentioning %v, want it to name the permission and mention only the reader", h.Content, h.AllowedMentions)
	}
	react(fakeChannel, alert, reader, "❌")
	waitFor(t, "the report", func() bool { return len(be.curatedList()) == 1 })

	// An editor, and a moderator by the channel's overwrite, may mute.
	react(fakeChannel, alert, editor, "🔕")
	react(fakeChannel, alert, moderator, "🔕")
	waitFor(t, "two mutes", func() bool { return len(be.curatedList()) == 3 })
	want := []string{"false-positive:" + alert + ":1:" + reader, "mute:" + alert + ":1:" + editor, "mute:" + alert + ":1:" + moderator}
	got := be.curatedList()
	slices.Sort(got) // reactions are handled side by side
	if slices.Sort(want); !slices.Equal(got, want) {
		t.Errorf("curated = %v, want %v", got, want)
	}
	// The bot confirms with the same reaction, once; its own reaction is
	// not taken for a person's.
	waitFor(t, "the bot's confirmations", func() bool {
		r := reactions(fake, fakeChannel, alert)
		return slices.Contains(r["🔕"], bot.self) && slices.Contains(r["❌"], bot.self)
	})
	// Each mute is answered with what was done, to whoever muted.
	waitFor(t, "the mutes' answers", func() bool { return len(posted(fakeChannel)) == 3 })
	for _, h := range posted(fakeChannel)[1:3] {
		if !strings.Contains(h.Content, "mute story 1 of "+alert) || len(h.AllowedMentions.Users) != 1 || h.AllowedMentions.Users[0] == reader {
			t.Errorf("answer to a mute = %q mentioning %v, want what the backend did, to the member who muted", h.Content, h.AllowedMentions)
		}
	}

	// Not in the channel where an overwrite denies the editor.
	react(otherChan, other, editor, "🔕")
	waitFor(t, "a hint in the other channel", func() bool { return len(posted(otherChan)) == 1 })

	// A reaction on a message of several stories cannot say which one.
	react(fakeChannel, digest, editor, "🔕")
	waitFor(t, "a hint about the menu", func() bool { return len(posted(fakeChannel)) == 4 })
	if h := posted(fakeChannel)[3]; !strings.Contains(h.Content, "stories") || !strings.Contains(h.Content, "menu") {
		t.Errorf("hint = %q, want it to point at the menu", h.Content)
	}
	// Other emoji, and messages wirewatch did not post, are left alone.
	react(fakeChannel, alert, editor, "👍")
	stranger := posted(fakeChannel)[3].ID // a hint: the bot's, but showing no story
	react(fakeChannel, stranger, editor, "❌")
	react(fakeChannel, digest, reader, "❌") // the last event: when it is handled, so are the others
	waitFor(t, "the last hint", func() bool { return len(posted(fakeChannel)) == 5 })
	if got := len(be.curatedList()); got != 3 {
		t.Errorf("curated %d times after the other reactions, want still 3: %v", got, be.curatedList())
	}
	// Hints go away after a while.
	waitFor(t, "the hints to be deleted", func() bool { return len(hints(fake, fakeChannel))+len(hints(fake, otherChan)) == 0 })
}

func TestReactionsOffAsksNoIntent(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, be := fakeBot(t, &logs)
	if got := fake.Intents(); got&discordtest.IntentGuildMessageReactions != 0 {
		t.Errorf("intents = %b, want no GUILD_MESSAGE_REACTIONS with curation off", got)
	}
	digest := post(t, bot, be, fakeChannel, wirewatch.KindDigest, smallItems()...)[0]
	if m := fake.Transcript(fakeChannel)[0]; m.ID != digest || len(m.ComponentList()) != 0 {
		t.Errorf("digest with curation off has %d component rows, want none", len(m.ComponentList()))
	}
}

func TestPickMenu(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, be := fakeBotWith(t, &logs, fakeGuild, curation)
	digest := post(t, bot, be, fakeChannel, wirewatch.KindDigest, smallItems()...)[0]
	m := fake.Transcript(fakeChannel)[0]
	rows := m.ComponentList()
	if len(rows) != 1 || len(rows[0].Components) != 1 || rows[0].Components[0].CustomID != pickID {
		t.Fatalf("digest components = %+v, want one menu", rows)
	}
	menu := rows[0].Components[0]
	var labels []string
	for _, o := range menu.Options {
		labels = append(labels, o.Value+":"+o.Label)
	}
	if len(labels) != 6 || !strings.HasPrefix(labels[0], "1:M6.1 quake near *Honshu*") || !strings.HasPrefix(labels[5], "6:أسعار النفط") {
		t.Errorf("menu options = %v, want the message's stories in order", labels)
	}

	pick := func(value string, perms int64) discordtest.Message {
		t.Helper()
		res := interact(t, fake, discordtest.Interaction{Type: discordtest.InteractionComponent, MessageID: digest,
			CustomID: pickID, Values: []string{value}, Permissions: perms})
		a, _ := answer(t, res)
		if a.Flags&discordtest.FlagEphemeral == 0 {
			t.Errorf("answer to a pick is not private")
		}
		return a
	}
	click := func(a discordtest.Message, prefix string, perms int64) string {
		t.Helper()
		for _, row := range a.ComponentList() {
			for _, c := range row.Components {
				if strings.HasPrefix(c.CustomID, prefix+":") {
					res := interact(t, fake, discordtest.Interaction{Type: discordtest.InteractionComponent, MessageID: a.ID,
						CustomID: c.CustomID, Permissions: perms})
					if res.CallbackType() != discordtest.CallbackUpdateMessage {
						t.Errorf("click answered with callback %d, want an update", res.CallbackType())
					}
					u, text := answer(t, res)
					if len(u.ComponentList()) != 0 {
						t.Errorf("the buttons stay after a click")
					}
					return text
				}
			}
		}
		t.Fatalf("no %s button in %+v", prefix, a.ComponentList())
		return ""
	}
	a := pick("2", 0)
	if !strings.Contains(a.Content, "福島県沖で地震") {
		t.Errorf("pick answer %q, want the story's title", a.Content)
	}
	if got := click(a, muteID, 0); !strings.Contains(got, "Manage Channels") {
		t.Errorf("mute without Manage Channels: %q", got)
	}
	if got := click(pick("2", 0), reportID, 0); !strings.Contains(got, "false-positive story 2 of "+digest) {
		t.Errorf("report: %q", got)
	}
	if got := click(pick("4", discordgo.PermissionManageChannels), muteID, discordgo.PermissionManageChannels); !strings.Contains(got, "mute story 4") {
		t.Errorf("mute with Manage Channels: %q", got)
	}
	want := []string{"false-positive:" + digest + ":2:100000000000000001", "mute:" + digest + ":4:100000000000000001"}
	if got := be.curatedList(); !slices.Equal(got, want) {
		t.Errorf("curated = %v, want %v", got, want)
	}
	// An alert of one story has no menu: a reaction names its story.
	post(t, bot, be, otherChan, wirewatch.KindAlert, dayItems("a")[0])
	if m := fake.Transcript(otherChan)[0]; len(m.ComponentList()) != 0 {
		t.Errorf("a one-story alert has a menu")
	}
}

func TestSubscribeFiltersAndDestinations(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, be := fakeBot(t, &logs)
	addMembers(fake)
	fake.AddForum(fakeGuild, fakeForum, "wire-forum")
	fake.AddThread(fakeForum, fakeThread, "a post")
	manage := int64(discordgo.PermissionManageChannels)
	tests := []struct {
		name string
		in   discordtest.Interaction
		want []string
	}{
		{"filters and a role", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage, UserID: editor,
			Options: map[string]any{optTopic: "quakes", optLanguages: "ko, ja ko", optFeeds: "yonhap-*,nhk", optMention: editorRole}},
			[]string{"Subscribed this channel to `quakes`", "languages `ko, ja`", "feeds `yonhap-*, nhk`", "mentions <@&" + editorRole + ">"}},
		{"into a forum", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage, UserID: editor,
			Options: map[string]any{optTopic: "energy", optChannel: fakeForum}},
			[]string{"Subscribed <#" + fakeForum + "> to `energy`", "a post per day in the forum"}},
		{"into a channel where the member may not", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage, UserID: editor,
			Options: map[string]any{optTopic: "energy", optChannel: otherChan}},
			[]string{"You need the Manage Channels permission in <#" + otherChan + ">"}},
		{"forum's subscriptions from one of its posts", discordtest.Interaction{GuildID: fakeGuild, ChannelID: fakeThread, Command: cmdSubscriptions},
			[]string{"<#" + fakeForum + "> · `energy`"}},
		{"unsubscribe the forum", discordtest.Interaction{Command: cmdUnsubscribe, Permissions: manage, UserID: editor,
			Options: map[string]any{optTopic: "energy", optChannel: fakeForum}},
			[]string{"Unsubscribed <#" + fakeForum + "> from `energy`"}},
	}
	for _, tt := range tests {
		res := interact(t, fake, tt.in)
		_, text := answer(t, res)
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: answer %q does not contain %q", tt.name, text, w)
			}
		}
	}
	be.mu.Lock()
	defer be.mu.Unlock()
	if len(be.subs) != 1 {
		t.Fatalf("subscriptions = %+v, want the first one", be.subs)
	}
	s := be.subs[0]
	if !slices.Equal(s.Filter.Languages, []string{"ko", "ja"}) || !slices.Equal(s.Filter.Feeds, []string{"yonhap-*", "nhk"}) ||
		s.Mention != editorRole || s.Forum || s.Channel != fakeChannel {
		t.Errorf("stored subscription = %+v", s)
	}
}

func TestAutocompleteLists(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, _ := fakeBot(t, &logs)
	tests := []struct {
		option, typed string
		want          []string
	}{
		{optLanguages, "", []string{"en", "ja", "ko", "ru"}},
		{optLanguages, "ko, j", []string{"ko,ja"}},
		{optLanguages, "ko,", []string{"ko,en", "ko,ja", "ko,ru"}},
		{optLanguages, "kor", []string{"ko"}},
		{optFeeds, "yonhap-*", []string{"yonhap-*"}},
		{optFeeds, "nh", []string{"nhk", "yonhap-ko", "yonhap-en"}},
		{optFeeds, "nhk,bbc", []string{"nhk,www.bbc.co.uk/news/rss.xml"}},
		{optFeeds, "zz*", []string{"zz*"}},
	}
	for _, tt := range tests {
		res := interact(t, fake, discordtest.Interaction{Command: cmdSubscribe, Type: discordtest.InteractionAutocomplete,
			Permissions: discordgo.PermissionManageChannels, Options: map[string]any{optTopic: "quakes", tt.option: tt.typed}, Focused: tt.option})
		var got []string
		for _, c := range res.Choices() {
			got = append(got, fmt.Sprint(c.Value))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q: choices = %v, want %v", tt.option, tt.typed, got, tt.want)
		}
	}
	// The glob's choice says how many feeds it takes.
	res := interact(t, fake, discordtest.Interaction{Command: cmdSubscribe, Type: discordtest.InteractionAutocomplete,
		Permissions: discordgo.PermissionManageChannels, Options: map[string]any{optTopic: "quakes", optFeeds: "yonhap-*"}, Focused: optFeeds})
	if c := res.Choices(); len(c) == 0 || c[0].Name != "yonhap-* (2 feeds)" {
		t.Errorf("glob choice = %+v, want it named with its 2 feeds", c)
	}
}
