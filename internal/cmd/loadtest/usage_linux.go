package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// usage is the process's CPU time and memory at one moment.
type usage struct {
	user, sys time.Duration
	// rss and peakRSS are VmRSS and VmHWM in bytes; 0 when unknown.
	rss, peakRSS int64
}

// readUsage reads CPU time from getrusage and memory from
// /proc/self/status.
func readUsage() usage {
	var u usage
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		u.user = time.Duration(ru.Utime.Nano())
		u.sys = time.Duration(ru.Stime.Nano())
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return u
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch key {
		case "VmRSS":
			u.rss = kib(val)
		case "VmHWM":
			u.peakRSS = kib(val)
		}
	}
	return u
}

// kib parses a /proc/self/status size such as "  123456 kB" into bytes.
func kib(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(s), " kB"), 10, 64)
	if err != nil {
		return 0
	}
	return n << 10
}

// resetPeakRSS resets VmHWM to the current RSS (Linux 4.0 and later) and
// reports whether it could.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// runQueueWait returns how long the process's threads have waited on a
// run queue for a CPU (the second field of each thread's
// /proc/self/task/TID/schedstat): time it was ready to run but the
// machine's cores were busy with other processes. Threads that exited are
// not counted.
func runQueueWait() time.Duration {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0
	}
	var sum time.Duration
	for _, t := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + t.Name() + "/schedstat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			if n, err := strconv.ParseInt(f[1], 10, 64); err == nil {
				sum += time.Duration(n)
			}
		}
	}
	return sum
}
