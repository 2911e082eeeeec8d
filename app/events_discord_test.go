package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/internal/discordtest"
	"github.com/wirewatch/wirewatch/outputs"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// TestDigestShowsEachEventOnceOnDiscord polls the demo's five feeds and
// delivers a digest through the real path (digest.Build, the Discord
// renderer, a webhook) to the fake Discord: the launch five outlets carry
// in four languages is one story in the channel, led by an English one,
// with how widely it is carried, links to the other outlets and a gloss on
// each foreign story.
func TestDigestShowsEachEventOnceOnDiscord(t *testing.T) {
	ctx := context.Background()
	fake := discordtest.New(discordtest.Options{Logger: slog.New(slog.DiscardHandler)})
	defer fake.Close()
	fake.AddGuild("700000000000000001", "g")
	fake.AddChannel("700000000000000001", rigChannel, "news")
	id, _ := fake.AddWebhook(rigChannel)
	yaml := demoFeeds("wire", "press", "lenta", "yonhap", "xinhua")
	yaml = strings.Replace(yaml, "outputs: [{type: jsonl, name: rec, path: /dev/null, all_stories: true}]\n", fmt.Sprintf(`
topics:
  - id: icbm
    name: ICBMs and long-range missiles
    any: [ICBM*, intercontinental ballistic missile*, межконтинентальн* баллистическ* ракет*, 洲际弹道导弹, 대륙간탄도미사일]
outputs:
  - {type: discord, name: hook, webhook: "${HOOK}"}
discord: {api_base: %s}
`, fake.URL()), 1)
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"), []byte(yaml), func(k string) (string, bool) { return fake.WebhookURL(id), k == "HOOK" })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tagger, err := topics.NewTagger()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}), Outputs: outputs.Builder{APIBase: fake.URL()},
		Logger: slog.New(slog.DiscardHandler), Tagger: tagger})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Once(ctx, false); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, m := range fake.Transcript(rigChannel) {
		for _, e := range m.Embeds {
			all.WriteString(e.Description + "\n")
		}
	}
	got := all.String()
	if n := strings.Count(got, "**[North Korea test-fires"); n != 1 {
		t.Errorf("the launch is shown %d times as a story, want once:\n%s", n, got)
	}
	for _, lang := range []string{"КНДР провела", "북한, 동해상", "朝鲜发射"} {
		if strings.Contains(got, "**["+lang) {
			t.Errorf("the %q story is shown on its own, want it folded into the event:\n%s", lang, got)
		}
	}
	for _, want := range []string{
		"5 outlets · 4 languages (en, ko, ru, zh)\n› ",
		"› [lenta](https://lenta.example.org/news/2026/11/26/kndr-pusk/) `ru` · *about: North Korea",
		"› [yonhap](https://news.example.kr/nk/5501) `ko` · *about: North Korea",
		"› [xinhua](https://news.example.cn/world/7001.html) `zh` · *about: North Korea",
		"› [wire](https://wire.example.org/world/nk-icbm-launch) `en`\n",
		"(East Sea\\)* (gloss)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("channel lacks %q:\n%s", want, got)
		}
	}
}
