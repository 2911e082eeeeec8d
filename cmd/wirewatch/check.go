package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// check is `wirewatch check`: validate the configuration.
func (c *cli) check(args []string) int {
	var co common
	fs := c.flags("check", "[flags]", `Validate the configuration file: every problem is listed with its file,
line and field path, and the exit code is 3 when there is any. Warnings
(such as terms that can never match) are listed but do not fail the check.`)
	c.addCommon(fs, &co)
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	cfg, code := c.loadConfig(co.config)
	if cfg == nil {
		return code
	}
	terms := 0
	if cfg.Matcher != nil {
		terms = cfg.Matcher.Len()
	}
	fmt.Fprintf(c.stdout, "%s: ok: %d %s, %d %s (%d %s), %d %s\n", co.config,
		len(cfg.Feeds), plural(len(cfg.Feeds), "feed", "feeds"),
		len(cfg.Topics), plural(len(cfg.Topics), "topic", "topics"), terms, plural(terms, "term", "terms"),
		len(cfg.Outputs), plural(len(cfg.Outputs), "output", "outputs"))
	if len(cfg.Feeds) == 0 {
		fmt.Fprintf(c.stdout, "warning: no feeds: run and once will have nothing to poll\n")
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(c.stdout, "warning: %s\n", w)
	}
	return exitOK
}

// status is `wirewatch status`: feed health and the outbox.
func (c *cli) status(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("status", "[flags]", `Show each feed's last fetch, its result, how many stories it has, its last
error and its next poll; then what waits for delivery per output. It reads
the database beside a running run or once. While the database cannot store
(a full disk, a read-only file), it says so first, and the feeds that were
due since show as failed.`)
	c.addCommon(fs, &co)
	cfg, st, code := c.startShared(ctx, fs, &co, args)
	if st == nil {
		return code
	}
	defer st.Close()
	if e := st.WriteError(); e != nil {
		fmt.Fprintf(c.stdout, "STORE ERROR: %s: %v", st.Path(), e)
		if h := e.Reporter; h.PID != 0 {
			fmt.Fprintf(c.stdout, " (seen by %s)", h)
		}
		fmt.Fprint(c.stdout, "\n\n")
	}
	feeds, err := feedRows(ctx, st, cfg)
	if err != nil {
		return c.fail(err)
	}
	now := time.Now()
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tRESULT\tLAST FETCH\tSTORIES\tNEW\tNEXT POLL\tLAST ERROR")
	for _, f := range feeds {
		if f.Result == wirewatch.ResultNone {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", f.Name, "never polled", "-", 0, 0, "next run", "-")
			continue
		}
		result := string(f.Result)
		if f.Failures > 1 {
			result = fmt.Sprintf("%s x%d", result, f.Failures)
		}
		next := when(now, f.NextPoll)
		if !f.Stopped.IsZero() {
			next = "stopped"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", f.Name, dash(result), when(now, f.LastFetch), f.Items, f.New, next, dash(truncate(oneLine(f.LastError), 80)))
	}
	tw.Flush()
	c.printFeedHealth(now, time.Duration(cfg.Poll.DeadAfter), feeds)
	outputs, err := outputRows(ctx, st, cfg)
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(c.stdout)
	tw = tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTPUT\tPENDING\tFAILED\tMUTED\tLAST DIGEST\tSTATE")
	for _, o := range outputs {
		state := "ok"
		if o.Disabled != "" {
			state = "disabled: " + truncate(oneLine(o.Disabled), 60)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\n", o.Name, o.Pending, o.Failed, o.Muted, when(now, o.LastDigest), state)
	}
	tw.Flush()
	return exitOK
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// when renders a time relative to now, for people, "-" when unknown.
func when(now, t time.Time) string { return dash(text.Relative(now, t)) }

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
