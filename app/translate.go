package app

import (
	"context"
	"log/slog"
	"sync/atomic"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
)

// Translator translates headlines into one language.
type Translator interface {
	Translate(ctx context.Context, texts []string) ([]string, error)
	Target() string
}

// translations is what a poll may still translate.
type translations struct {
	t Translator
	// left is the headlines this poll may still send.
	left atomic.Int64
}

// translateHeadlines asks the translator for the headlines of the new
// stories that carry a gloss (those not in the readers' languages), as
// many as the poll's budget allows, and caches them in the store, where
// deliveries find them. Cached headlines are not sent again. When the
// server fails, the stories keep their gloss and the poll goes on.
func (a *App) translateHeadlines(ctx context.Context, cfg *config.Config, items []*wirewatch.Item) {
	tr := a.translations
	if tr == nil || len(items) == 0 {
		return
	}
	target := tr.t.Target()
	var want []string
	seen := map[string]bool{}
	for _, it := range items {
		if it.Gloss == "" || it.Language() == target || it.Title == "" || seen[it.Title] {
			continue
		}
		seen[it.Title] = true
		want = append(want, it.Title)
	}
	if len(want) == 0 {
		return
	}
	cached, err := a.store.Translations(ctx, target, want)
	if err != nil {
		a.log.Warn("translations not read", slog.Any("error", err))
		return
	}
	var send []string
	for _, w := range want {
		if _, ok := cached[w]; !ok {
			send = append(send, w)
		}
	}
	if n := int64(len(send)); n > 0 {
		if tr.left.Add(-n) < 0 {
			// Over the poll's budget: send what is left of it.
			keep := max(0, int(n+tr.left.Load()))
			tr.left.Store(0)
			send = send[:min(keep, len(send))]
		}
	}
	if len(send) > 0 {
		got, err := tr.t.Translate(ctx, send)
		if err != nil {
			a.log.Warn("headlines not translated; their gloss stays", slog.Int("headlines", len(send)), slog.Any("error", err))
		} else {
			fresh := make(map[string]string, len(send))
			for i, s := range send {
				if got[i] != "" {
					fresh[s] = got[i]
					cached[s] = got[i]
				}
			}
			if err := a.store.AddTranslations(ctx, target, fresh, a.now()); err != nil {
				a.log.Warn("translations not cached", slog.Any("error", err))
			}
		}
	}
	for _, it := range items {
		if t, ok := cached[it.Title]; ok && it.Gloss != "" {
			it.Translation = t
		}
	}
}

// beginTranslations gives a poll its budget of headlines.
func (a *App) beginTranslations(cfg *config.Config) {
	if a.translations != nil {
		a.translations.left.Store(int64(cfg.Translate.Budget))
	}
}
