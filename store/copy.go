package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// copyBatch is how many rows one INSERT of Copy carries.
const copyBatch = 200

// CopyReport says what Copy copied: rows per table.
type CopyReport struct {
	Tables map[string]int
}

// Copy copies every row of the SQLite store src into the PostgreSQL store
// dst, which must be empty (no stories, feeds or deliveries yet): the way
// to move a store that outgrew one machine. Both are at this binary's
// schema version, so their tables match; row ids are kept, so outbox rows
// still name their stories, and PostgreSQL's id sequences continue after
// them. Everything is copied in one PostgreSQL transaction: a failed copy
// leaves dst empty. src should be opened with its writer lock, so that no
// pipeline changes it meanwhile.
func Copy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	rep := CopyReport{Tables: map[string]int{}}
	if src.dialect != sqliteDialect || dst.dialect != postgresDialect {
		return rep, errors.New("store: copy: from a SQLite store to a PostgreSQL one only")
	}
	tables, err := src.tablesInOrder(ctx)
	if err != nil {
		return rep, fmt.Errorf("store: copy: %w", err)
	}
	for _, t := range []string{"feeds", "items", "outbox"} {
		var n int
		if err := dst.r.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return rep, fmt.Errorf("store: copy: %w", err)
		}
		if n > 0 {
			return rep, fmt.Errorf("store: copy: %s already has %d rows in %s: copy into an empty database", dst.path, n, t)
		}
	}
	err = dst.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range tables {
			n, err := copyTable(ctx, src, tx, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
			rep.Tables[t] = n
		}
		// Identity columns continue after the ids copied.
		rows, err := tx.QueryContext(ctx, `
SELECT table_name, column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND is_identity = 'YES'`)
		if err != nil {
			return err
		}
		var idents [][2]string
		for rows.Next() {
			var t, c string
			if err := rows.Scan(&t, &c); err != nil {
				rows.Close()
				return err
			}
			idents = append(idents, [2]string{t, c})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, tc := range idents {
			q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE((SELECT max(%s) FROM %s), 0) + 1, false)`,
				tc[0], tc[1], tc[1], tc[0])
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("sequence of %s.%s: %w", tc[0], tc[1], err)
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("store: copy: %w", err)
	}
	return rep, nil
}

// tablesInOrder returns the SQLite store's tables, each after the tables
// its foreign keys name.
func (s *Store) tablesInOrder(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	deps := map[string][]string{}
	for _, n := range names {
		rows, err := s.r.QueryContext(ctx, `SELECT "table" FROM pragma_foreign_key_list(?)`, n)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var d string
			if err := rows.Scan(&d); err != nil {
				rows.Close()
				return nil, err
			}
			if d != n {
				deps[n] = append(deps[n], d)
			}
		}
		rows.Close()
	}
	var out []string
	var visit func(n string, depth int) error
	visit = func(n string, depth int) error {
		if slices.Contains(out, n) {
			return nil
		}
		if depth > len(names) {
			return fmt.Errorf("foreign keys in a cycle at %s", n)
		}
		for _, d := range deps[n] {
			if err := visit(d, depth+1); err != nil {
				return err
			}
		}
		out = append(out, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// copyTable copies the rows of table from src into tx, some rows per
// INSERT, and returns how many.
func copyTable(ctx context.Context, src *Store, tx *sql.Tx, table string) (int, error) {
	rows, err := src.r.QueryContext(ctx, `SELECT * FROM "`+table+`"`)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	head := `INSERT INTO "` + table + `" (` + strings.Join(quoted, ", ") + `) VALUES `
	var args []any
	n, pending := 0, 0
	flush := func() error {
		if pending == 0 {
			return nil
		}
		q := head + strings.TrimSuffix(strings.Repeat(one+", ", pending), ", ")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		args, pending = args[:0], 0
		return nil
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		args = append(args, vals...)
		pending++
		n++
		if pending == copyBatch {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}
