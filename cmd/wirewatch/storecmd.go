package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/wirewatch/wirewatch/store"
)

// storeCmd is `wirewatch store copy -to URL`: carry a SQLite store over
// to PostgreSQL.
func (c *cli) storeCmd(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] != "copy" {
		if len(args) > 0 && isHelp(args[0]) {
			args = []string{"copy", "-h"}
		} else {
			fmt.Fprintf(c.stderr, "wirewatch store: want a subcommand: copy\n")
			return exitUsage
		}
	}
	var co common
	fs := c.flags("store copy", "-to postgres://... [flags]", `Copy the configured SQLite store, every story, delivery and setting, into an
empty PostgreSQL database, for running replicas on it (docs/SCALING.md). It
holds the SQLite store's writer lock while it copies, so stop run first; a
failed copy leaves the PostgreSQL database empty. Then set store: to the URL.`)
	c.addCommon(fs, &co)
	to := fs.String("to", "", "the PostgreSQL `URL` to copy into (postgres://user@host:5432/db?search_path=wirewatch)")
	_, cfg, code := c.start(fs, &co, args[1:])
	if cfg == nil {
		return code
	}
	if !store.IsPostgres(*to) {
		fmt.Fprintf(c.stderr, "wirewatch store copy: -to must be a postgres:// URL\n")
		return exitUsage
	}
	if store.IsPostgres(cfg.Store) {
		return c.fail(fmt.Errorf("store copy: the configured store is already PostgreSQL (%s)", store.RedactDSN(cfg.Store)))
	}
	src, err := openStore(ctx, cfg, store.Command("store copy"))
	if err != nil {
		return c.fail(err)
	}
	defer src.Close()
	dst, err := store.Open(ctx, *to)
	if err != nil {
		return c.fail(err)
	}
	defer dst.Close()
	rep, err := store.Copy(ctx, src, dst)
	if err != nil {
		return c.fail(err)
	}
	var parts []string
	total := 0
	for _, t := range slices.Sorted(maps.Keys(rep.Tables)) {
		parts = append(parts, fmt.Sprintf("%s %d", t, rep.Tables[t]))
		total += rep.Tables[t]
	}
	fmt.Fprintf(c.stdout, "copied %d rows from %s to %s: %s\n", total, src.Path(), dst.Path(), strings.Join(parts, ", "))
	return exitOK
}
