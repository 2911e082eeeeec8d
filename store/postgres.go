package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgConns bounds the connections one process opens to PostgreSQL: the
// poll's workers and the deliveries share them.
const pgConns = 8

// openPostgres opens the PostgreSQL database named by the URL dsn and
// brings its schema up to date. Every connection speaks through pgConn,
// which turns the store's SQLite-form queries into PostgreSQL's.
func (s *Store) openPostgres(ctx context.Context, dsn string) error {
	db, err := openPostgresDB(dsn)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(pgConns)
	db.SetMaxIdleConns(pgConns)
	s.w = &writer{DB: db, h: s.health}
	s.r = db
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	if err := createSchema(ctx, db, dsn); err != nil {
		return err
	}
	if err := migratePostgres(ctx, db, migrations); err != nil {
		return err
	}
	return s.prepare(ctx)
}

// createSchema creates the schema a URL's search_path names, when it
// names one that does not exist yet: deployments may keep their tables
// in a schema of their own (?search_path=wirewatch).
func createSchema(ctx context.Context, db *sql.DB, dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(cfg.RuntimeParams["search_path"])
	if name == "" || strings.Contains(name, ",") {
		return nil
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)`, name).Scan(&exists); err != nil || exists {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS `+pgx.Identifier{name}.Sanitize()); err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" {
			return nil // another replica created it at the same moment
		}
		return fmt.Errorf("create schema %s: %w", name, err)
	}
	return nil
}

// openPostgresDB returns a pool of connections to dsn that rebind queries.
func openPostgresDB(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)}), nil
}

// pgConnector makes connections that rebind queries.
type pgConnector struct{ c driver.Connector }

func (p pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := p.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{c.(*stdlib.Conn)}, nil
}

func (p pgConnector) Driver() driver.Driver { return p.c.Driver() }

// pgConn is a pgx connection that takes queries in the store's SQLite
// form (see rebind) and values as the SQLite driver takes them: booleans
// become 0 and 1, text is made valid UTF-8 without NUL characters, which
// PostgreSQL refuses and SQLite keeps.
type pgConn struct{ c *stdlib.Conn }

func (p *pgConn) Prepare(query string) (driver.Stmt, error) { return p.c.Prepare(rebind(query)) }
func (p *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return p.c.PrepareContext(ctx, rebind(query))
}
func (p *pgConn) Close() error { return p.c.Close() }
func (p *pgConn) Begin() (driver.Tx, error) {
	return p.c.BeginTx(context.Background(), driver.TxOptions{})
}
func (p *pgConn) Ping(ctx context.Context) error { return p.c.Ping(ctx) }
func (p *pgConn) ResetSession(ctx context.Context) error {
	return p.c.ResetSession(ctx)
}
func (p *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return p.c.BeginTx(ctx, opts)
}
func (p *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return p.c.ExecContext(ctx, rebind(query), args)
}
func (p *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return p.c.QueryContext(ctx, rebind(query), args)
}

// CheckNamedValue converts a value as SQLite's driver would store it.
func (p *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	v := nv.Value
	if vr, ok := v.(driver.Valuer); ok {
		var err error
		if v, err = vr.Value(); err != nil {
			return err
		}
	}
	switch x := v.(type) {
	case nil, int64, float64, []byte, int, int32:
	case bool:
		v = int64(0)
		if x {
			v = int64(1)
		}
	case string:
		v = pgText(x)
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.String:
			v = pgText(rv.String())
		case reflect.Bool:
			v = int64(0)
			if rv.Bool() {
				v = int64(1)
			}
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v = rv.Int()
		}
	}
	nv.Value = v
	return p.c.CheckNamedValue(nv)
}

// pgText returns s as PostgreSQL can store it: valid UTF-8 without NUL.
func pgText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// isPostgresStorageError reports whether err is a PostgreSQL error that
// means the database cannot store anything: a full disk, an I/O error,
// corrupt data, a database in read-only mode.
func isPostgresStorageError(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "53100", "58030", "XX001", "XX002", "25006":
		return true
	}
	return false
}

// Advisory locks are the database's, whatever the schema: their keys are
// a class of wirewatch's and the hash of the schema, so that deployments
// in schemas of one database never share one.
const (
	// pgMigrationLock serialises schema migrations between replicas
	// starting at once.
	pgMigrationLock = 0x77770001
	// pgLeaderLock is held by the replica that leads.
	pgLeaderLock = 0x77770002
)

// migratePostgres applies, each in its own transaction, the PostgreSQL
// form of the migrations db has not seen yet, recording progress in the
// table schema_version. A transaction-scoped advisory lock makes replicas
// that start together migrate one after the other.
func migratePostgres(ctx context.Context, db *sql.DB, steps []migration) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)`); err != nil {
		// Two replicas creating it at once: one of them wins.
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23505" {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	for {
		done, err := func() (bool, error) {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return false, fmt.Errorf("migrate: %w", err)
			}
			defer tx.Rollback() //nolint:errcheck // A no-op after Commit.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))`, pgMigrationLock); err != nil {
				return false, fmt.Errorf("migrate: %w", err)
			}
			var v int
			err = tx.QueryRowContext(ctx, `SELECT version FROM schema_version`).Scan(&v)
			if errors.Is(err, sql.ErrNoRows) {
				if _, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (0)`); err != nil {
					return false, fmt.Errorf("migrate: %w", err)
				}
			} else if err != nil {
				return false, fmt.Errorf("migrate: read schema version: %w", err)
			}
			switch {
			case v > len(steps):
				return false, tooNew(v, len(steps))
			case v == len(steps):
				return true, nil
			}
			if strings.TrimSpace(steps[v].postgres) != "" {
				if _, err := tx.ExecContext(ctx, steps[v].postgres); err != nil {
					return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE schema_version SET version = ?`, v+1); err != nil {
				return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
			}
			return false, tx.Commit()
		}()
		if err != nil || done {
			return err
		}
	}
}
