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
