//go:build !linux

package main

import "time"

// usage is the process's CPU time and memory at one moment; elsewhere than
// on Linux only the Go heap is measured.
type usage struct {
	user, sys    time.Duration
	rss, peakRSS int64
}

func readUsage() usage { return usage{} }

func resetPeakRSS() bool { return false }

func runQueueWait() time.Duration { return 0 }
