package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// ErrLocked is returned, wrapped in a *LockedError, by Open when another
// process holds the database's writer lock.
var ErrLocked = errors.New("database in use by another wirewatch process")

// LockSuffix is appended to the database path to name its lock file. The
// file stays after the process ends: it is the lock's anchor, and it keeps
// the record of the last process that held the lock.
const LockSuffix = ".lock"

const (
	// recordSize is the lock file's size. The record is always written in
	// place over these bytes, padded with spaces, so that updating it
	// needs no new disk blocks and still works when the disk is full.
	recordSize = 4096
	// maxRecordedError bounds the store error kept in the record.
	maxRecordedError = 1024
	// lockRetry is how often a waiting Open tries the lock again.
	lockRetry = 100 * time.Millisecond
)

// Holder describes the process that holds, or last held, a database's
// writer lock, as recorded in its lock file.
type Holder struct {
	// PID is the process id, on Host.
	PID int `json:"pid"`
	// Host is the name of the machine (or container) the process runs on.
	Host string `json:"host,omitempty"`
	// Command is what the process runs, such as "run" or "once".
	Command string `json:"command,omitempty"`
	// Started is when it took the lock.
	Started time.Time `json:"started"`
	// StoreError is the last write error of the kind that means the
	// database cannot store anything (a full disk, a read-only file, an
	// I/O error), while it lasts; "" when writes work.
	StoreError string `json:"store_error,omitempty"`
	// StoreErrorSince is when writes began to fail.
	StoreErrorSince time.Time `json:"store_error_since,omitzero"`
}

// String describes the holder for people: "wirewatch run (pid 42 on host
// box, since 2026-03-14 09:26:53 UTC)".
func (h Holder) String() string {
	if h.PID == 0 {
		return "another wirewatch process (pid not recorded yet)"
	}
	who := "wirewatch"
	if h.Command != "" {
		who += " " + h.Command
	}
	where := fmt.Sprintf("pid %d", h.PID)
	if h.Host != "" {
		where += " on host " + h.Host
	}
	if !h.Started.IsZero() {
		where += ", since " + h.Started.UTC().Format("2006-01-02 15:04:05 MST")
	}
	return who + " (" + where + ")"
}

// LockedError says that another process holds the database's writer lock,
// and which.
type LockedError struct {
	// Database is the database file; LockFile is its lock file.
	Database, LockFile string
	// Holder is the process recorded in the lock file.
	Holder Holder
	// Waited is how long Open waited for the lock before giving up.
	Waited time.Duration
}

// Error names the database, the process holding it and the lock file.
func (e *LockedError) Error() string {
	msg := fmt.Sprintf("%s is in use by %s; lock file %s", e.Database, e.Holder, e.LockFile)
	if e.Waited > 0 {
		msg += fmt.Sprintf("; gave up after waiting %s", e.Waited.Round(time.Millisecond))
	}
	return msg + ": only one wirewatch run or once may use a database at a time"
}

// Unwrap returns ErrLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// ReadHolder returns the record in the lock file of the database at
// dbPath: the process holding its lock, or the last one that held it. It
// returns a zero Holder, and no error, when there is no lock file or no
// record in it.
func ReadHolder(dbPath string) (Holder, error) {
	b, err := os.ReadFile(dbPath + LockSuffix)
	if errors.Is(err, os.ErrNotExist) {
		return Holder{}, nil
	}
	if err != nil {
		return Holder{}, fmt.Errorf("store: read lock file: %w", err)
	}
	return parseRecord(b), nil
}

// parseRecord reads a lock file's contents; anything unreadable (an older
// format, a record cut short by a crash) counts as no record.
func parseRecord(b []byte) Holder {
	var h Holder
	if err := json.Unmarshal(bytes.TrimRight(b, " \n\x00"), &h); err != nil {
		return Holder{}
	}
	return h
}

// lock is a held writer lock and the record in its file.
type lock struct {
	path string
	f    *os.File
	mu   sync.Mutex
	rec  Holder
}

// acquire takes the writer lock of the database at dbPath, waiting up to
// wait for another process to release it, and records this process in the
// lock file. The lock file is created 0600.
func acquire(ctx context.Context, dbPath, command string, wait time.Duration) (*lock, error) {
	path := dbPath + LockSuffix
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	start := time.Now()
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if ok {
			break
		}
		waited := time.Since(start)
		if waited >= wait || ctx.Err() != nil {
			f.Close()
			h, _ := ReadHolder(dbPath)
			return nil, &LockedError{Database: dbPath, LockFile: path, Holder: h, Waited: waited.Round(time.Second / 10)}
		}
		t := time.NewTimer(min(lockRetry, wait-waited))
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
	host, _ := os.Hostname()
	l := &lock{path: path, f: f, rec: Holder{PID: os.Getpid(), Host: host, Command: command, Started: time.Now().UTC().Truncate(time.Second)}}
	// A storage error the previous holder left stands until a poll
	// stores again: a `once` after a failed one must not look healthy
	// because its feeds are backing off.
	if prev, err := ReadHolder(dbPath); err == nil {
		l.rec.StoreError, l.rec.StoreErrorSince = prev.StoreError, prev.StoreErrorSince
	}
	if err := l.write(); err != nil {
		l.release()
		return nil, fmt.Errorf("write lock file %s: %w", path, err)
	}
	return l, nil
}

// write puts the record in the lock file, in place over its fixed size.
func (l *lock) write() error {
	b, err := json.Marshal(l.rec)
	if err != nil {
		return err
	}
	if len(b) > recordSize-1 {
		return fmt.Errorf("lock record of %d bytes", len(b))
	}
	buf := bytes.Repeat([]byte{' '}, recordSize)
	copy(buf, b)
	buf[recordSize-1] = '\n'
	_, err = l.f.WriteAt(buf, 0)
	return err
}

// setStoreError records in the lock file that writes fail (msg not empty)
// or work again (msg empty), when that changed.
func (l *lock) setStoreError(msg string, since time.Time) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.rec.StoreError == msg {
		return
	}
	l.rec.StoreError, l.rec.StoreErrorSince = msg, since
	// Best effort: the record is informational, and the in-memory health
	// is what this process reports.
	_ = l.write()
}

// holder returns the record as this process last wrote it.
func (l *lock) holder() Holder {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.rec
}

// release unlocks and closes the lock file; the file itself stays.
func (l *lock) release() error {
	if l == nil {
		return nil
	}
	err := unlock(l.f)
	return errors.Join(err, l.f.Close())
}

// truncateError shortens an error message for the lock record.
func truncateError(msg string) string {
	msg = strings.ToValidUTF8(msg, "?")
	if len(msg) <= maxRecordedError {
		return msg
	}
	cut := maxRecordedError
	for cut > 0 && !utf8RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
