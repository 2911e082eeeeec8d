package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/wirewatch/wirewatch"
)

// Replicated reports whether several processes may share this store at
// once (PostgreSQL): they then lease feeds (LeaseFeeds), claim deliveries
// (ClaimPending) and choose one leader (Lead). A SQLite store has one
// process, which its writer lock guarantees.
func (s *Store) Replicated() bool { return s.dialect == postgresDialect }

// skipLocked is appended to a SELECT that locks the rows it takes: on
// PostgreSQL rows another transaction holds are skipped, not waited for.
// SQLite's write transactions already exclude each other.
func (s *Store) skipLocked() string {
	if s.dialect == postgresDialect {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// LeaseFeeds leases to holder, until until, those of the feeds names
// whose lease expired (or that never had one), and returns them in the
// order given. A feed leased to another holder, or to this one for a
// window not over yet, is left out: it is polled once in its window
// whichever replica comes first. Rows another replica is leasing at the
// same moment are skipped, never waited for.
func (s *Store) LeaseFeeds(ctx context.Context, names []string, holder string, now, until time.Time) ([]string, error) {
	if len(names) == 0 {
		return nil, nil
	}
	// In one order for every replica: two transactions inserting the same
	// new rows in different orders wait on each other (a deadlock).
	list, err := json.Marshal(slices.Sorted(slices.Values(names)))
	if err != nil {
		return nil, fmt.Errorf("store: lease feeds: %w", err)
	}
	got := map[string]bool{}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO feed_leases (feed) SELECT value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`, string(list)); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `
SELECT feed FROM feed_leases WHERE feed IN (SELECT value FROM json_each(?)) AND expires <= ?`+s.skipLocked(),
			string(list), toNanos(now))
		if err != nil {
			return err
		}
		var free []string
		for rows.Next() {
			var f string
			if err := rows.Scan(&f); err != nil {
				rows.Close()
				return err
			}
			free = append(free, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(free) == 0 {
			return nil
		}
		taken, err := json.Marshal(free)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
UPDATE feed_leases SET holder = ?, expires = ? WHERE feed IN (SELECT value FROM json_each(?))`,
			holder, toNanos(until), string(taken)); err != nil {
			return err
		}
		for _, f := range free {
			got[f] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: lease feeds: %w", err)
	}
	var out []string
	for _, n := range names {
		if got[n] {
			out = append(out, n)
			delete(got, n) // a name given twice is leased once
		}
	}
	return out, nil
}

// ReleaseFeeds gives back holder's leases of the feeds names, for a poll
// that did not happen (shutting down): another replica may poll them in
// the same window.
func (s *Store) ReleaseFeeds(ctx context.Context, names []string, holder string) error {
	if len(names) == 0 {
		return nil
	}
	list, err := json.Marshal(names)
	if err != nil {
		return fmt.Errorf("store: release feeds: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `
UPDATE feed_leases SET holder = '', expires = 0 WHERE holder = ? AND feed IN (SELECT value FROM json_each(?))`,
		holder, string(list)); err != nil {
		return fmt.Errorf("store: release feeds: %w", err)
	}
	return nil
}

// ClaimPending claims for holder, until until, the undelivered rows of
// output and kind that nobody claims (or whose claim expired: its
// replica died or stalled), oldest first, at most limit of them, and
// returns them as Pending does. Rows in flight when an earlier claim
// ended keep their attempts, so the delivery that takes them over sends
// them first, as the same message (see app's deliverKind). Rows another
// replica is claiming at the same moment are skipped.
func (s *Store) ClaimPending(ctx context.Context, output string, kind wirewatch.Kind, limit int, holder string, now, until time.Time) ([]Pending, error) {
	var ids []int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
SELECT id FROM outbox WHERE status = 'pending' AND output = ? AND (? = '' OR kind = ?) AND claim_until <= ?
ORDER BY id LIMIT ?`+s.skipLocked(), output, kind, kind, toNanos(now), sqlLimit(limit))
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
UPDATE outbox SET claimed_by = ?, claim_until = ? WHERE id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`,
			holder, toNanos(until), string(list))
		return err
	})
	if err != nil || len(ids) == 0 {
		if err != nil {
			err = fmt.Errorf("store: claim pending for %q: %w", output, err)
		}
		return nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("store: claim pending for %q: %w", output, err)
	}
	out, err := s.queryOutbox(ctx, `
WHERE o.id IN (SELECT CAST(value AS BIGINT) FROM json_each(?)) AND o.claimed_by = ? ORDER BY o.id`, string(list), holder)
	if err != nil {
		return nil, fmt.Errorf("store: claim pending for %q: %w", output, err)
	}
	return out, nil
}

// ExtendClaims moves the expiry of every claim holder still has on
// pending rows to until: a replica renews its claims while it delivers,
// so that they expire only when it stops renewing them.
func (s *Store) ExtendClaims(ctx context.Context, holder string, until time.Time) error {
	if _, err := s.w.ExecContext(ctx, `
UPDATE outbox SET claim_until = ? WHERE claimed_by = ? AND status = 'pending' AND claim_until > 0`,
		toNanos(until), holder); err != nil {
		return fmt.Errorf("store: extend claims: %w", err)
	}
	return nil
}

// ReleaseClaims ends holder's claims on the rows ids that are still
// pending, so that any replica may take them at once.
func (s *Store) ReleaseClaims(ctx context.Context, ids []int64, holder string) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("store: release claims: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `
UPDATE outbox SET claimed_by = '', claim_until = 0
WHERE claimed_by = ? AND id IN (SELECT CAST(value AS BIGINT) FROM json_each(?))`, holder, string(list)); err != nil {
		return fmt.Errorf("store: release claims: %w", err)
	}
	return nil
}

// Claims returns, per replica, how many pending rows it has claimed with
// a claim that has not expired at now: the deliveries in flight.
func (s *Store) Claims(ctx context.Context, now time.Time) (map[string]int, error) {
	rows, err := s.r.QueryContext(ctx, `
SELECT claimed_by, count(*) FROM outbox WHERE status = 'pending' AND claim_until > ? GROUP BY claimed_by`, toNanos(now))
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var holder string
		var n int
		if err := rows.Scan(&holder, &n); err != nil {
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		out[holder] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	return out, nil
}

// Lead is this process's leadership among the replicas sharing a store:
// on PostgreSQL a session advisory lock held on a connection of its own,
// lost when that connection is; on SQLite the writer lock already makes
// the one process the leader.
type Lead struct {
	conn *sql.Conn
}

// ErrNotLeader is returned (wrapped) by Lead when another replica leads.
var ErrNotLeader = errors.New("another replica leads")

// Lead tries to make this process the leader, at once: it returns a
// *Lead, or an error wrapping ErrNotLeader when another replica holds the
// leadership. Call Lead.Check regularly: leadership ends with its
// connection (a network cut, a restarted server), and Release when done.
func (s *Store) Lead(ctx context.Context) (*Lead, error) {
	if s.dialect != postgresDialect {
		return &Lead{}, nil
	}
	conn, err := s.w.DB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: lead: %w", err)
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock(?, hashtext(current_schema()))`, pgLeaderLock).Scan(&ok); err != nil {
		conn.Close()
		return nil, fmt.Errorf("store: lead: %w", err)
	}
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("store: lead: %w", ErrNotLeader)
	}
	return &Lead{conn: conn}, nil
}

// Check reports whether the leadership still holds: its connection
// answers and still holds the lock. An error means it is lost.
func (l *Lead) Check(ctx context.Context) error {
	if l.conn == nil {
		return nil
	}
	var n int
	err := l.conn.QueryRowContext(ctx, `
SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
  AND classid = CAST(? AS BIGINT)::oid AND objid = (hashtext(current_schema())::bigint & 4294967295)::oid AND objsubid = 2`, pgLeaderLock).Scan(&n)
	if err == nil && n == 0 {
		err = errors.New("advisory lock no longer held")
	}
	if err != nil {
		return fmt.Errorf("store: leadership lost: %w", err)
	}
	return nil
}

// Release gives the leadership up.
func (l *Lead) Release() {
	if l == nil || l.conn == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Closing the connection alone would return it to the pool with the
	// lock held.
	if _, err := l.conn.ExecContext(ctx, `SELECT pg_advisory_unlock(?, hashtext(current_schema()))`, pgLeaderLock); err != nil {
		l.conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck // Drops the connection.
	}
	l.conn.Close()
}
