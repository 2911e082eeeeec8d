package main

import (
	"context"
	"fmt"
	"sort"
	"text/tabwriter"
	"time"
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
error and its next poll; then what waits for delivery per output.`)
	c.addCommon(fs, &co)
	_, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
	feeds, err := st.FeedStatuses(ctx)
	if err != nil {
		return c.fail(err)
	}
	now := time.Now()
	known := map[string]bool{}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tRESULT\tLAST FETCH\tSTORIES\tNEW\tNEXT POLL\tLAST ERROR")
	for _, f := range feeds {
		known[f.Name] = true
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
	for _, f := range cfg.Feeds {
		if !known[f.Name] {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", f.Name, "never polled", "-", 0, 0, "next run", "-")
		}
	}
	tw.Flush()
	c.printFeedHealth(now, time.Duration(cfg.Poll.DeadAfter), feeds)
	pending, err := st.PendingCounts(ctx)
	if err != nil {
		return c.fail(err)
	}
	disabled, err := st.DisabledOutputs(ctx)
	if err != nil {
		return c.fail(err)
	}
	failed, err := st.Failed(ctx, "")
	if err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(c.stdout)
	names := map[string]bool{}
	for n := range pending {
		names[n] = true
	}
	for _, o := range cfg.Outputs {
		names[o.Name] = true
	}
	for n := range disabled {
		names[n] = true
	}
	failedBy := map[string]int{}
	for _, f := range failed {
		failedBy[f.Output]++
		names[f.Output] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	tw = tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTPUT\tPENDING\tFAILED\tLAST DIGEST\tSTATE")
	for _, n := range sorted {
		last, _ := st.LastDigest(ctx, n)
		state := "ok"
		if r, off := disabled[n]; off {
			state = "disabled: " + truncate(oneLine(r), 60)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", n, pending[n], failedBy[n], when(now, last), state)
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

// when renders a time relative to now, for people.
func when(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < -time.Minute:
		return "in " + round(-d)
	case d < time.Minute:
		return "now"
	default:
		return round(d) + " ago"
	}
}

func round(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()+0.5))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
