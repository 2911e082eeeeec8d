package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/store"
)

// defaultLockWait is how long once waits for another process using the
// database: longer than a typical poll, well within a ten-minute schedule.
const defaultLockWait = time.Minute

// run is `wirewatch run`: the daemon.
func (c *cli) run(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("run", "[flags]", `Poll feeds on their cron schedules and deliver digests and alerts until
SIGINT or SIGTERM. The configuration file is re-read before each poll when
it changed; an invalid edit is logged and the previous one stays in force.
With a Discord bot token configured, the bot connects and serves its slash
commands. With http.listen set, it serves /metrics, /healthz, /readyz and
a status page.

Only one run or once may use a database at a time: a second run refuses to
start, naming the process that holds the database's lock file.`)
	c.addCommon(fs, &co)
	log, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	for _, w := range cfg.Warnings {
		log.Warn("config warning", "warning", w)
	}
	p, err := open(ctx, co.config, cfg, log, c.stdout, true, store.Command("run"))
	if err != nil {
		return c.fail(err)
	}
	defer p.Close()
	if err := p.serveHTTP(cfg, log); err != nil {
		return c.fail(err)
	}
	log.Info("wirewatch running", "version", version, "feeds", len(cfg.Feeds), "topics", len(cfg.Topics), "outputs", len(cfg.Outputs))
	if err := p.app.Run(ctx); err != nil {
		return c.fail(err)
	}
	log.Info("wirewatch stopped")
	return exitOK
}

// once is `wirewatch once`: one poll, delivery of what is due.
func (c *cli) once(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("once", "[flags]", `Poll every feed once, deliver alerts and every digest that is due, and
exit: for cron, a Kubernetes CronJob or a timer. An output's digest is due
when its schedule fired since its last digest, or when it never had one;
-force delivers every digest now. A second run right after delivers nothing
again. Feeds that fail are reported and retried next time; they do not
change the exit code; a store that cannot store (a full disk) does (1).

When another run or once holds the database, once waits up to -lock-wait
for it, then gives up with exit code 1.`)
	c.addCommon(fs, &co)
	quiet := fs.Bool("quiet", false, "do not print the summary line to stderr")
	force := fs.Bool("force", false, "deliver every output's digest now, whatever its schedule")
	lockWait := fs.Duration("lock-wait", defaultLockWait, "how long to wait for another run or once using the database")
	log, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	for _, w := range cfg.Warnings {
		log.Warn("config warning", "warning", w)
	}
	p, err := open(ctx, "", cfg, log, c.stdout, false, store.Command("once"), store.LockWait(*lockWait))
	if err != nil {
		return c.fail(err)
	}
	defer p.Close()
	if err := p.serveHTTP(cfg, log); err != nil {
		return c.fail(err)
	}
	prep, drep, err := p.app.Once(ctx, *force)
	if err != nil {
		return c.fail(err)
	}
	if !*quiet {
		delivered, outs := 0, make([]string, 0, len(drep.Delivered))
		for name, n := range drep.Delivered {
			delivered += n
			outs = append(outs, fmt.Sprintf("%s %d", name, n))
		}
		sort.Strings(outs)
		line := fmt.Sprintf("polled %d %s: %d new %s, %d failed; delivered %d",
			len(prep.Feeds), plural(len(prep.Feeds), "feed", "feeds"), prep.New, plural(prep.New, "story", "stories"), prep.Failed, delivered)
		if len(outs) > 0 {
			line += " (" + strings.Join(outs, ", ") + ")"
		}
		if counted := sum(drep.Counted); counted > 0 {
			line += fmt.Sprintf("; %d more only counted (wirewatch more)", counted)
		}
		fmt.Fprintln(c.stderr, line)
		for _, r := range prep.Feeds {
			if r.Err != nil {
				fmt.Fprintf(c.stderr, "  feed %s: %v\n", r.Feed, r.Err)
			}
		}
	}
	if e := p.store.WriteError(); e != nil {
		fmt.Fprintf(c.stderr, "wirewatch: store %s cannot store: %v\n", p.store.Path(), e)
		return exitError
	}
	if drep.Incomplete() {
		c.reportIncomplete(drep)
		return exitIncomplete
	}
	return exitOK
}

// reportIncomplete tells, output by output, what was not delivered and
// what to do about it.
func (c *cli) reportIncomplete(rep app.DeliveryReport) {
	for _, name := range sortedKeys(rep.Disabled) {
		fmt.Fprintf(c.stderr, "wirewatch: output %s is disabled: %s\n  its stories wait; once the cause is fixed, run: wirewatch retry -output %s\n", name, oneLine(rep.Disabled[name]), name)
	}
	for _, name := range sortedKeys(rep.Broken) {
		fmt.Fprintf(c.stderr, "wirewatch: output %s cannot be used: %v\n", name, rep.Broken[name])
	}
	for _, name := range sortedKeys(rep.Stopped) {
		fmt.Fprintf(c.stderr, "wirewatch: output %s: delivery stopped: %v\n  what was not delivered stays queued for the next run\n", name, rep.Stopped[name])
	}
	for _, name := range sortedKeys(rep.Rejected) {
		n := rep.Rejected[name]
		fmt.Fprintf(c.stderr, "wirewatch: output %s refused %d %s even one at a time; kept as failed (wirewatch status), requeue with: wirewatch retry -output %s\n", name, n, plural(n, "story", "stories"), name)
	}
}

// sum adds up a count per output.
func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
