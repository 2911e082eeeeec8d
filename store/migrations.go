package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// migrations are the schema changes, in order. Migration i (from 0) takes
// the database from user_version i to i+1. Never edit one that has been
// released; append a new one instead.
var migrations = []string{
	// 1: feeds, items, the topic index, the outbox, outputs, subscriptions
	// and the key-value table.
	`
CREATE TABLE feeds (
	name          TEXT PRIMARY KEY,
	url           TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_fetch    INTEGER NOT NULL DEFAULT 0,
	result        TEXT NOT NULL DEFAULT '',
	last_error    TEXT NOT NULL DEFAULT '',
	new_items     INTEGER NOT NULL DEFAULT 0,
	failures      INTEGER NOT NULL DEFAULT 0,
	next_poll     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE items (
	seq               INTEGER PRIMARY KEY,
	feed              TEXT NOT NULL,
	id                TEXT NOT NULL,
	guid              TEXT NOT NULL DEFAULT '',
	link              TEXT NOT NULL DEFAULT '',
	title             TEXT NOT NULL DEFAULT '',
	summary           TEXT NOT NULL DEFAULT '',
	published         INTEGER NOT NULL DEFAULT 0,
	first_seen        INTEGER NOT NULL,
	authors           TEXT,
	categories        TEXT,
	declared_language TEXT NOT NULL DEFAULT '',
	language          TEXT,
	confidence        REAL,
	noise_ratio       REAL,
	analysis          TEXT,
	matches           TEXT,
	UNIQUE (feed, id)
) STRICT;
CREATE INDEX items_first_seen ON items (first_seen);

CREATE TABLE item_topics (
	feed       TEXT NOT NULL,
	id         TEXT NOT NULL,
	topic      TEXT NOT NULL,
	first_seen INTEGER NOT NULL,
	PRIMARY KEY (feed, id, topic),
	FOREIGN KEY (feed, id) REFERENCES items (feed, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX item_topics_topic ON item_topics (topic, first_seen);

CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	item       INTEGER NOT NULL REFERENCES items (seq) ON DELETE CASCADE,
	output     TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
	status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
	attempts   INTEGER NOT NULL DEFAULT 0,
	created    INTEGER NOT NULL,
	delivered  INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	UNIQUE (item, output, kind)
) STRICT;
CREATE INDEX outbox_status ON outbox (status, output, id);

CREATE TABLE outputs (
	name            TEXT PRIMARY KEY,
	last_digest     INTEGER NOT NULL DEFAULT 0,
	disabled_reason TEXT,
	disabled_at     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE subscriptions (
	channel    TEXT NOT NULL,
	topic      TEXT NOT NULL,
	guild      TEXT NOT NULL DEFAULT '',
	schedule   TEXT NOT NULL,
	time_zone  TEXT NOT NULL DEFAULT '',
	created_by TEXT NOT NULL DEFAULT '',
	created    INTEGER NOT NULL,
	PRIMARY KEY (channel, topic)
) STRICT, WITHOUT ROWID;

CREATE TABLE kv (
	key     TEXT PRIMARY KEY,
	value   BLOB NOT NULL,
	updated INTEGER NOT NULL
) STRICT;
`,
	// 2: outbox rows may be "counted": a capped digest counted the story in
	// "and N more" without showing it. Rows keep the id of the message that
	// carried them, so that it can be edited later. SQLite cannot change a
	// CHECK constraint in place, so the table is rebuilt.
	`
CREATE TABLE outbox_new (
	id         INTEGER PRIMARY KEY,
	item       INTEGER NOT NULL REFERENCES items (seq) ON DELETE CASCADE,
	output     TEXT NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('digest', 'alert')),
	status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'counted', 'failed')),
	attempts   INTEGER NOT NULL DEFAULT 0,
	created    INTEGER NOT NULL,
	delivered  INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	message    TEXT NOT NULL DEFAULT '',
	UNIQUE (item, output, kind)
) STRICT;
INSERT INTO outbox_new (id, item, output, kind, status, attempts, created, delivered, last_error)
	SELECT id, item, output, kind, status, attempts, created, delivered, last_error FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_status ON outbox (status, output, id);
`,
	// 3: when a feed started failing, whether its polling was stopped and
	// its death announced; the cache of fetched article pages. Feeds
	// failing when this runs count as failing since their last fetch.
	`
ALTER TABLE feeds ADD COLUMN failing_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN stopped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN dead_announced INTEGER NOT NULL DEFAULT 0;
UPDATE feeds SET failing_since = last_fetch WHERE failures > 0;

CREATE TABLE articles (
	url      TEXT PRIMARY KEY,
	fetched  INTEGER NOT NULL,
	title    TEXT NOT NULL DEFAULT '',
	text     TEXT NOT NULL DEFAULT '',
	language TEXT NOT NULL DEFAULT '',
	error    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX articles_fetched ON articles (fetched);
`,
	// 4: when each story was last seen in its feed, and when each feed was
	// last parsed, so that retention can tell which identity rows a feed
	// can still repeat (see Prune). A story never seen again has
	// last_seen 0: max(first_seen, last_seen) is when it was last seen.
	`
ALTER TABLE items ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_seen ON items (max(first_seen, last_seen));
ALTER TABLE feeds ADD COLUMN last_parsed INTEGER NOT NULL DEFAULT 0;
`,
	// 5: incremental vacuum, so that Prune gives the space of deleted
	// rows back to the file system. VACUUM rewrites the database once.
	outsideTx + `
PRAGMA auto_vacuum = INCREMENTAL;
VACUUM;
`,
	// 6: what people curate from Discord. A subscription keeps its filter
	// (JSON), the role its deliveries mention and whether its channel is a
	// forum. An outbox row keeps its story's place in the message that
	// carried it (copies shown with a story share its place), so that a
	// reaction or a pick names one story. Mutes silence an event in a
	// channel; false positives are stories readers said matched wrongly.
	`
ALTER TABLE subscriptions ADD COLUMN filter TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN mention TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN forum INTEGER NOT NULL DEFAULT 0;

ALTER TABLE outbox ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN copy INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_message ON outbox (message) WHERE message != '';

CREATE TABLE mutes (
	channel  TEXT NOT NULL,
	event    TEXT NOT NULL,
	guild    TEXT NOT NULL DEFAULT '',
	title    TEXT NOT NULL DEFAULT '',
	muted_by TEXT NOT NULL DEFAULT '',
	created  INTEGER NOT NULL,
	expires  INTEGER NOT NULL,
	PRIMARY KEY (channel, event)
) STRICT, WITHOUT ROWID;
CREATE INDEX mutes_expires ON mutes (expires);

CREATE TABLE false_positives (
	id        INTEGER PRIMARY KEY,
	feed      TEXT NOT NULL,
	item      TEXT NOT NULL,
	topic     TEXT NOT NULL,
	channel   TEXT NOT NULL,
	guild     TEXT NOT NULL DEFAULT '',
	output    TEXT NOT NULL DEFAULT '',
	title     TEXT NOT NULL DEFAULT '',
	link      TEXT NOT NULL DEFAULT '',
	language  TEXT NOT NULL DEFAULT '',
	text      TEXT NOT NULL DEFAULT '',
	hits      TEXT NOT NULL DEFAULT '[]',
	reporters TEXT NOT NULL DEFAULT '[]',
	first     INTEGER NOT NULL,
	last      INTEGER NOT NULL,
	UNIQUE (feed, item, topic, channel)
) STRICT;
CREATE INDEX false_positives_last ON false_positives (last);
`,
}

// outsideTx starts a migration that cannot run in a transaction (VACUUM,
// some PRAGMAs). Such a migration must be safe to run twice: a crash
// between it and the recording of its version repeats it.
const outsideTx = "-- outside a transaction\n"

// SchemaVersion is the schema version this binary writes: the number of
// migrations it knows.
const SchemaVersion = 6

// migrate applies, each in its own transaction, the migrations in steps
// that db has not seen yet, recording progress in PRAGMA user_version. It
// refuses a database whose version is newer than len(steps).
func migrate(ctx context.Context, db *sql.DB, steps []string) error {
	for {
		done, err := migrateOne(ctx, db, steps)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateOne applies the next migration, if any, in one transaction. The
// version is read inside the transaction, which holds the write lock, so two
// processes opening a new database at once cannot both apply a migration.
func migrateOne(ctx context.Context, db *sql.DB, steps []string) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // A no-op after Commit.
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, fmt.Errorf("migrate: read schema version: %w", err)
	}
	switch {
	case v > len(steps):
		return false, tooNew(v, len(steps))
	case v == len(steps):
		return true, nil
	}
	if strings.HasPrefix(steps[v], outsideTx) {
		tx.Rollback() //nolint:errcheck // Nothing was written.
		return false, migrateOutsideTx(ctx, db, v, steps[v])
	}
	if _, err := tx.ExecContext(ctx, steps[v]); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	// PRAGMA takes no parameters; v+1 is an int, not user input.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	return false, nil
}

// migrateOutsideTx applies migration v+1, which cannot run in a
// transaction, then records it. The caller holds the writer lock, so no
// other process migrates at the same time; db has one connection, so the
// statements run on one connection in order.
func migrateOutsideTx(ctx context.Context, db *sql.DB, v int, step string) error {
	if _, err := db.ExecContext(ctx, step); err != nil {
		return fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	// PRAGMA takes no parameters; v+1 is an int, not user input.
	if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return fmt.Errorf("migrate to version %d: %w", v+1, err)
	}
	return nil
}

// tooNew is the error for a database at schema version v when this binary
// knows up to known.
func tooNew(v, known int) error {
	return fmt.Errorf("schema version %d, this binary knows up to %d; upgrade wirewatch or use another database: %w",
		v, known, ErrSchemaTooNew)
}
