package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"
)

// more is `wirewatch more`: the stories capped digests only counted.
func (c *cli) more(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("more", "[flags]", `List the stories that digests counted in "and N more" without showing them,
newest first: a capped digest (digest.max_per_group) marks them done, so
that they do not pile up, and this is where to read them.`)
	c.addCommon(fs, &co)
	output := fs.String("output", "", "only this output `name` (default: every output)")
	since := 7 * 24 * time.Hour
	fs.Var(days{&since}, "since", "how far back to look: 48h, 2d, 1w")
	asJSON := fs.Bool("json", false, "print one JSON object per story")
	limit := fs.Int("n", 200, "list at most `n` stories (0: all)")
	_, st, code := c.startShared(ctx, fs, &co, args)
	if st == nil {
		return code
	}
	defer st.Close()
	rows, err := st.Counted(ctx, *output, time.Now().Add(-since), *limit)
	if err != nil {
		return c.fail(err)
	}
	if *asJSON {
		for _, r := range rows {
			c.printJSON(struct {
				Output  string    `json:"output"`
				Counted time.Time `json:"counted"`
				matchJSON
			}{r.Output, r.Done, toMatchJSON(r.Item.Feed, r.Item)})
		}
		return exitOK
	}
	if len(rows) == 0 {
		fmt.Fprintf(c.stderr, "no story was left out of a digest in the last %s\n", since)
		return exitOK
	}
	now := time.Now()
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "COUNTED\tOUTPUT\tFEED\tLANG\tTITLE\tLINK")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", when(now, r.Done), oneLine(r.Output), oneLine(r.Item.Feed),
			r.Item.Language(), truncate(oneLine(r.Item.DisplayTitle()), 90), dash(oneLine(r.Item.Link)))
	}
	tw.Flush()
	return exitOK
}
