package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Get returns the value stored under key, and whether there is one.
func (s *Store) Get(ctx context.Context, key string) ([]byte, bool, error) {
	var v []byte
	err := s.r.QueryRowContext(ctx, `SELECT value FROM kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: get %q: %w", key, err)
	}
	if v == nil {
		v = []byte{}
	}
	return v, true, nil
}

// Put stores value under key, replacing any value there.
func (s *Store) Put(ctx context.Context, key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	_, err := s.w.ExecContext(ctx, `
INSERT INTO kv (key, value, updated) VALUES (?, ?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
		key, value, toNanos(time.Now()))
	if err != nil {
		return fmt.Errorf("store: put %q: %w", key, err)
	}
	return nil
}
