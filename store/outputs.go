package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// LastDigest returns when output last received a digest, or the zero time
// if never.
func (s *Store) LastDigest(ctx context.Context, output string) (time.Time, error) {
	var n int64
	err := s.r.QueryRowContext(ctx, `SELECT last_digest FROM outputs WHERE name = ?`, output).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("store: last digest of %q: %w", output, err)
	}
	return fromNanos(n), nil
}

// SetLastDigest records that output received a digest at at.
func (s *Store) SetLastDigest(ctx context.Context, output string, at time.Time) error {
	_, err := s.w.ExecContext(ctx, `
INSERT INTO outputs (name, last_digest) VALUES (?, ?)
ON CONFLICT (name) DO UPDATE SET last_digest = excluded.last_digest`, output, toNanos(at))
	if err != nil {
		return fmt.Errorf("store: set last digest of %q: %w", output, err)
	}
	return nil
}

// DisableOutput records that output must not be delivered to any more (for
// example a webhook that answered 404), and why. Disabling it again
// replaces the reason.
func (s *Store) DisableOutput(ctx context.Context, output, reason string) error {
	_, err := s.w.ExecContext(ctx, `
INSERT INTO outputs (name, disabled_reason, disabled_at) VALUES (?, ?, ?)
ON CONFLICT (name) DO UPDATE SET disabled_reason = excluded.disabled_reason, disabled_at = excluded.disabled_at`,
		output, reason, toNanos(time.Now()))
	if err != nil {
		return fmt.Errorf("store: disable output %q: %w", output, err)
	}
	return nil
}

// EnableOutput undoes DisableOutput. It reports whether output was disabled.
func (s *Store) EnableOutput(ctx context.Context, output string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `
UPDATE outputs SET disabled_reason = NULL, disabled_at = 0
WHERE name = ? AND disabled_reason IS NOT NULL`, output)
	if err != nil {
		return false, fmt.Errorf("store: enable output %q: %w", output, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: enable output %q: %w", output, err)
	}
	return n > 0, nil
}

// DisabledOutputs returns the disabled outputs with the reason given for
// each.
func (s *Store) DisabledOutputs(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, disabled_reason FROM outputs WHERE disabled_reason IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: disabled outputs: %w", err)
	}
	defer rows.Close()
	out := make(map[string]string)
	for rows.Next() {
		var name, reason string
		if err := rows.Scan(&name, &reason); err != nil {
			return nil, fmt.Errorf("store: disabled outputs: %w", err)
		}
		out[name] = reason
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: disabled outputs: %w", err)
	}
	return out, nil
}
