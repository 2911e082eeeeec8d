package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Totals sums the outputs' tallies.
func (r *Report) Totals() destTally {
	t := destTally{Name: "all outputs"}
	for _, d := range r.Dests {
		t.Messages += d.Messages
		t.Expected += d.Expected
		t.Delivered += d.Delivered
		t.Folded += d.Folded
		t.Lost += d.Lost
		t.Unexpected += d.Unexpected
		t.InFlight += d.InFlight
		t.Duplicated += d.Duplicated
	}
	return t
}

// Kills counts the runs ended by SIGKILL; Crashes those that ended on
// their own before the soak stopped them.
func (r *Report) Kills() (kills, crashes int) {
	for i, run := range r.Runs {
		switch {
		case run.Killed:
			kills++
		case i < len(r.Runs)-1:
			crashes++
		}
	}
	return kills, crashes
}

// Peaks returns the highest peak resident memory, anonymous resident
// memory and descriptor count of any run.
func (r *Report) Peaks() (rss, anon int64, fds int) {
	for _, run := range r.Runs {
		rss = max(rss, run.PeakRSS)
		anon = max(anon, run.PeakAnon)
		fds = max(fds, run.PeakFDs)
	}
	return rss, anon, fds
}

// Print writes the report: the setup, a table per output, and the
// program's runs.
func (r *Report) Print(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "soak of wirewatch run: %d feeds for %v (+ drain), seed %d; %d CPUs, GOMAXPROCS %d\n",
		o.Feeds, o.Duration, o.Seed, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "feeds: %d stories at start each, list the newest %d, gain one with p=%.3g every %v; %.3g of stories match; poll every %v\n",
		o.Initial, o.Window, o.NewPerTick, o.Tick, o.Share, o.Poll)
	fmt.Fprintf(w, "feed server: %d requests, %d answered 200, %d 304, %d failed (slow %d‰, flaky %d‰, dead %d‰ of feeds)\n",
		r.FeedRequests, r.FeedOK, r.Feed304, r.FeedFailed, slowPerMille, flakyPerMille, deadPerMille)
	fmt.Fprintf(w, "stories: %d in the feeds, %d served, %d served and matching (expected on each output)\n\n", r.Stories, r.Served, r.Expected)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "output\tmessages\texpected\tlinked\tin its event\tlost\trepeated in flight\tduplicated otherwise\tunexpected\tlatency p50\tp95\tmax\t")
	for _, d := range r.Dests {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%v\t%v\t%v\t\n", d.Name, d.Messages, d.Expected, d.Delivered, d.Folded, d.Lost, d.InFlight, d.Duplicated, d.Unexpected,
			d.P50.Round(time.Second), d.P95.Round(time.Second), d.Max.Round(time.Second))
	}
	d := r.Totals()
	fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\t\t\t\n", d.Name, d.Messages, d.Expected, d.Delivered, d.Folded, d.Lost, d.InFlight, d.Duplicated, d.Unexpected)
	tw.Flush()

	kills, crashes := r.Kills()
	rss, anon, fds := r.Peaks()
	var storms, drops, gateway int
	for _, t := range r.Troubles {
		switch t.Kind {
		case stormGlobal, stormRoute:
			storms++
		case dropPosts:
			drops++
		default:
			gateway++
		}
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, row := range [][2]string{
		{"kills (SIGKILL)", fmt.Sprint(kills)},
		{"restarts", fmt.Sprint(len(r.Runs) - 1)},
		{"runs that ended on their own", fmt.Sprint(crashes)},
		{"peak RSS (VmHWM, any run)", mib(rss)},
		{"peak anonymous RSS (RssAnon, sampled each second)", mib(anon)},
		{"peak open file descriptors", fmt.Sprint(fds)},
		{"429 storms (global and per route)", fmt.Sprint(storms)},
		{"429s answered by storms", fmt.Sprint(r.Requests.Storm429)},
		{"429s answered by the fake's rate limits", fmt.Sprint(r.Requests.Limit429)},
		{"posts dropped (connection reset)", fmt.Sprintf("%d (in %d bursts)", r.Requests.Dropped, drops)},
		{"gateway sockets dropped or closed", fmt.Sprint(gateway)},
		{"posts to the outputs' routes", fmt.Sprint(r.Requests.Posts)},
		{"drained", fmt.Sprintf("%v in %v", r.Drained, r.DrainTook.Round(time.Second))},
		{"wall time", r.Wall.Round(time.Second).String()},
	} {
		fmt.Fprintf(tw, "%s\t%s\n", row[0], row[1])
	}
	tw.Flush()

	fmt.Fprintln(w, "\nruns:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "run\tstarted\tlasted\tended by\tpeak RSS\tpeak anon\tpeak fds\t")
	first := time.Time{}
	if len(r.Runs) > 0 {
		first = r.Runs[0].Start
	}
	for i, run := range r.Runs {
		fmt.Fprintf(tw, "%d\t+%v\t%v\t%s\t%s\t%s\t%d\t\n", i+1, run.Start.Sub(first).Round(time.Second),
			run.End.Sub(run.Start).Round(time.Second), run.Exit, mib(run.PeakRSS), mib(run.PeakAnon), run.PeakFDs)
	}
	tw.Flush()
	for _, d := range r.Dests {
		if len(d.LostIDs) > 0 {
			fmt.Fprintf(w, "%s lost: %s\n", d.Name, firstFew(d.LostIDs))
		}
		if len(d.DuplicatedIDs) > 0 {
			fmt.Fprintf(w, "%s duplicated: %s\n", d.Name, firstFew(d.DuplicatedIDs))
		}
	}
	if r.Status != "" {
		fmt.Fprintf(w, "\nwirewatch status at the end:\n%s\n", r.Status)
	}
}

func firstFew(ids []string) string {
	if len(ids) > 10 {
		return strings.Join(ids[:10], " ") + fmt.Sprintf(" ... (%d)", len(ids))
	}
	return strings.Join(ids, " ")
}
