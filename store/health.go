package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// writer is the writer pool. It notes every write error that means the
// database cannot store.
type writer struct {
	*sql.DB
	h *health
}

// ExecContext runs one write statement, noting a storage error.
func (w *writer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := w.DB.ExecContext(ctx, query, args...)
	if err != nil {
		w.h.fail(err)
	}
	return res, err
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
// Any error, panic or cancellation of ctx rolls everything back. A storage
// error is noted.
func (w *writer) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := func() error {
		tx, err := w.DB.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback() //nolint:errcheck // A no-op after Commit.
		if err := fn(tx); err != nil {
			// A cancelled context closes the transaction under fn, whose
			// statements then fail as closed: say why.
			if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
				return fmt.Errorf("%w (%w)", cerr, err)
			}
			return err
		}
		return tx.Commit()
	}()
	if err != nil {
		w.h.fail(err)
	}
	return err
}

// health is whether the database can store: a storage error noted by a
// failed write, or reported by the pipeline for a poll, until the pipeline
// reports a poll that stored everything it had to. Small writes (updates in
// place, a commit that fits in the write-ahead log's space) may still
// succeed on a full disk, so a successful commit proves nothing.
type health struct {
	mu    sync.Mutex
	err   error
	since time.Time
	// lock, when this process holds the writer lock, gets a copy in its
	// record, for `wirewatch status` in another process.
	lock *lock
}

// fail notes err when it is a storage error.
func (h *health) fail(err error) {
	if !IsStorageError(err) {
		return
	}
	h.mu.Lock()
	if h.err == nil {
		h.since = time.Now().UTC()
	}
	h.err = err
	since := h.since
	h.mu.Unlock()
	h.lock.setStoreError(truncateError(err.Error()), since)
}

// ok notes that the database stores again.
func (h *health) ok() {
	h.mu.Lock()
	was := h.err
	h.err, h.since = nil, time.Time{}
	h.mu.Unlock()
	if was != nil {
		h.lock.setStoreError("", time.Time{})
	}
}

// IsStorageError reports whether err is an SQLite (or PostgreSQL) error that means the
// database cannot store anything, whatever is written: the disk is full,
// the file or its file system is read-only, an I/O error, a corrupt file,
// a file that cannot be opened. Constraint errors, busy timeouts and
// cancellations are not.
func IsStorageError(err error) bool {
	if isPostgresStorageError(err) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT,
		sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_PERM, sqlite3.SQLITE_NOLFS:
		return true
	}
	return false
}

// StoreError is a storage error the database has been failing with.
type StoreError struct {
	// Since is when writes began to fail.
	Since time.Time
	// Msg is the last error.
	Msg string
	// Reporter is the process that saw it, when it is another process.
	Reporter Holder
}

// Error says since when writes fail, and why.
func (e *StoreError) Error() string {
	msg := "database writes failing"
	if !e.Since.IsZero() {
		msg += " since " + e.Since.UTC().Format("2006-01-02 15:04:05 MST")
	}
	return msg + ": " + e.Msg
}

// WriteError returns the storage error the database's writes have failed
// with, until a poll stored everything it had to (see SetPollResult), or
// nil. For a
// Store opened Shared, it is what the process holding (or last holding)
// the writer lock recorded in the lock file. On PostgreSQL it is this
// process's own.
func (s *Store) WriteError() *StoreError {
	if s.lock != nil || s.dialect == postgresDialect {
		s.health.mu.Lock()
		defer s.health.mu.Unlock()
		if s.health.err == nil {
			return nil
		}
		return &StoreError{Since: s.health.since, Msg: s.health.err.Error()}
	}
	h, err := ReadHolder(s.path)
	if err != nil || h.StoreError == "" {
		return nil
	}
	return &StoreError{Since: h.StoreErrorSince, Msg: h.StoreError, Reporter: h}
}

// SetPollResult records how a poll's writes went: a storage error
// (IsStorageError) that kept it from storing stories or feed states marks
// the store as failing; nil, for a poll that stored everything it had to,
// clears a storage error noted before.
func (s *Store) SetPollResult(err error) {
	if err == nil {
		s.health.ok()
		return
	}
	s.health.fail(err)
}

// Check reports whether the store works: it answers a query within ctx,
// and its writes are not failing with a storage error.
func (s *Store) Check(ctx context.Context) error {
	var one int
	if err := s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: %s does not answer: %w", s.path, err)
	}
	if e := s.WriteError(); e != nil {
		return fmt.Errorf("store: %s: %w", s.path, e)
	}
	return nil
}

// markUnstored marks as failed the feeds whose saved state predates a
// storage error and that were due since: their polls could not store
// anything, not even their own state.
func (s *Store) markUnstored(fs []wirewatch.FeedStatus, now time.Time) {
	e := s.WriteError()
	if e == nil {
		return
	}
	for i := range fs {
		f := &fs[i]
		if f.LastFetch.Before(e.Since) && !f.NextPoll.After(now) {
			f.Result = wirewatch.ResultError
			f.LastError = "stories not stored: " + e.Error()
			f.New = 0
		}
	}
}
