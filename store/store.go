// Package store keeps wirewatch's state in one SQLite database: the state of
// each feed, every story seen, the outbox of deliveries owed to each output,
// Discord subscriptions, disabled outputs, a cache of fetched article pages
// and a small key-value table.
//
// It is the only package that talks to SQLite. The database runs in WAL mode
// with one writer connection and a small pool of read-only connections, so a
// Store is safe for concurrent use. Everything that must happen together
// (a story and the deliveries it is owed, for example) happens in one
// transaction, which makes delivery at-least-once: a story is stored before it
// is delivered and a delivery is only marked done after the output took it.
//
// Times are stored as UTC unix nanoseconds and returned in UTC. The zero
// time.Time is stored as 0 and comes back as the zero time.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // Registers the "sqlite" database/sql driver.
)

// ErrNotFound is returned (wrapped) when an operation names a row that does
// not exist.
var ErrNotFound = errors.New("not found")

// ErrSchemaTooNew is returned (wrapped) by Open when the database was written
// by a newer wirewatch that knows migrations this binary does not.
var ErrSchemaTooNew = errors.New("database schema is newer than this wirewatch")

const (
	// busyTimeout is how long a connection waits for another process's
	// lock before giving up with SQLITE_BUSY.
	busyTimeout = 5 * time.Second
	// readConns bounds the pool of read-only connections.
	readConns = 4
)

// Store is an open wirewatch database. Its methods are safe for concurrent
// use. Call Close when done.
type Store struct {
	// w is the single writer connection; every write and every
	// transaction goes through it, so writers queue in-process instead of
	// fighting over SQLite's lock.
	w *sql.DB
	// r is a pool of read-only connections; in WAL mode readers see the
	// last committed state and never block the writer.
	r *sql.DB
	// path is the database file, for error messages.
	path string
}

// Open opens the database at path, creating it and its parent directory if
// needed, and brings its schema up to date. It refuses, with an error
// wrapping ErrSchemaTooNew, a database whose schema is newer than this
// binary knows.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("store: open %s: create directory: %w", path, err)
	}
	w, err := openPool(ctx, abs, false)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	if err := migrate(ctx, w, migrations); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r, err := openPool(ctx, abs, true)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r.SetMaxOpenConns(readConns)
	r.SetMaxIdleConns(readConns)
	return &Store{w: w, r: r, path: path}, nil
}

// openPool opens a connection pool on the database file at the absolute
// path abs, with the pragmas every connection needs.
func openPool(ctx context.Context, abs string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		// Writes take the lock at BEGIN, so a transaction never fails
		// half-way because another process got there first.
		q.Set("_txlock", "immediate")
	}
	// The URI form keeps file names holding '?' or '#' intact.
	dsn := "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database. Calls in flight finish first; rows they did not
// commit are rolled back by SQLite.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
// Any error, panic or cancellation of ctx rolls everything back.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // A no-op after Commit.
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// toNanos turns t into the stored form: unix nanoseconds, 0 for the zero
// time. Times outside the years 1678 to 2262, which nanoseconds cannot hold,
// are clamped to those bounds.
func toNanos(t time.Time) int64 {
	switch {
	case t.IsZero():
		return 0
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// fromNanos is the inverse of toNanos; it returns UTC times.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
