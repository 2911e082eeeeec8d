package config

import (
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/article"
)

func TestFeedOptions(t *testing.T) {
	data := []byte(`
poll:
  dead_after: 2d
feeds:
  - url: https://example.org/full.xml
  - url: https://example.org/teasers.xml
    fetch_article: true
    tags: [" Asia ", Korea/North]
  - url: https://example.org/mixed.xml
    fetch_article: AUTO
  - url: https://example.org/off.xml
    fetch_article: false
`)
	cfg, err := Parse("c.yaml", data, noEnv)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := time.Duration(cfg.Poll.DeadAfter), 48*time.Hour; got != want {
		t.Errorf("poll.dead_after = %v, want %v", got, want)
	}
	for i, want := range []article.Mode{article.Off, article.On, article.Auto, article.Off} {
		if got := cfg.Feeds[i].FetchArticle; got != want {
			t.Errorf("feeds[%d].fetch_article = %q, want %q", i, got, want)
		}
	}
	if got, want := cfg.Feeds[1].Tags, []string{"Asia", "Korea/North"}; !slices.Equal(got, want) {
		t.Errorf("feeds[1].tags = %q, want %q", got, want)
	}
	def, err := Parse("c.yaml", []byte("feeds: []\n"), noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if got := def.Poll.DeadAfter; got != DefaultDeadAfter {
		t.Errorf("default poll.dead_after = %v, want %v", time.Duration(got), time.Duration(DefaultDeadAfter))
	}
}
