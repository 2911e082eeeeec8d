package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/wirewatch/wirewatch/store"
)

// FeedStopAfter is how long a feed may keep failing before its polling
// stops, until `wirewatch retry -feed NAME` resumes it.
const FeedStopAfter = 30 * 24 * time.Hour

// noteFailure records one more failed fetch in st: when the run of
// failures began, and whether it has lasted long enough to stop polling.
func noteFailure(st *store.FeedState, now time.Time, log *slog.Logger) {
	if st.Failures == 0 || st.FailingSince.IsZero() {
		st.FailingSince = now
	}
	if now.Sub(st.FailingSince) >= FeedStopAfter && st.Stopped.IsZero() {
		st.Stopped = now
		log.Warn("feed failing for 30 days: polling stopped; `wirewatch retry -feed NAME` resumes it",
			slog.Time("failing_since", st.FailingSince))
	}
}

// noteSuccess records a fetch that worked in st.
func noteSuccess(st *store.FeedState) {
	st.FailingSince = time.Time{}
}

// FeedNotice is a change in a configured feed's health that the people
// who receive it should hear about, once: the feed is dead (it has been
// failing for poll.dead_after), or it works again after its death was
// announced.
type FeedNotice struct {
	// Feed is the feed's name. Notices carry no address: members of a
	// Discord server need not see where a feed is fetched from.
	Feed string
	// Dead is true for a death, false for a recovery.
	Dead bool
	// Since is when the feed started failing, for a death; when it last
	// worked, for a recovery.
	Since time.Time
	// Failures and LastError describe the failures, for a death.
	// LastError may name the feed's address (a fetch error does): remove
	// it before showing the error to a server's members, as /status does.
	Failures  int
	LastError string
	// Stopped is true when the feed's polling has stopped (see
	// FeedStopAfter).
	Stopped bool
}

// FeedNotices returns the deaths and recoveries of configured feeds not
// announced yet, deaths first, each sorted by feed name. Whoever
// announces one calls MarkFeedNoticed, so that it is announced once.
func (a *App) FeedNotices(ctx context.Context) ([]FeedNotice, error) {
	cfg := a.Config()
	configured := map[string]bool{}
	for _, f := range cfg.Feeds {
		configured[f.Name] = true
	}
	dead, recovered, err := a.store.FeedsToAnnounce(ctx, a.now(), time.Duration(cfg.Poll.DeadAfter))
	if err != nil {
		return nil, err
	}
	var out []FeedNotice
	for _, st := range dead {
		if configured[st.Name] {
			out = append(out, FeedNotice{Feed: st.Name, Dead: true, Since: st.FailingSince,
				Failures: st.Failures, LastError: st.LastError, Stopped: !st.Stopped.IsZero()})
		}
	}
	for _, st := range recovered {
		if configured[st.Name] {
			out = append(out, FeedNotice{Feed: st.Name, Since: st.LastFetch})
		}
	}
	return out, nil
}

// MarkFeedNoticed records that n was announced. It is a no-op for a
// notice the feed's health has since overtaken (a dead feed that works
// again, a recovered one that fails again): the newer change is then
// returned by FeedNotices.
func (a *App) MarkFeedNoticed(ctx context.Context, n FeedNotice) error {
	var err error
	if n.Dead {
		_, err = a.store.MarkDeadAnnounced(ctx, n.Feed, a.now())
	} else {
		_, err = a.store.MarkRecoveryAnnounced(ctx, n.Feed)
	}
	return err
}
