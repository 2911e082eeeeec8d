package app

import (
	"context"
	"log/slog"
	"time"
)

// Prune slims stories older than the configured retention (see
// store.Prune); it does nothing when retention is 0.
func (a *App) Prune(ctx context.Context) (int, error) {
	keep := time.Duration(a.Config().Retention)
	if keep <= 0 {
		return 0, nil
	}
	n, err := a.store.Prune(ctx, a.now().Add(-keep))
	if err == nil && n > 0 {
		a.log.Info("old stories slimmed", slog.Int("stories", n), slog.Duration("retention", keep))
	}
	return n, err
}
