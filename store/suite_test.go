package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The store's tests are one suite that runs on both databases: go test
// runs it on SQLite, then runs the test binary again with
// suiteDialectEnv=postgres, where every store a test opens is a schema of
// its own in the PostgreSQL database at postgresTestURL(). Tests of what
// only SQLite has (files, the writer lock, pragmas) call sqliteOnly.
//
// Without PostgreSQL the second run is skipped with a message, except in
// CI (CI set), where it fails: CI starts PostgreSQL.
const (
	// suiteDialectEnv selects the database of this run of the suite.
	suiteDialectEnv = "WIREWATCH_STORE_SUITE"
	// postgresURLEnv overrides the PostgreSQL server the suite uses.
	postgresURLEnv = "WIREWATCH_TEST_POSTGRES"
	// defaultPostgresURL is this project's machines' PostgreSQL.
	defaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
)

// onPostgres is true in the run of the suite on PostgreSQL.
var onPostgres = os.Getenv(suiteDialectEnv) == "postgres"

// postgresTestURL is the PostgreSQL database the suite uses.
func postgresTestURL() string {
	if u := os.Getenv(postgresURLEnv); u != "" {
		return u
	}
	return defaultPostgresURL
}

// runSuite runs the tests, then, in the SQLite run, the same tests on
// PostgreSQL in a child process, and returns the exit code.
func runSuite(m *testing.M) int {
	code := m.Run()
	if onPostgres {
		return code
	}
	if err := pingPostgres(postgresTestURL()); err != nil {
		msg := fmt.Sprintf("store: PostgreSQL at %s unreachable (%v)", RedactDSN(postgresTestURL()), err)
		if os.Getenv("CI") != "" {
			fmt.Println(msg + ": in CI the suite must run on PostgreSQL too")
			return 1
		}
		fmt.Println(msg + ": the suite ran on SQLite only (set " + postgresURLEnv + " to use another server)")
		return code
	}
	fmt.Println("store: the same suite on PostgreSQL")
	var args []string
	for _, a := range os.Args[1:] {
		// Outputs of the first run that a second would overwrite.
		if strings.Contains(a, "testlogfile") || strings.Contains(a, "profile") ||
			strings.Contains(a, "gocoverdir") || strings.Contains(a, "outputdir") || strings.Contains(a, "test.trace") {
			continue
		}
		args = append(args, a)
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), suiteDialectEnv+"=postgres")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Println("store: suite on PostgreSQL:", err)
		return max(code, 1)
	}
	return code
}

// pingPostgres checks that a PostgreSQL server answers at u.
func pingPostgres(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", u)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

// sqliteOnly skips a test of what only the SQLite store has in the run on
// PostgreSQL.
func sqliteOnly(tb testing.TB, why string) {
	tb.Helper()
	if onPostgres {
		tb.Skip("SQLite only: " + why)
	}
}

// schemas maps the database paths tests open, in the run on PostgreSQL,
// to the URL of the schema that stands for each.
var schemas = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// testDSN returns what to open for the database path a test chose: the
// path itself on SQLite; on PostgreSQL a new schema the first time a
// path is seen, the same schema afterwards, dropped when the test ends.
func testDSN(tb testing.TB, path string) string {
	tb.Helper()
	if !onPostgres || IsPostgres(path) {
		return path
	}
	schemas.Lock()
	defer schemas.Unlock()
	if dsn, ok := schemas.m[path]; ok {
		return dsn
	}
	dsn := newTestSchema(tb)
	schemas.m[path] = dsn
	return dsn
}

// newTestSchema creates an empty schema in the test database and returns
// a URL whose connections use it; the schema is dropped when tb ends.
func newTestSchema(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", postgresTestURL())
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + name); err != nil {
		admin.Close()
		tb.Fatalf("create schema %s: %v", name, err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP SCHEMA ` + name + ` CASCADE`); err != nil {
			tb.Errorf("drop schema %s: %v", name, err)
		}
	})
	u, err := url.Parse(postgresTestURL())
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
