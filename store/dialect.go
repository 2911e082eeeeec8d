package store

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// dialect is the SQL database a Store runs on. Queries are written once, in
// SQLite's form with ? placeholders, kept to what both databases share;
// rebind turns them into PostgreSQL's form (see postgres.go). What cannot
// be shared (schema, pragmas, leases) asks the Store's dialect.
type dialect int

const (
	// sqliteDialect is one SQLite file with one writer (the default).
	sqliteDialect dialect = iota
	// postgresDialect is a PostgreSQL database that several replicas share.
	postgresDialect
)

// String names the dialect for people.
func (d dialect) String() string {
	if d == postgresDialect {
		return "PostgreSQL"
	}
	return "SQLite"
}

// IsPostgres reports whether a configured store names a PostgreSQL
// database (a postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgres(store string) bool {
	l := strings.ToLower(store)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// RedactDSN returns a PostgreSQL URL without its password, for messages.
// Anything that is not such a URL is returned as it is.
func RedactDSN(store string) string {
	if !IsPostgres(store) {
		return store
	}
	u, err := url.Parse(store)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

var (
	// twoArgMax matches SQLite's scalar max(a, b), which PostgreSQL
	// spells GREATEST; the aggregate max(x) has no comma.
	twoArgMax = regexp.MustCompile(`\bmax\(([^(),]+),([^(),]+)\)`)
	// jsonRows matches a JSON array parameter read as a table with its
	// elements as rows p.value (JSON).
	jsonRows = regexp.MustCompile(`json_each\(\?\) AS (\w+)`)
	// rebound caches the PostgreSQL form of each query.
	rebound sync.Map
)

// rebind returns the PostgreSQL form of a query written for SQLite:
// ? placeholders numbered $1, $2...; max(a, b) as GREATEST(a, b); a JSON
// array parameter read with json_each as PostgreSQL's jsonb functions
// (json_each(?) AS p gives rows p.value of JSON, any other json_each(?) a
// column value of text; cast it with CAST(value AS BIGINT) where numbers
// are meant, which both databases understand). Quoted text is left alone.
func rebind(query string) string {
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := twoArgMax.ReplaceAllString(query, "GREATEST($1,$2)")
	q = jsonRows.ReplaceAllString(q, "jsonb_array_elements(?::jsonb) AS $1(value)")
	q = strings.ReplaceAll(q, "json_each(?)", "jsonb_array_elements_text(?::jsonb)")
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			// A comment runs to the end of its line.
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i
			}
			b.WriteString(q[i : i+end])
			i += end - 1
			continue
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	rebound.Store(query, out)
	return out
}
