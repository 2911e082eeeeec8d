package app

import (
	"context"
	"log/slog"
	"time"
)

// Prune applies the configured retention (see store.Prune) and returns how
// many stories it slimmed or deleted; it does nothing when retention is 0.
func (a *App) Prune(ctx context.Context) (int, error) {
	// An event takes no story after its window: its alerts are no longer
	// edited.
	if _, err := a.store.PruneEventAlerts(ctx, a.now().Add(-2*time.Duration(a.Config().Events.Window))); err != nil {
		return 0, err
	}
	keep := time.Duration(a.Config().Retention)
	if keep <= 0 {
		return 0, nil
	}
	rep, err := a.store.Prune(ctx, a.now().Add(-keep))
	if err == nil && rep.Slimmed+rep.Deleted > 0 {
		a.log.Info("old stories pruned", slog.Int("slimmed", rep.Slimmed), slog.Int("deleted", rep.Deleted),
			slog.Int64("reclaimed_bytes", rep.Reclaimed), slog.Duration("retention", keep))
	}
	return rep.Slimmed + rep.Deleted, err
}
