package discord

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/notify"
)

const (
	fakeGuild   = "900000000000000001"
	fakeChannel = "900000000000000002"
	otherChan   = "900000000000000003"
)

// memBackend is an in-memory Backend for bot tests.
type memBackend struct {
	bot *Bot // set after NewBot, for DigestNow

	mu      sync.Mutex
	subs    []wirewatch.Subscription
	pending map[string]*wirewatch.Digest
	// shown counts the stories of messages, for curation; curated
	// records what was asked.
	shown   map[string]int
	curated []wirewatch.Curation
}

func (m *memBackend) Topics() []wirewatch.TopicInfo {
	return []wirewatch.TopicInfo{
		{ID: "quakes", Name: "Earthquakes", Alert: true, Mention: "112233"},
		{ID: "energy", Name: "Energy markets"},
		{ID: "elections", Name: "Elections"},
	}
}

func (m *memBackend) TopicCounts(context.Context, time.Time) (map[string]int, error) {
	return map[string]int{"quakes": 4, "energy": 2}, nil
}

func (m *memBackend) Subscribe(_ context.Context, sub wirewatch.Subscription) (bool, error) {
	if !slices.ContainsFunc(m.Topics(), func(t wirewatch.TopicInfo) bool { return t.ID == sub.Topic }) {
		return false, fmt.Errorf("unknown topic %q", sub.Topic)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, s := range m.subs {
		if s.Channel == sub.Channel && s.Topic == sub.Topic {
			m.subs[i] = sub
			return false, nil
		}
	}
	m.subs = append(m.subs, sub)
	return true, nil
}

func (m *memBackend) Unsubscribe(_ context.Context, channel, topic string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := len(m.subs)
	m.subs = slices.DeleteFunc(m.subs, func(s wirewatch.Subscription) bool { return s.Channel == channel && s.Topic == topic })
	return len(m.subs) < n, nil
}

func (m *memBackend) Subscriptions(_ context.Context, channel string) ([]wirewatch.Subscription, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []wirewatch.Subscription
	for _, s := range m.subs {
		if s.Channel == channel {
			out = append(out, s)
		}
	}
	return out, nil
}

func (m *memBackend) DigestNow(ctx context.Context, channel string) (int, error) {
	m.mu.Lock()
	d := m.pending[channel]
	delete(m.pending, channel)
	m.mu.Unlock()
	if d == nil {
		return 0, nil
	}
	// Slower than the 3 s interaction window, to prove the deferral.
	time.Sleep(100 * time.Millisecond)
	if err := m.bot.Channel(channel).Send(ctx, d, notify.Discard{}); err != nil {
		return 0, err
	}
	return d.Len(), nil
}

func (m *memBackend) Status(_ context.Context, guild string) (wirewatch.Status, error) {
	if guild != fakeGuild {
		return wirewatch.Status{}, fmt.Errorf("status asked for server %q, want the asking server", guild)
	}
	return wirewatch.Status{
		Feeds: []wirewatch.FeedStatus{
			{Name: "USGS", Result: "ok"},
			{Name: "Broken <@&1>", Result: "error", Failures: 3, LastError: `GET https://intranet.example/feeds/secret.xml: http 503; dial tcp 10.0.0.7:443`},
		},
		ItemsToday: 42, LastPoll: published, FailedDeliveries: 1,
		Disabled: map[string]string{"hook": "unknown webhook"},
	}, nil
}

func (m *memBackend) Preview(_ context.Context, channel, topic string, _ int, leftOut bool) (*wirewatch.Digest, error) {
	if topic != "quakes" {
		return nil, fmt.Errorf("unknown topic %q", topic)
	}
	if leftOut {
		// The stories a digest capped at two counted in this channel.
		return build(wirewatch.KindDigest, 0, smallDigest(wirewatch.KindDigest).Groups[0].Rest...), nil
	}
	return smallDigest(wirewatch.KindDigest), nil
}

func (m *memBackend) FeedNames() []string {
	return []string{"yonhap-ko", "yonhap-en", "nhk", "www.bbc.co.uk/news/rss.xml"}
}

func (m *memBackend) Languages() []wirewatch.LanguageInfo {
	return []wirewatch.LanguageInfo{{Code: "en", Name: "English"}, {Code: "ja", Name: "Japanese"}, {Code: "ko", Name: "Korean"}, {Code: "ru", Name: "Russian"}}
}

func (m *memBackend) StoriesShown(_ context.Context, message string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.shown[message], nil
}

func (m *memBackend) Curate(_ context.Context, c wirewatch.Curation) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.shown[c.Message] < c.Position {
		return "", fmt.Errorf("no story %d in message %s", c.Position, c.Message)
	}
	m.curated = append(m.curated, c)
	return fmt.Sprintf("%s story %d of %s", c.Action, c.Position, c.Message), nil
}

// Trend charts quakes with a stand-in PNG; other topics are unknown.
func (m *memBackend) Trend(_ context.Context, topic string) (wirewatch.Trend, []byte, error) {
	if topic != "quakes" {
		return wirewatch.Trend{}, nil, fmt.Errorf("unknown topic %q", topic)
	}
	tr := wirewatch.Trend{Topic: "quakes", Name: "Earthquakes", Start: published.Add(-7 * 24 * time.Hour), Step: 6 * time.Hour,
		Series: []wirewatch.TrendSeries{{Language: "ja", Counts: []int{1, 0, 4}}, {Language: "en", Counts: []int{0, 2, 0}}}}
	return tr, []byte("\x89PNG\r\n\x1a\n stand-in chart"), nil
}

// fakeBot starts a fake Discord with one guild and an open bot against it.
func fakeBot(tb testing.TB, logs *bytes.Buffer) (*discordtest.Server, *Bot, *memBackend) {
	tb.Helper()
	return fakeBotIn(tb, logs, fakeGuild)
}

// fakeBotIn is fakeBot registering commands in guild ("" for global).
func fakeBotIn(tb testing.TB, logs *bytes.Buffer, guild string) (*discordtest.Server, *Bot, *memBackend) {
	tb.Helper()
	return fakeBotWith(tb, logs, guild, ReactionOptions{})
}

// fakeBotWith is fakeBotIn with curation options.
func fakeBotWith(tb testing.TB, logs *bytes.Buffer, guild string, reactions ReactionOptions) (*discordtest.Server, *Bot, *memBackend) {
	tb.Helper()
	fake := discordtest.New(discordtest.Options{BotToken: testToken, Logger: slog.New(slog.DiscardHandler)})
	tb.Cleanup(fake.Close)
	fake.AddGuild(fakeGuild, "Newsroom")
	fake.AddChannel(fakeGuild, fakeChannel, "wire")
	fake.AddChannel(fakeGuild, otherChan, "alerts")
	be := &memBackend{pending: map[string]*wirewatch.Digest{}, shown: map[string]int{}}
	bot, err := NewBot(Options{Token: testToken, APIBase: apiBase(tb, fake), GuildID: guild, SendDeadline: 10 * time.Second,
		Reactions: reactions, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, be)
	if err != nil {
		tb.Fatal(err)
	}
	be.bot = bot
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := bot.Open(ctx); err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { bot.Close() })
	return fake, bot, be
}

// interact runs a command in the fake and waits for the bot's answer.
func interact(tb testing.TB, fake *discordtest.Server, in discordtest.Interaction) *discordtest.InteractionResult {
	tb.Helper()
	if in.GuildID == "" {
		in.GuildID, in.ChannelID = fakeGuild, fakeChannel
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	res, err := fake.Interact(ctx, in)
	if err != nil {
		tb.Fatalf("Interact(/%s): %v", in.Command, err)
	}
	if err := res.Wait(ctx); err != nil {
		tb.Fatalf("/%s: no answer: %v", in.Command, err)
	}
	return res
}

// answer returns the text and embeds of an interaction's response.
func answer(tb testing.TB, res *discordtest.InteractionResult) (discordtest.Message, string) {
	tb.Helper()
	m, ok := res.Original()
	if !ok {
		tb.Fatalf("no response message")
	}
	text := m.Content
	for _, e := range m.Embeds {
		text += "\n" + e.Title + "\n" + e.Description
	}
	if m.CouldPing() {
		tb.Errorf("response could ping: %q", text)
	}
	return m, text
}

func TestBotCommands(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, be := fakeBot(t, &logs)

	cmds := fake.Commands(fakeGuild)
	var names []string
	for _, c := range cmds {
		names = append(names, c.Name)
		wantPerm := c.Name == cmdSubscribe || c.Name == cmdUnsubscribe
		if got := c.DefaultMemberPermissions != nil && *c.DefaultMemberPermissions == discordgo.PermissionManageChannels; got != wantPerm {
			t.Errorf("/%s needs Manage Channels = %v, want %v", c.Name, got, wantPerm)
		}
	}
	slices.Sort(names)
	if got, want := strings.Join(names, ","), "digest,preview,status,subscribe,subscriptions,topics,trend,unsubscribe"; got != want {
		t.Errorf("registered commands = %s, want %s", got, want)
	}
	if got := fake.Commands(""); len(got) != 0 {
		t.Errorf("global commands = %d, want 0 with a guild id", len(got))
	}

	manage := int64(discordgo.PermissionManageChannels)
	tests := []struct {
		name      string
		in        discordtest.Interaction
		ephemeral bool
		want      []string
	}{
		{"subscribe", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage,
			Options: map[string]any{optTopic: "quakes", optSchedule: "hourly", optTimeZone: "Europe/Paris"}},
			false, []string{"Subscribed this channel to `quakes` (hourly, Europe/Paris)"}},
		{"subscribe again updates", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage,
			Options: map[string]any{optTopic: "quakes"}}, false, []string{"Updated", "daily 08:00", "UTC"}},
		{"subscribe unknown topic", discordtest.Interaction{Command: cmdSubscribe, Permissions: manage,
			Options: map[string]any{optTopic: "<@&1> nope"}}, true, []string{"Could not subscribe", "unknown topic"}},
		{"subscribe without manage channels", discordtest.Interaction{Command: cmdSubscribe, IgnoreCommandPermissions: true,
			Options: map[string]any{optTopic: "energy"}}, true, []string{"Manage Channels"}},
		{"subscribe as administrator", discordtest.Interaction{Command: cmdSubscribe, Permissions: discordgo.PermissionAdministrator,
			Options: map[string]any{optTopic: "energy", optSchedule: "instant"}}, false, []string{"Subscribed", "`energy`"}},
		{"subscriptions", discordtest.Interaction{Command: cmdSubscriptions}, true, []string{"`quakes` · daily 08:00 · UTC", "`energy` · instant"}},
		{"unsubscribe without manage channels", discordtest.Interaction{Command: cmdUnsubscribe, IgnoreCommandPermissions: true,
			Options: map[string]any{optTopic: "energy"}}, true, []string{"Manage Channels"}},
		{"unsubscribe", discordtest.Interaction{Command: cmdUnsubscribe, Permissions: manage,
			Options: map[string]any{optTopic: "energy"}}, false, []string{"Unsubscribed this channel from `energy`"}},
		{"unsubscribe not subscribed", discordtest.Interaction{Command: cmdUnsubscribe, Permissions: manage,
			Options: map[string]any{optTopic: "energy"}}, true, []string{"not subscribed"}},
		{"subscriptions of another channel", discordtest.Interaction{GuildID: fakeGuild, ChannelID: otherChan, Command: cmdSubscriptions},
			true, []string{"no subscriptions"}},
		{"topics", discordtest.Interaction{Command: cmdTopics}, true, []string{"`quakes` · Earthquakes · 4 in 24 h · alerts", "`elections` · Elections · 0 in 24 h"}},
		{"status", discordtest.Interaction{Command: cmdStatus}, true, []string{"Feeds: 2, failing: 1", "Stories today: 42", "Broken", "http 503", "Disabled: hook"}},
		{"preview", discordtest.Interaction{Command: cmdPreview, Options: map[string]any{optTopic: "quakes"}}, true,
			[]string{"Preview of `quakes`", "Earthquakes", "M6.1 quake", "matched: quake, tsunami", "and 3 more"}},
		{"preview of what digests left out", discordtest.Interaction{Command: cmdPreview, Options: map[string]any{optTopic: "quakes", optMore: true}}, true,
			[]string{"counted in \"and N more\"", "Aftershock 1", "Aftershock 3", "matched: quake"}},
		{"preview unknown", discordtest.Interaction{Command: cmdPreview, Options: map[string]any{optTopic: "zzz"}}, true,
			[]string{"Could not preview"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := interact(t, fake, tt.in)
			if got := res.CallbackType(); got != discordtest.CallbackChannelMessage {
				t.Errorf("callback type = %d, want %d", got, discordtest.CallbackChannelMessage)
			}
			m, text := answer(t, res)
			if got := m.Flags&discordtest.FlagEphemeral != 0; got != tt.ephemeral {
				t.Errorf("ephemeral = %v, want %v", got, tt.ephemeral)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("answer %q does not contain %q", text, w)
				}
			}
			for _, leak := range []string{"intranet.example", "secret.xml", "10.0.0.7"} {
				if strings.Contains(text, leak) {
					t.Errorf("answer %q shows the address %q", text, leak)
				}
			}
		})
	}
	if got := len(be.subs); got != 1 {
		t.Errorf("subscriptions stored = %d, want 1", got)
	}
	assertNoSecrets(t, logs.String(), nil)
}

func TestBotAutocomplete(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, _ := fakeBot(t, &logs)
	tests := []struct {
		cmd, typed string
		want       []string
	}{
		{cmdSubscribe, "", []string{"quakes", "energy", "elections"}},
		{cmdSubscribe, "e", []string{"energy", "elections", "quakes"}},
		{cmdPreview, "quak", []string{"quakes"}},
		{cmdUnsubscribe, "market", []string{"energy"}},
		{cmdPreview, "zzz", nil},
	}
	for _, tt := range tests {
		res := interact(t, fake, discordtest.Interaction{Command: tt.cmd, Type: discordtest.InteractionAutocomplete,
			Permissions: discordgo.PermissionManageChannels, Options: map[string]any{optTopic: tt.typed}, Focused: optTopic})
		if got := res.CallbackType(); got != discordtest.CallbackAutocompleteResult {
			t.Errorf("/%s %q: callback type = %d, want %d", tt.cmd, tt.typed, got, discordtest.CallbackAutocompleteResult)
		}
		var got []string
		for _, c := range res.Choices() {
			got = append(got, fmt.Sprint(c.Value))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("/%s %q: choices = %v, want %v", tt.cmd, tt.typed, got, tt.want)
		}
	}
}

func TestBotDigestDeferred(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, be := fakeBot(t, &logs)
	be.pending[fakeChannel] = bigDigest(20, wirewatch.KindDigest)
	res := interact(t, fake, discordtest.Interaction{Command: cmdDigest})
	if got := res.CallbackType(); got != discordtest.CallbackDeferredChannelMessage {
		t.Errorf("callback type = %d, want %d (deferred)", got, discordtest.CallbackDeferredChannelMessage)
	}
	m, text := answer(t, res)
	if !strings.Contains(text, "Delivered 20 stories") {
		t.Errorf("edited answer = %q, want it to report 20 stories", text)
	}
	if m.Flags&discordtest.FlagEphemeral == 0 {
		t.Errorf("digest answer is not ephemeral")
	}
	posted := channelPosts(fake, fakeChannel)
	if want := len(Messages(bigDigest(20, wirewatch.KindDigest))); len(posted) != want {
		t.Errorf("channel shows %d digest messages, want %d", len(posted), want)
	}
	res = interact(t, fake, discordtest.Interaction{Command: cmdDigest})
	if _, text := answer(t, res); !strings.Contains(text, "Nothing new") {
		t.Errorf("second /digest answer = %q, want nothing new", text)
	}
}

func TestBotRegistersGlobally(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, _ := fakeBotIn(t, &logs, "")
	if got, want := len(fake.Commands("")), len(commands()); got != want {
		t.Errorf("global commands = %d, want %d", got, want)
	}
	if got := len(fake.Commands(fakeGuild)); got != 0 {
		t.Errorf("guild commands = %d, want 0 without a guild id", got)
	}
}

func TestBotOpenBadToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(discordtest.Options{BotToken: testToken, Logger: slog.New(slog.DiscardHandler)})
	defer fake.Close()
	var logs bytes.Buffer
	const wrong = "d3JvbmctdG9rZW4.wrong-secret"
	bot, err := NewBot(Options{Token: wrong, APIBase: apiBase(t, fake),
		Logger: slog.New(slog.NewTextHandler(&logs, nil))}, &memBackend{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = bot.Open(ctx)
	if err == nil {
		bot.Close()
		t.Fatal("Open with a wrong token succeeded")
	}
	assertNoSecretsIn(t, wrong, logs.String(), err)
}

// channelPosts returns the bot's own posts in a channel (not interaction
// answers), checking each could not ping.
func channelPosts(fake *discordtest.Server, channel string) []discordtest.Message {
	var out []discordtest.Message
	for _, m := range fake.Transcript(channel) {
		if m.InteractionID == "" && m.WebhookID == "" {
			out = append(out, m)
		}
	}
	return out
}

func TestBotSurvivesGatewayDrops(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, _ := fakeBot(t, &logs)
	for _, drop := range []struct {
		name string
		do   func()
	}{
		{"dropped socket", fake.DropGateway},
		{"reconnect request", fake.RequestReconnect},
	} {
		drop.do()
		waitFor(t, "bot back on the gateway", func() bool {
			ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
			defer cancel()
			res, err := fake.Interact(ctx, discordtest.Interaction{GuildID: fakeGuild, ChannelID: fakeChannel, Command: cmdTopics})
			return err == nil && res.Wait(ctx) == nil
		})
		res := interact(t, fake, discordtest.Interaction{Command: cmdTopics})
		if _, text := answer(t, res); !strings.Contains(text, "quakes") {
			t.Errorf("after %s: /topics answer = %q", drop.name, text)
		}
	}
	if got := fake.SessionCount(); got != 1 {
		t.Errorf("sessions identified = %d, want 1 (resumed, not re-identified)", got)
	}
}

// waitFor polls cond for up to 15 s.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestBotSendToFake(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, bot, _ := fakeBot(t, &logs)
	ctx := context.Background()
	d := bigDigest(24, wirewatch.KindDigest)
	msgs := Messages(d)
	if err := bot.Channel(fakeChannel).Send(ctx, d, notify.Discard{}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	posted := channelPosts(fake, fakeChannel)
	if len(posted) != len(msgs) {
		t.Fatalf("channel shows %d messages, want %d", len(posted), len(msgs))
	}
	for i, m := range posted {
		if m.CouldPing() {
			t.Errorf("message %d could ping", i)
		}
		if m.Nonce == "" || !m.EnforceNonce {
			t.Errorf("message %d nonce %q enforce %v", i, m.Nonce, m.EnforceNonce)
		}
		if m.Content != msgs[i].Content {
			t.Errorf("message %d content = %q, want %q (in order)", i, m.Content, msgs[i].Content)
		}
	}
	// A retry of the same digest after an unseen success posts nothing new.
	if err := bot.Channel(fakeChannel).Send(ctx, smallDigest(wirewatch.KindDigest), notify.Discard{}); err != nil {
		t.Fatal(err)
	}
	if err := bot.Channel(fakeChannel).Send(ctx, smallDigest(wirewatch.KindDigest), notify.Discard{}); err != nil {
		t.Fatal(err)
	}
	if got := len(channelPosts(fake, fakeChannel)); got != len(msgs)+1 {
		t.Errorf("after sending a digest twice the channel shows %d messages, want %d", got, len(msgs)+1)
	}

	// Alerts mention only the topic's role.
	if err := bot.Channel(otherChan).Send(ctx, smallDigest(wirewatch.KindAlert), notify.Discard{}); err != nil {
		t.Fatal(err)
	}
	for _, m := range channelPosts(fake, otherChan) {
		if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 || len(m.AllowedMentions.Roles) > 1 {
			t.Errorf("alert allowed_mentions = %+v", m.AllowedMentions)
		}
	}

	// Faults: a 502 and a 429 are retried; a removed channel is permanent.
	fake.Inject(discordtest.Fault{Method: "POST", Path: "/channels/" + otherChan + "/messages", Status: 502, Count: 1})
	fake.Inject(discordtest.Fault{Method: "POST", Path: "/channels/" + otherChan + "/messages", Status: 429, RetryAfter: 100 * time.Millisecond, Count: 1})
	before := len(channelPosts(fake, otherChan))
	if err := bot.Channel(otherChan).Send(ctx, bigDigest(4, wirewatch.KindDigest), notify.Discard{}); err != nil {
		t.Fatalf("Send through a 502 and a 429: %v", err)
	}
	if got := len(channelPosts(fake, otherChan)) - before; got != len(Messages(bigDigest(4, wirewatch.KindDigest))) {
		t.Errorf("after faults the channel got %d messages, want %d", got, len(Messages(bigDigest(4, wirewatch.KindDigest))))
	}
	fake.DenyChannel(otherChan)
	var pe *notify.PermanentError
	var ae *APIError
	if err := bot.Channel(otherChan).Send(ctx, bigDigest(8, wirewatch.KindDigest), notify.Discard{}); !errors.As(err, &pe) || pe.Gone || !errors.As(err, &ae) || ae.Status != 403 {
		t.Errorf("Send to a denied channel = %v, want a permanent 403, not gone", err)
	}
	fake.RemoveChannel(otherChan)
	if err := bot.Channel(otherChan).Send(ctx, bigDigest(8, wirewatch.KindDigest), notify.Discard{}); !errors.As(err, &pe) || !pe.Gone || !errors.As(err, &ae) || ae.Code != 10003 {
		t.Errorf("Send to a removed channel = %v, want a permanent 10003, gone", err)
	}
	assertNoSecrets(t, logs.String(), nil)
}

func TestWebhookToFake(t *testing.T) {
	t.Parallel()
	fake := discordtest.New(discordtest.Options{BotToken: testToken, Logger: slog.New(slog.DiscardHandler)})
	defer fake.Close()
	fake.AddGuild(fakeGuild, "Newsroom")
	fake.AddChannel(fakeGuild, fakeChannel, "wire")
	id, token := fake.AddWebhook(fakeChannel)
	var logs bytes.Buffer
	opts := Options{APIBase: fake.URL(), SendDeadline: 5 * time.Second,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	for _, u := range []string{fake.URL() + "/api/webhooks/" + id + "/" + token, "https://discord.com/api/webhooks/" + id + "/" + token} {
		if _, err := NewWebhook(u, opts); err != nil {
			t.Fatalf("NewWebhook: %v", err)
		}
	}
	wh, err := NewWebhook(fake.WebhookURL(id), opts)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(wh.String(), token) {
		t.Errorf("String() = %q shows the token", wh.String())
	}
	ctx := context.Background()
	d := bigDigest(30, wirewatch.KindDigest)
	if err := wh.Send(ctx, d, notify.Discard{}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	var got int
	for _, m := range fake.Transcript(fakeChannel) {
		if m.CouldPing() {
			t.Errorf("webhook message could ping: %q", m.Content)
		}
		got++
	}
	if want := len(Messages(d)); got != want {
		t.Errorf("channel shows %d webhook messages, want %d", got, want)
	}
	fake.DeleteWebhook(id)
	var pe *notify.PermanentError
	var ae *APIError
	if err := wh.Send(ctx, smallDigest(wirewatch.KindDigest), notify.Discard{}); !errors.As(err, &pe) || !pe.Gone || !errors.As(err, &ae) || ae.Code != codeUnknownWebhook {
		t.Errorf("Send to a deleted webhook = %v, want a permanent 10015", err)
	} else {
		assertNoSecretsIn(t, token, logs.String(), err)
	}
}

// assertNoSecretsIn fails tb when secret appears in logs or err.
func assertNoSecretsIn(tb testing.TB, secret, logs string, err error) {
	tb.Helper()
	if strings.Contains(logs, secret) || (err != nil && strings.Contains(fmt.Sprintf("%v %+v", err, err), secret)) {
		tb.Errorf("a webhook token reached the logs or an error")
	}
}

// TestBotTrend: /trend defers its answer, then edits it with the topic's
// chart uploaded as trend.png and shown in the embed; an unknown topic
// gets the reason.
func TestBotTrend(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	fake, _, _ := fakeBot(t, &logs)
	res := interact(t, fake, discordtest.Interaction{Command: cmdTrend, Options: map[string]any{"topic": "quakes"}})
	if got := res.CallbackType(); got != discordtest.CallbackDeferredChannelMessage {
		t.Errorf("callback type = %d, want %d (deferred)", got, discordtest.CallbackDeferredChannelMessage)
	}
	m, text := answer(t, res)
	if !strings.Contains(text, "Earthquakes: last 7 days") || !strings.Contains(text, "7 stories in the last 7 days: ja 5 · en 2") {
		t.Errorf("/trend answer = %q", text)
	}
	if m.Flags&discordtest.FlagEphemeral == 0 || m.Flags&discordtest.FlagLoading != 0 {
		t.Errorf("/trend answer flags = %b, want ephemeral and loaded", m.Flags)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Image == nil {
		t.Fatalf("/trend embeds = %+v, want one with the chart", m.Embeds)
	}
	if a, ok := m.AttachmentNamed(m.Embeds[0].Image.URL); !ok || !strings.HasPrefix(string(a.Data), "\x89PNG") || a.ContentType != "image/png" {
		t.Errorf("/trend attachment = %+v, %v; want the PNG the embed shows", a, ok)
	}
	res = interact(t, fake, discordtest.Interaction{Command: cmdTrend, Options: map[string]any{"topic": "volcanoes"}})
	if _, text := answer(t, res); !strings.Contains(text, "Could not chart") || !strings.Contains(text, "unknown topic") {
		t.Errorf("/trend of an unknown topic = %q", text)
	}
}
