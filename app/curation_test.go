package app

import (
	"context"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// These tests run the whole path of curation from Discord: feeds served on
// 127.0.0.1 in four languages, language detection, the pipeline, the
// store, digest.Build, the renderer, a bot on the fake Discord's gateway,
// and people using slash commands, menus and reactions there.

// langFeeds serves one RSS feed per language at /{lang}.xml.
type langFeeds struct {
	mu    sync.Mutex
	items map[string][]string
	// before, when set, runs before each request is answered.
	before func()
}

func (f *langFeeds) add(lang, guid, title, desc string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.items == nil {
		f.items = map[string][]string{}
	}
	f.items[lang] = append(f.items[lang], fmt.Sprintf("<item><title>%s</title><guid>%s</guid><link>https://%s.example/%s</link><description>%s</description></item>",
		html.EscapeString(title), guid, lang, guid, html.EscapeString(desc)))
}

func (f *langFeeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	before := f.before
	f.mu.Unlock()
	if before != nil {
		before()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	lang := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
	fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s wire</title><language>%s</language>%s</channel></rss>`,
		lang, lang, strings.Join(f.items[lang], ""))
}

// The launch as each language's outlets wrote it.
var launch = map[string][2]string{
	"en": {"North Korea fires ICBM into the sea, Japan says", "The intercontinental ballistic missile flew for about an hour before falling into the sea west of Hokkaido, the defence ministry said."},
	"ko": {"북한, 동해상으로 대륙간탄도미사일 발사…합참 정밀 분석 중", "합동참모본부는 북한이 오늘 오전 평양 일대에서 동해상으로 대륙간탄도미사일 1발을 발사했다고 밝혔다."},
	"ja": {"北朝鮮が大陸間弾道ミサイルを発射 北海道西方のEEZ内に落下か", "防衛省によりますと、北朝鮮から発射された大陸間弾道ミサイルは約1時間飛行し、北海道の西の日本海に落下したとみられます。"},
	"zh": {"朝鲜发射洲际弹道导弹 日本称落入专属经济区", "日本防卫省表示，朝鲜发射的洲际弹道导弹飞行约一小时后落入北海道以西的日本专属经济区内。"},
}

const (
	rigGuild  = "710000000000000001"
	rigWire   = "710000000000000002" // a channel that takes ko and ja
	rigAll    = "710000000000000003" // a channel that takes every language
	rigForum  = "710000000000000004"
	rigToken  = "curation-token"
	rigEditor = "710000000000000010"
	rigReader = "710000000000000011"
	rigRole   = "710000000000000020"
)

// curationRig is the pipeline with a bot on the fake Discord.
type curationRig struct {
	t     *testing.T
	fake  *discordtest.Server
	feeds *langFeeds
	app   *App
	st    *store.Store
	bot   *discord.Bot
}

func newCurationRig(t *testing.T) *curationRig {
	t.Helper()
	return newCurationRigWith(t, nil)
}

// newCurationRigWith is newCurationRig with a tagger, which sorts stories
// into events.
func newCurationRigWith(t *testing.T, tagger *topics.Tagger) *curationRig {
	t.Helper()
	return newCurationRigMore(t, tagger, nil)
}

// newCurationRigMore is newCurationRigWith with more YAML at the end of
// the configuration (nil: none), which may set up the fake Discord it is
// given.
func newCurationRigMore(t *testing.T, tagger *topics.Tagger, more func(*discordtest.Server) string) *curationRig {
	t.Helper()
	r := &curationRig{t: t, feeds: &langFeeds{}}
	srv := httptest.NewServer(r.feeds)
	t.Cleanup(srv.Close)
	r.fake = discordtest.New(discordtest.Options{BotToken: rigToken, Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.fake.Close)
	r.fake.AddGuild(rigGuild, "newsroom")
	r.fake.AddChannel(rigGuild, rigWire, "asia-desk")
	r.fake.AddChannel(rigGuild, rigAll, "everything")
	r.fake.AddForum(rigGuild, rigForum, "launch-forum")
	r.fake.AddRole(rigGuild, rigRole, "editors", discordgo.PermissionManageChannels)
	r.fake.AddMember(rigGuild, rigEditor, rigRole)
	r.fake.AddMember(rigGuild, rigReader)
	extra := ""
	if more != nil {
		extra = more(r.fake)
	}
	var feedList strings.Builder
	for _, lang := range []string{"en", "ko", "ja", "zh"} {
		fmt.Fprintf(&feedList, "  - url: %s/%s.xml\n    name: %s-wire\n", srv.URL, lang, lang)
	}
	cfg := parseConfig(t, fmt.Sprintf(`
languages: [en, ko, ja, zh]
feeds:
%s
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM, intercontinental ballistic missile, 대륙간탄도미사일, 大陸間弾道ミサイル, 洲际弹道导弹]
discord:
  token: %s
  api_base: %s
  guild_id: %q
  reactions:
    enabled: true
%s`, feedList.String(), rigToken, r.fake.URL(), rigGuild, extra))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r.st = st
	det, err := NewDetector(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	build := &outputs.Builder{APIBase: r.fake.URL()}
	r.app, err = New(Options{Config: cfg, Store: st, Fetcher: NewFetcher(cfg, "", slog.New(slog.DiscardHandler)),
		Detector: det, Outputs: build, Logger: slog.New(slog.DiscardHandler), Tagger: tagger})
	if err != nil {
		t.Fatal(err)
	}
	rc := cfg.Discord.Reactions
	r.bot, err = discord.NewBot(discord.Options{Token: rigToken, APIBase: r.fake.URL(), GuildID: rigGuild, SendDeadline: 10 * time.Second,
		Reactions: discord.ReactionOptions{Enabled: rc.Enabled, Mute: rc.Mute, FalsePositive: rc.FalsePositive}}, r.app)
	if err != nil {
		t.Fatal(err)
	}
	build.Bot = r.bot
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := r.bot.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.bot.Close() })
	return r
}

// do runs a slash command, a pick or a click, and returns the answer's text.
func (r *curationRig) do(in discordtest.Interaction) (discordtest.Message, string) {
	r.t.Helper()
	if in.GuildID == "" {
		in.GuildID = rigGuild
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := r.fake.Interact(ctx, in)
	if err != nil {
		r.t.Fatalf("Interact: %v", err)
	}
	if err := res.Wait(ctx); err != nil {
		r.t.Fatalf("no answer: %v", err)
	}
	m, ok := res.Original()
	if !ok {
		r.t.Fatalf("no response message")
	}
	return m, m.Content
}

// subscribe runs /subscribe as the editor and returns the answer.
func (r *curationRig) subscribe(channel string, opts map[string]any) string {
	r.t.Helper()
	_, text := r.do(discordtest.Interaction{ChannelID: channel, UserID: rigEditor, Roles: []string{rigRole},
		Permissions: discordgo.PermissionManageChannels, Command: "subscribe", Options: opts})
	return text
}

// once polls every feed and delivers what is due.
func (r *curationRig) once() {
	r.t.Helper()
	if _, rep, err := r.app.Once(context.Background(), false); err != nil || rep.Incomplete() {
		r.t.Fatalf("Once = %+v, %v", rep, err)
	}
}

// links returns the story links the bot's posts in a channel show, sorted.
func (r *curationRig) links(channel string) []string {
	var out []string
	for _, m := range r.fake.Transcript(channel) {
		if m.InteractionID != "" {
			continue
		}
		for _, e := range m.Embeds {
			for _, part := range strings.Split(e.Description+"("+e.URL+")", "(https://")[1:] {
				link, _, _ := strings.Cut(part, ")")
				out = append(out, link)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestSubscribeLanguagesFromDiscord: a channel subscribed with
// languages:ko,ja gets the Korean and Japanese stories of the launch and
// no other; a channel without a filter gets all four; filters that would
// let nothing through are refused with the reason.
func TestSubscribeLanguagesFromDiscord(t *testing.T) {
	r := newCurationRig(t)
	for lang, s := range launch {
		r.feeds.add(lang, "launch", s[0], s[1])
	}
	refusals := []struct {
		opts map[string]any
		want string
	}{
		{map[string]any{"topic": "icbm", "languages": "ko,kr"}, `"kr" is not an ISO 639-1 language code`},
		{map[string]any{"topic": "icbm", "languages": "sw"}, `"sw" (Swahili) is not among the languages wirewatch detects`},
		{map[string]any{"topic": "icbm", "feeds": "yonhap-*"}, `"yonhap-*" matches no configured feed`},
		{map[string]any{"topic": "icbm", "feeds": "ko-wrie"}, `no feed is named "ko-wrie" (did you mean "ko-wire"?)`},
	}
	for _, ref := range refusals {
		// Discord shows the text with markdown escapes removed.
		got := strings.ReplaceAll(r.subscribe(rigWire, ref.opts), `\`, "")
		if !strings.Contains(got, "Could not subscribe") || !strings.Contains(got, ref.want) {
			t.Errorf("/subscribe %v = %q, want a refusal saying %q", ref.opts, got, ref.want)
		}
	}
	if got := r.subscribe(rigWire, map[string]any{"topic": "icbm", "schedule": "instant", "languages": "ko,ja"}); !strings.Contains(got, "languages `ko, ja`") {
		t.Fatalf("/subscribe languages:ko,ja = %q", got)
	}
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant"}); !strings.Contains(got, "Subscribed") {
		t.Fatalf("/subscribe = %q", got)
	}
	r.once()
	if got, want := r.links(rigWire), []string{"ja.example/launch", "ko.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the ko,ja channel shows %v, want %v", got, want)
	}
	if got := r.links(rigAll); len(got) != 4 {
		t.Errorf("the unfiltered channel shows %v, want the four stories", got)
	}
	// Nothing was queued for the filtered channel that it does not show.
	if pending, err := r.st.PendingCounts(context.Background()); err != nil || pending["discord:"+rigWire+":icbm"] != 0 {
		t.Errorf("pending = %v, %v; want nothing left for the filtered channel", pending, err)
	}
	if m, _ := r.do(discordtest.Interaction{ChannelID: rigWire, Command: "subscriptions"}); len(m.Embeds) != 1 || !strings.Contains(m.Embeds[0].Description, "languages `ko, ja`") {
		t.Errorf("/subscriptions = %+v, want the filter shown", m.Embeds)
	}
}

// TestForumSubscription: a topic subscribed into a forum posts the day's
// stories in one post named after it, and later stories as replies.
func TestForumSubscription(t *testing.T) {
	r := newCurationRig(t)
	if got := r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant", "channel": rigForum, "languages": "en,ko"}); !strings.Contains(got, "a post per day in the forum") {
		t.Fatalf("/subscribe channel:forum = %q", got)
	}
	r.feeds.add("en", "launch", launch["en"][0], launch["en"][1])
	r.once()
	r.feeds.add("ko", "launch", launch["ko"][0], launch["ko"][1])
	r.feeds.add("ja", "launch", launch["ja"][0], launch["ja"][1])
	r.once()
	posts := r.fake.Threads(rigForum)
	day := time.Now().UTC().Format(time.DateOnly)
	if len(posts) != 1 || posts[0].Name != "ICBMs · "+day || posts[0].Messages != 2 {
		t.Fatalf("forum posts = %+v, want one named %q with two messages", posts, "ICBMs · "+day)
	}
	if got, want := r.links(posts[0].ID), []string{"en.example/launch", "ko.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the post shows %v, want %v", got, want)
	}
	if got := r.links(rigAll); len(got) != 0 {
		t.Errorf("the channel the command was used in shows %v, want nothing: the forum was chosen", got)
	}
}

// TestReportWrongMatchFromDiscord: a reader's ❌ on a message of one story,
// and a pick in the menu under a message of several, record the stories
// as false positives of the topic with the terms that hit; a reader may
// not mute.
func TestReportWrongMatchFromDiscord(t *testing.T) {
	r := newCurationRig(t)
	r.subscribe(rigAll, map[string]any{"topic": "icbm", "schedule": "instant"})
	r.feeds.add("en", "ads", "ICBM Clothing opens its spring sale", "The ICBM streetwear label opens a store in Seoul.")
	r.once()
	msgs := r.fake.Transcript(rigAll)
	one := msgs[len(msgs)-1]
	if err := r.fake.React(discordtest.Reaction{GuildID: rigGuild, ChannelID: rigAll, MessageID: one.ID, UserID: rigReader, Emoji: "❌"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	waitFor(t, "the report", func() bool {
		fps, err := r.st.FalsePositives(ctx, time.Time{}, "")
		return err == nil && len(fps) == 1
	})
	fps, _ := r.st.FalsePositives(ctx, time.Time{}, "")
	if fp := fps[0]; fp.Topic != "icbm" || fp.Item != "ads" || !slices.Equal(fp.Terms(), []string{"ICBM"}) || fp.Channel != rigAll ||
		!slices.Equal(fp.Reporters, []string{rigReader}) || !strings.Contains(fp.Text, "streetwear") {
		t.Errorf("false positive = %+v", fp)
	}

	// Several stories in one message: the menu names each.
	for lang, s := range launch {
		r.feeds.add(lang, "second", "Second launch: "+s[0], s[1])
	}
	r.once()
	msgs = r.fake.Transcript(rigAll)
	digest := msgs[len(msgs)-1]
	rows := digest.ComponentList()
	if len(rows) != 1 || len(rows[0].Components[0].Options) != 4 {
		t.Fatalf("digest of four stories has components %+v, want a menu of four", rows)
	}
	opt := rows[0].Components[0].Options[2]
	a, _ := r.do(discordtest.Interaction{ChannelID: rigAll, UserID: rigReader, Type: discordtest.InteractionComponent,
		MessageID: digest.ID, CustomID: "ww:pick", Values: []string{opt.Value}})
	var mute, report string
	for _, c := range a.ComponentList()[0].Components {
		switch {
		case strings.HasPrefix(c.CustomID, "ww:mute:"):
			mute = c.CustomID
		case strings.HasPrefix(c.CustomID, "ww:fp:"):
			report = c.CustomID
		}
	}
	if _, text := r.do(discordtest.Interaction{ChannelID: rigAll, UserID: rigReader, Type: discordtest.InteractionComponent,
		MessageID: a.ID, CustomID: mute}); !strings.Contains(text, "Manage Channels") {
		t.Errorf("a reader's mute = %q, want a refusal naming Manage Channels", text)
	}
	a, _ = r.do(discordtest.Interaction{ChannelID: rigAll, UserID: rigReader, Type: discordtest.InteractionComponent,
		MessageID: digest.ID, CustomID: "ww:pick", Values: []string{opt.Value}})
	if _, text := r.do(discordtest.Interaction{ChannelID: rigAll, UserID: rigReader, Type: discordtest.InteractionComponent,
		MessageID: a.ID, CustomID: report}); !strings.Contains(text, "wrong match of icbm") {
		t.Errorf("report = %q", text)
	}
	fps, err := r.st.FalsePositives(ctx, time.Time{}, "icbm")
	if err != nil || len(fps) != 2 {
		t.Fatalf("false positives = %d, %v; want 2", len(fps), err)
	}
	// The story reported is the one picked: the third shown.
	if got := fps[0].Title; got != opt.Label {
		t.Errorf("reported %q, want the picked story %q", got, opt.Label)
	}
}

// waitFor polls cond for up to 15 s: reactions are handled in the
// background.
func waitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOutputFilterAndMentionInYAML: a configured webhook output with
// languages, feeds and a role to mention gets only the stories its filter
// keeps, and its digest mentions the role once.
func TestOutputFilterAndMentionInYAML(t *testing.T) {
	lf := &langFeeds{}
	for lang, s := range launch {
		lf.add(lang, "launch", s[0], s[1])
	}
	srv := httptest.NewServer(lf)
	defer srv.Close()
	fake := discordtest.New(discordtest.Options{Logger: slog.New(slog.DiscardHandler)})
	defer fake.Close()
	fake.AddGuild(rigGuild, "newsroom")
	fake.AddChannel(rigGuild, rigWire, "asia-desk")
	id, _ := fake.AddWebhook(rigWire)
	var feedList strings.Builder
	for _, lang := range []string{"en", "ko", "ja", "zh"} {
		fmt.Fprintf(&feedList, "  - url: %s/%s.xml\n    name: %s-wire\n", srv.URL, lang, lang)
	}
	cfg := parseConfig(t, fmt.Sprintf(`
languages: [en, ko, ja, zh]
feeds:
%s
topics:
  - id: icbm
    name: ICBMs
    any: [ICBM, intercontinental ballistic missile, 대륙간탄도미사일, 大陸間弾道ミサイル, 洲际弹道导弹]
outputs:
  - type: discord
    name: hook
    webhook: %s
    schedule: instant
    languages: [ja, zh, en]
    feeds: ["*a-wire", "zh-*"]
    mention: %q
discord:
  api_base: %s
`, feedList.String(), fake.WebhookURL(id), rigRole, fake.URL()))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	det, err := NewDetector(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: NewFetcher(cfg, "", slog.New(slog.DiscardHandler)), Detector: det,
		Outputs: outputs.Builder{APIBase: fake.URL()}, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if _, rep, err := a.Once(context.Background(), false); err != nil || rep.Incomplete() {
		t.Fatalf("Once = %+v, %v", rep, err)
	}
	r := &curationRig{fake: fake}
	// ko is not among the languages, en-wire not among the feeds.
	if got, want := r.links(rigWire), []string{"ja.example/launch", "zh.example/launch"}; !slices.Equal(got, want) {
		t.Errorf("the webhook's channel shows %v, want %v", got, want)
	}
	msgs := fake.Transcript(rigWire)
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Content, "<@&"+rigRole+"> ") || msgs[0].AllowedMentions == nil ||
		!slices.Equal(msgs[0].AllowedMentions.Roles, []string{rigRole}) || len(msgs[0].AllowedMentions.Parse) != 0 {
		t.Errorf("digest %q allows %+v, want it to mention the role and nobody else", msgs[0].Content, msgs[0].AllowedMentions)
	}
}
