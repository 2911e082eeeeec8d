package main

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/wirewatch/wirewatch/store"
)

// retry is `wirewatch retry`: give failed deliveries, disabled outputs or
// a stopped feed another chance.
func (c *cli) retry(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("retry", "[flags]", `Move failed deliveries back to the outbox and re-enable disabled outputs,
after the cause (a deleted webhook, a missing permission) was fixed. They
are delivered by the next run or once. -output limits it to one output.

-feed NAME instead resumes a feed whose polling stopped after it failed for
30 days: it is polled again at the next poll.`)
	c.addCommon(fs, &co)
	only := fs.String("output", "", "the output `name` to retry (default: every output)")
	feed := fs.String("feed", "", "resume the stopped feed called `name` (and nothing else)")
	_, st, code := c.startShared(ctx, fs, &co, args)
	if st == nil {
		return code
	}
	defer st.Close()
	if *feed != "" {
		return c.resumeFeed(ctx, st, *feed)
	}
	failed, err := st.Failed(ctx, *only)
	if err != nil {
		return c.fail(err)
	}
	ids := make([]int64, len(failed))
	for i, f := range failed {
		ids[i] = f.ID
	}
	moved, err := st.Retry(ctx, ids)
	if err != nil {
		return c.fail(err)
	}
	disabled, err := st.DisabledOutputs(ctx)
	if err != nil {
		return c.fail(err)
	}
	var enabled []string
	for name := range disabled {
		if *only != "" && name != *only {
			continue
		}
		if _, err := st.EnableOutput(ctx, name); err != nil {
			return c.fail(err)
		}
		enabled = append(enabled, name)
	}
	sort.Strings(enabled)
	fmt.Fprintf(c.stdout, "%d failed %s back in the outbox", moved, plural(moved, "delivery", "deliveries"))
	if len(enabled) > 0 {
		fmt.Fprintf(c.stdout, "; re-enabled %v", enabled)
	}
	fmt.Fprintln(c.stdout)
	if stopped := stoppedFeeds(ctx, st); len(stopped) > 0 {
		fmt.Fprintf(c.stdout, "%d %s stopped after failing for 30 days (%v); wirewatch retry -feed NAME resumes one\n",
			len(stopped), plural(len(stopped), "feed", "feeds"), stopped)
	}
	return exitOK
}

// resumeFeed is `wirewatch retry -feed NAME`.
func (c *cli) resumeFeed(ctx context.Context, st *store.Store, name string) int {
	ok, err := st.ResumeFeed(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(c.stderr, "wirewatch: feed %q was never polled: no such feed in the store\n", name)
		return exitError
	}
	if err != nil {
		return c.fail(err)
	}
	if !ok {
		fmt.Fprintf(c.stdout, "feed %s is not stopped: it is polled as usual\n", name)
		return exitOK
	}
	fmt.Fprintf(c.stdout, "feed %s resumed: it is polled at the next poll\n", name)
	return exitOK
}

// stoppedFeeds returns the names of the feeds whose polling stopped.
func stoppedFeeds(ctx context.Context, st *store.Store) []string {
	states, err := st.FeedStates(ctx)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range states {
		if !s.Stopped.IsZero() {
			out = append(out, s.Name)
		}
	}
	return out
}
