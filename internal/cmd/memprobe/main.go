// Command memprobe builds a language detector with the given options and
// reports how long the build took, the process's peak resident memory
// (VmHWM from /proc/self/status) and the time per headline and summary.
// Each configuration needs its own process, since peak memory only grows:
//
//	go run ./internal/cmd/memprobe -languages default -high=false
//	go run ./internal/cmd/memprobe -languages all -high=true
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/detect"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "memprobe:", err)
		os.Exit(1)
	}
}

// run parses the flags, builds the detector and prints one report line.
func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("memprobe", flag.ContinueOnError)
	langs := fs.String("languages", "default", `"default", "all" or comma-separated ISO 639-1 codes`)
	high := fs.Bool("high", false, "high-accuracy mode")
	n := fs.Int("n", 200, "analyses per measured text")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var codes []string
	if *langs != "default" {
		codes = strings.Split(*langs, ",")
	}
	before, err := peakRSS()
	if err != nil {
		return err
	}
	start := time.Now()
	d, err := detect.New(detect.Options{Languages: codes, HighAccuracy: *high, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	build := time.Since(start)
	headline := detect.Input{Title: "North Korea fires ballistic missile into the sea, Seoul's military says"}
	summary := detect.Input{Title: headline.Title, Text: strings.Repeat("North Korea fired a ballistic missile into the sea off its east coast on Thursday, South Korea's military said. ", 5)}
	perHeadline := timePer(d, headline, *n)
	perSummary := timePer(d, summary, *n)
	runtime.GC()
	peak, err := peakRSS()
	if err != nil {
		return err
	}
	rss, err := statusField("VmRSS:")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "languages=%s high=%v build=%v peak_rss=%d MiB rss=%d MiB (start %d MiB) headline=%v summary=%v\n",
		*langs, *high, build.Round(time.Millisecond), peak>>10, rss>>10, before>>10, perHeadline, perSummary)
	return nil
}

// timePer returns the mean time of n analyses of in.
func timePer(d *detect.Detector, in detect.Input, n int) time.Duration {
	start := time.Now()
	for range n {
		d.Analyze(in)
	}
	return (time.Since(start) / time.Duration(n)).Round(time.Microsecond)
}

// peakRSS returns VmHWM in KiB.
func peakRSS() (int64, error) { return statusField("VmHWM:") }

// statusField returns a field of /proc/self/status in KiB.
func statusField(name string) (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("read status: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), name); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err != nil {
				return 0, fmt.Errorf("parse %s: %w", name, err)
			}
			return kb, nil
		}
	}
	return 0, fmt.Errorf("no %s in /proc/self/status", name)
}
