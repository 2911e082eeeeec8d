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
//
// The same store runs on PostgreSQL (pgx) when Open is given a postgres://
// URL, so that several replicas share one database: same schema history
// (each migration has both forms; see migration for how to add one), same
// queries (written once, translated by rebind), same tests (the suite runs
// on both, see suite_test.go). The writer lock is SQLite's alone.
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
	"sync"
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
	// fighting over SQLite's lock. It notes the errors that mean the
	// database cannot store anything.
	w *writer
	// r is a pool of read-only connections; in WAL mode readers see the
	// last committed state and never block the writer.
	r *sql.DB
	// dialect is the database the store runs on.
	dialect dialect
	// path is the database file, or the PostgreSQL URL without its
	// password, for error messages.
	path string
	// abs is the database file's absolute path.
	abs string
	// lock is the writer lock this Store holds; nil when opened Shared.
	lock *lock
	// stmts are the statements of a poll's writes, prepared once.
	stmts statements
	// health tracks whether writes work.
	health    *health
	closeOnce sync.Once
	closeErr  error
}

// Option changes how Open opens a database.
type Option func(*openOptions)

type openOptions struct {
	shared  bool
	wait    time.Duration
	command string
}

// Shared opens the database without its writer lock, for short commands
// that may run beside `run` or `once`: reading state, or requeueing failed
// deliveries. SQLite keeps their writes consistent; the lock is what keeps
// two pipelines from delivering the same stories. A Shared open brings the
// schema up to date only when no other process holds the lock.
func Shared() Option { return func(o *openOptions) { o.shared = true } }

// LockWait makes Open wait up to d for another process to release the
// database's writer lock before it fails with a *LockedError. Without it
// Open fails at once.
func LockWait(d time.Duration) Option { return func(o *openOptions) { o.wait = max(d, 0) } }

// Command names what this process runs ("run", "once"), as recorded in the
// lock file and shown to a process that finds the lock taken.
func Command(name string) Option { return func(o *openOptions) { o.command = name } }

// Open opens the database at path, creating it (mode 0600) and its parent
// directories (mode 0700) if needed, and brings its schema up to date. It
// takes the database's writer lock, an OS file lock on path+".lock" held
// until Close (the kernel drops it when the process dies), so that two
// processes never run the pipeline on one database: when another process
// holds it Open returns a *LockedError, at once or after LockWait. Shared
// opens without the lock.
//
// It refuses, with an error wrapping ErrSchemaTooNew, a database whose
// schema is newer than this binary knows.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	var o openOptions
	for _, opt := range opts {
		opt(&o)
	}
	if path == "" {
		return nil, errors.New("store: open: empty database path")
	}
	if IsPostgres(path) {
		s := &Store{dialect: postgresDialect, path: RedactDSN(path), health: &health{}}
		if err := s.openPostgres(ctx, path); err != nil {
			s.Close()
			return nil, fmt.Errorf("store: open %s: %w", s.path, err)
		}
		return s, nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := createPrivate(abs); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{path: path, abs: abs, health: &health{}}
	if !o.shared {
		if s.lock, err = acquire(ctx, path, o.command, o.wait); err != nil {
			var le *LockedError
			if errors.As(err, &le) {
				return nil, fmt.Errorf("store: %w", err)
			}
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
		s.health.lock = s.lock
		if h := s.lock.holder(); h.StoreError != "" {
			s.health.err, s.health.since = errors.New(h.StoreError), h.StoreErrorSince
		}
	}
	if err := s.openPools(ctx, o); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return s, nil
}

// createPrivate creates the database's missing parent directories with
// mode 0700 and the database file itself, when missing, with mode 0600:
// SQLite gives its -wal and -shm files the database file's mode. Existing
// directories and files keep their modes.
func createPrivate(abs string) error {
	if _, err := os.Stat(abs); err == nil {
		return nil // nothing to create, perhaps on a read-only file system
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// openPools opens the writer and reader pools and migrates the schema.
func (s *Store) openPools(ctx context.Context, o openOptions) error {
	w, err := openPool(ctx, s.abs, false)
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	s.w = &writer{DB: w, h: s.health}
	if o.shared {
		err = s.migrateShared(ctx)
	} else {
		err = migrate(ctx, w, migrations)
	}
	if err != nil {
		return err
	}
	if err := s.prepare(ctx); err != nil {
		return err
	}
	s.r, err = openPool(ctx, s.abs, true)
	if err != nil {
		return err
	}
	s.r.SetMaxOpenConns(readConns)
	s.r.SetMaxIdleConns(readConns)
	return nil
}

// migrateShared migrates a database opened Shared, taking the writer lock
// for the time of the migration: only when the schema is behind, and only
// if no other process holds the lock.
func (s *Store) migrateShared(ctx context.Context) error {
	var v int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case v > len(migrations):
		return tooNew(v, len(migrations))
	case v == len(migrations):
		return nil
	}
	l, err := acquire(ctx, s.path, "schema upgrade", 0)
	if err != nil {
		var le *LockedError
		if errors.As(err, &le) {
			return fmt.Errorf("schema version %d needs upgrading to %d, which %s must do first (or stop it): %w",
				v, len(migrations), le.Holder, err)
		}
		return err
	}
	defer l.release()
	return migrate(ctx, s.w.DB, migrations)
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

// schemaVersion returns the version of the database's schema.
func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	q := "PRAGMA user_version"
	if s.dialect == postgresDialect {
		q = "SELECT version FROM schema_version"
	}
	var v int
	err := s.w.QueryRowContext(ctx, q).Scan(&v)
	return v, err
}

// Close closes the database and releases its writer lock. Calls in flight
// finish first; rows they did not commit are rolled back by SQLite. Closing
// twice is harmless.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.r != nil && (s.w == nil || s.r != s.w.DB) {
			errs = append(errs, s.r.Close())
		}
		errs = append(errs, s.stmts.close())
		if s.w != nil {
			errs = append(errs, s.w.Close())
		}
		errs = append(errs, s.lock.release())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// Path returns the database file's path, as given to Open, or the
// PostgreSQL URL without its password.
func (s *Store) Path() string { return s.path }

// inTx runs fn in a write transaction and commits it when fn returns nil.
// Any error, panic or cancellation of ctx rolls everything back.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.w.inTx(ctx, fn)
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
