package main

import (
	"context"
	"fmt"
	"sort"
)

// retry is `wirewatch retry`: give failed deliveries another chance.
func (c *cli) retry(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("retry", "[flags]", `Move failed deliveries back to the outbox and re-enable disabled outputs,
after the cause (a deleted webhook, a missing permission) was fixed. They
are delivered by the next run or once. -output limits it to one output.`)
	c.addCommon(fs, &co)
	only := fs.String("output", "", "the output `name` to retry (default: every output)")
	_, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return c.fail(err)
	}
	defer st.Close()
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
	return exitOK
}
