package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary play a second wirewatch process: with
// STORE_TEST_HOLD set to a database path it opens that store, prints its
// pid and holds the store until its standard input closes or it is killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("STORE_TEST_HOLD"); path != "" {
		s, err := Open(context.Background(), path, Command("run"))
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("holding", os.Getpid())
		bufio.NewReader(os.Stdin).ReadString('\n')
		s.Close()
		os.Exit(0)
	}
	os.Exit(runSuite(m))
}

// holdInOtherProcess starts a process that opens the store at path and
// holds it; it returns the process, whose standard input ends it.
func holdInOtherProcess(t *testing.T, path string) (*exec.Cmd, func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "STORE_TEST_HOLD="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, _ := bufio.NewReader(out).ReadString('\n')
	if !strings.HasPrefix(line, "holding ") {
		t.Fatalf("helper process: %q", line)
	}
	return cmd, func() { stdin.Close(); cmd.Wait() }
}

func TestSecondProcessIsRefused(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	other, release := holdInOtherProcess(t, path)

	_, err := Open(context.Background(), path, Command("once"))
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("Open beside another process = %v, want a *LockedError wrapping ErrLocked", err)
	}
	for _, want := range []string{path + ".lock", "pid " + strconv.Itoa(other.Process.Pid), "wirewatch run", "only one wirewatch run or once"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if le.Holder.PID != other.Process.Pid {
		t.Errorf("Holder.PID = %d, want %d", le.Holder.PID, other.Process.Pid)
	}

	// A Shared open (status, retry) works beside it.
	s := openAt(t, path, Shared())
	if _, err := s.FeedStatuses(context.Background()); err != nil {
		t.Errorf("FeedStatuses through a Shared open = %v", err)
	}

	release()
	openAt(t, path)
}

func TestLockReleasedWhenHolderIsKilled(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	other, _ := holdInOtherProcess(t, path)
	if _, err := Open(context.Background(), path); !errors.Is(err, ErrLocked) {
		t.Fatalf("Open beside another process = %v, want ErrLocked", err)
	}
	other.Process.Kill() // SIGKILL: no Close, no clean-up
	other.Wait()
	s := openAt(t, path, Command("run"))
	if h := s.lock.holder(); h.PID != os.Getpid() || h.Command != "run" {
		t.Errorf("record after taking over = %+v, want this pid and run", h)
	}
	if h, err := ReadHolder(path); err != nil || h.PID != os.Getpid() {
		t.Errorf("ReadHolder = %+v, %v; want this process", h, err)
	}
}

func TestTwoOpensInOneProcess(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	first := openAt(t, path, Command("run"))
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	openAt(t, path)
}

func TestLockWait(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	first := openAt(t, path, Command("once"))

	// Not released: gives up after the wait, saying how long it waited.
	start := time.Now()
	_, err := Open(context.Background(), path, LockWait(300*time.Millisecond))
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("Open with LockWait = %v, want *LockedError", err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond || le.Waited < 300*time.Millisecond {
		t.Errorf("gave up after %s (Waited %s), want at least the 300ms asked for", waited, le.Waited)
	}
	if !strings.Contains(err.Error(), "gave up after waiting") {
		t.Errorf("error %q does not say it waited", err)
	}

	// Released while waiting: the second open gets it.
	go func() {
		time.Sleep(200 * time.Millisecond)
		first.Close()
	}()
	second, err := Open(context.Background(), path, LockWait(time.Minute))
	if err != nil {
		t.Fatalf("Open waiting for a lock released meanwhile = %v", err)
	}
	second.Close()

	// A cancelled context ends the wait.
	third := openAt(t, path)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := Open(ctx, path, LockWait(time.Hour)); !errors.Is(err, ErrLocked) {
		t.Errorf("Open with a cancelled context = %v, want ErrLocked", err)
	}
	third.Close()
}

func TestSharedOpenDoesNotUpgradeUnderAnotherProcess(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	db, err := openPool(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := migrate(ctx, db, migrations[:1]); err != nil {
		t.Fatal(err)
	}
	db.Close()
	l, err := acquire(ctx, path, "run", 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, path, Shared())
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "needs upgrading") {
		t.Errorf("Shared Open of an old schema under another process = %v, want a refusal naming the upgrade", err)
	}
	l.release()
	s := openAt(t, path, Shared())
	if got := count(t, s, "PRAGMA user_version"); got != SchemaVersion {
		t.Errorf("user_version after a Shared open with the lock free = %d, want %d", got, SchemaVersion)
	}
}

func TestFilesArePrivate(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	dir := filepath.Join(t.TempDir(), "state", "wirewatch")
	path := filepath.Join(dir, "wirewatch.db")
	s := openAt(t, path)
	if err := s.Put(context.Background(), "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want os.FileMode
	}{
		{filepath.Dir(dir), 0o700},
		{dir, 0o700},
		{path, 0o600},
		{path + "-wal", 0o600},
		{path + "-shm", 0o600},
		{path + ".lock", 0o600},
	} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if got := fi.Mode().Perm(); got != c.want {
			t.Errorf("mode of %s = %#o, want %#o", c.path, got, c.want)
		}
	}
}

func TestExistingDirectoryKeepsItsMode(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	openAt(t, filepath.Join(dir, "wirewatch.db"))
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o755 {
		t.Errorf("mode of an existing folder = %#o, want it left at 0755", got)
	}
}

func TestReadHolderWithoutRecord(t *testing.T) {
	sqliteOnly(t, "the writer lock is a file lock beside the SQLite file")
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	if h, err := ReadHolder(path); err != nil || h.PID != 0 {
		t.Errorf("ReadHolder without a lock file = %+v, %v; want zero, nil", h, err)
	}
	if err := os.WriteFile(path+LockSuffix, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if h, err := ReadHolder(path); err != nil || h.PID != 0 {
		t.Errorf("ReadHolder of an unreadable record = %+v, %v; want zero, nil", h, err)
	}
	if got := (Holder{}).String(); !strings.Contains(got, "not recorded") {
		t.Errorf("Holder{}.String() = %q", got)
	}
}
