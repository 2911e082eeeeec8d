package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenMigratesEmptyDatabase(t *testing.T) {
	sqliteOnly(t, "the database is a file")
	path := filepath.Join(t.TempDir(), "new", "nested", "wirewatch.db")
	s := openAt(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	if got, err := s.schemaVersion(context.Background()); err != nil || got != SchemaVersion {
		t.Errorf("user_version = %d, want %d", got, SchemaVersion)
	}
	for _, table := range []string{"feeds", "items", "item_topics", "outbox", "outputs", "subscriptions", "kv"} {
		if got := count(t, s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", table); got != 1 {
			t.Errorf("table %s: got %d, want 1", table, got)
		}
	}
	for name, db := range map[string]*sql.DB{"writer": s.w.DB, "reader": s.r} {
		for _, c := range []struct{ pragma, want string }{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"synchronous", "1"}, // NORMAL
			{"busy_timeout", "5000"},
		} {
			var got string
			if err := db.QueryRow("PRAGMA " + c.pragma).Scan(&got); err != nil {
				t.Fatalf("%s: PRAGMA %s: %v", name, c.pragma, err)
			}
			if got != c.want {
				t.Errorf("%s: PRAGMA %s = %s, want %s", name, c.pragma, got, c.want)
			}
		}
	}
	if _, err := s.r.Exec("DELETE FROM kv"); err == nil {
		t.Error("reader pool accepted a write")
	}
}

func TestMigrationsMatchSchemaVersion(t *testing.T) {
	if got := len(migrations); got != SchemaVersion {
		t.Errorf("len(migrations) = %d, want SchemaVersion %d", got, SchemaVersion)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(context.Background(), ""); err == nil {
		t.Error("Open(\"\") = nil error, want one")
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not a database\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file = nil error, want one")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestOpenOddFileName(t *testing.T) {
	sqliteOnly(t, "the database is a file")
	dir := filepath.Join(t.TempDir(), "a?b#c %20d")
	path := filepath.Join(dir, "w.db")
	s := openAt(t, path)
	if err := s.Put(context.Background(), "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %q: %v", path, err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "wirewatch.db")
	s, err := Open(ctx, testDSN(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddItems(ctx, testItems("f", "a", 3), nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = openAt(t, path)
	if got, err := s.CountItemsSince(ctx, time.Time{}); err != nil || got != 3 {
		t.Errorf("CountItemsSince after reopen = %d, %v, want 3, nil", got, err)
	}
	if v, ok, err := s.Get(ctx, "k"); err != nil || !ok || string(v) != "v" {
		t.Errorf("Get after reopen = %q, %v, %v, want \"v\", true, nil", v, ok, err)
	}
	if got, err := s.schemaVersion(ctx); err != nil || got != SchemaVersion {
		t.Errorf("schema version after reopen = %d, %v, want %d", got, err, SchemaVersion)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := testDSN(t, filepath.Join(t.TempDir(), "wirewatch.db"))
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	version := "PRAGMA user_version = 999"
	if onPostgres {
		version = "UPDATE schema_version SET version = 999"
	}
	if _, err := s.w.Exec(version); err != nil {
		t.Fatal(err)
	}
	s.Close()

	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of a newer database = %v, want ErrSchemaTooNew", err)
	}
	for _, want := range []string{path, "schema version 999", fmt.Sprintf("knows up to %d", SchemaVersion)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
}

func TestMigrationIsOneTransaction(t *testing.T) {
	sqliteOnly(t, "runs SQLite's migrate on a SQLite file; TestPostgresMigrationIsOneTransaction is its PostgreSQL twin")
	ctx := context.Background()
	db, err := openPool(ctx, filepath.Join(t.TempDir(), "m.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	steps := []migration{
		{sqlite: `CREATE TABLE one (a INTEGER)`},
		{sqlite: `CREATE TABLE two (a INTEGER); INSERT INTO one VALUES (1); SELECT no_such_function()`},
	}
	if err := migrate(ctx, db, steps); err == nil {
		t.Fatal("migrate with a failing step = nil error, want one")
	}
	var v, two, rows int
	db.QueryRow("PRAGMA user_version").Scan(&v)
	db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'two'").Scan(&two)
	db.QueryRow("SELECT count(*) FROM one").Scan(&rows)
	if v != 1 || two != 0 || rows != 0 {
		t.Errorf("after failed step 2: version %d, table two %d, rows in one %d; want 1, 0, 0", v, two, rows)
	}
	steps[1].sqlite = `CREATE TABLE two (a INTEGER)`
	if err := migrate(ctx, db, steps); err != nil {
		t.Fatalf("migrate after fix = %v", err)
	}
	db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != 2 {
		t.Errorf("user_version = %d, want 2", v)
	}
}

func TestDefaultPath(t *testing.T) {
	writable := t.TempDir()
	home := t.TempDir()
	noHome := func() (string, error) { return "", errors.New("no home") }
	withHome := func() (string, error) { return home, nil }
	tests := []struct {
		name    string
		env     map[string]string
		dataDir string
		home    func() (string, error)
		want    string
	}{
		{"env wins", map[string]string{"WIREWATCH_DATA": "/srv/ww", "XDG_STATE_HOME": "/x"}, writable, withHome, "/srv/ww/wirewatch.db"},
		{"container volume", map[string]string{"XDG_STATE_HOME": "/x"}, writable, withHome, filepath.Join(writable, "wirewatch.db")},
		{"missing volume", map[string]string{"XDG_STATE_HOME": "/x"}, filepath.Join(writable, "nope"), withHome, "/x/wirewatch/wirewatch.db"},
		{"relative xdg ignored", map[string]string{"XDG_STATE_HOME": "rel"}, "", withHome, filepath.Join(home, ".local/state/wirewatch/wirewatch.db")},
		{"home", nil, "", withHome, filepath.Join(home, ".local/state/wirewatch/wirewatch.db")},
		{"nothing", nil, "", noHome, "wirewatch.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := defaultPath(func(k string) string { return tt.env[k] }, tt.dataDir, tt.home)
			if got != tt.want {
				t.Errorf("defaultPath = %q, want %q", got, tt.want)
			}
		})
	}
	entries, _ := os.ReadDir(writable)
	if len(entries) != 0 {
		t.Errorf("probe left %d files in the data directory", len(entries))
	}
}

func TestDefaultPathReadOnlyDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to any directory")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	got := defaultPath(func(string) string { return "" }, dir, func() (string, error) { return "/home/u", nil })
	if want := "/home/u/.local/state/wirewatch/wirewatch.db"; got != want {
		t.Errorf("defaultPath with read-only data dir = %q, want %q", got, want)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"zero", time.Time{}, time.Time{}},
		{"nanoseconds in a zone", time.Date(2026, 1, 2, 3, 4, 5, 6, time.FixedZone("X", -7*3600)), time.Date(2026, 1, 2, 10, 4, 5, 6, time.UTC)},
		{"far future clamped", time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(0, math.MaxInt64).UTC()},
		{"far past clamped", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC), time.Unix(0, math.MinInt64).UTC()},
	}
	for _, tt := range tests {
		got := fromNanos(toNanos(tt.in))
		if !got.Equal(tt.want) || got.Location() != time.UTC && !got.IsZero() {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPostgresMigrationIsOneTransaction(t *testing.T) {
	if !onPostgres {
		t.Skip("PostgreSQL only: TestMigrationIsOneTransaction is its SQLite twin")
	}
	ctx := context.Background()
	db, err := openPostgresDB(newTestSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	steps := []migration{
		{postgres: `CREATE TABLE one (a BIGINT)`},
		{postgres: `CREATE TABLE two (a BIGINT); INSERT INTO one VALUES (1); SELECT no_such_function()`},
	}
	if err := migratePostgres(ctx, db, steps); err == nil {
		t.Fatal("migratePostgres with a failing step = nil error, want one")
	}
	var v, two, rows int
	db.QueryRow("SELECT version FROM schema_version").Scan(&v)
	db.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'two'").Scan(&two)
	db.QueryRow("SELECT count(*) FROM one").Scan(&rows)
	if v != 1 || two != 0 || rows != 0 {
		t.Errorf("after failed step 2: version %d, table two %d, rows in one %d; want 1, 0, 0", v, two, rows)
	}
	steps[1].postgres = `CREATE TABLE two (a BIGINT)`
	if err := migratePostgres(ctx, db, steps); err != nil {
		t.Fatalf("migratePostgres after fix = %v", err)
	}
	db.QueryRow("SELECT version FROM schema_version").Scan(&v)
	if v != 2 {
		t.Errorf("version after fix = %d, want 2", v)
	}
}

func TestEveryMigrationHasBothForms(t *testing.T) {
	for i, m := range migrations {
		if strings.TrimSpace(m.sqlite) == "" || strings.TrimSpace(m.postgres) == "" {
			t.Errorf("migration %d: sqlite %d bytes, postgres %d bytes; want both (a step with nothing to do says why in a comment)",
				i+1, len(m.sqlite), len(m.postgres))
		}
	}
}
