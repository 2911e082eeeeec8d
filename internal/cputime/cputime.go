// Package cputime reads the CPU time the process has used, for
// benchmarks that report work per CPU-second: on a shared machine it
// varies far less than wall time.
package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Used returns the user and system CPU time of the whole process so far
// (getrusage), failing tb when it cannot be read.
func Used(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
