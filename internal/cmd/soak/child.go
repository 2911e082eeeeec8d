package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// buildBinary builds the wirewatch command of the module the soak belongs
// to into dir.
func buildBinary(ctx context.Context, dir string) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("find the module: %w", err)
	}
	root := strings.TrimSpace(string(out))
	bin := filepath.Join(dir, "wirewatch")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/wirewatch")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, out)
	}
	return bin, nil
}

// runRecord is one run of the program.
type runRecord struct {
	Start, End time.Time
	// Killed is set when the run ended in SIGKILL.
	Killed bool
	// PeakRSS is its VmHWM at the last sample: resident memory, the
	// binary's pages read from disk included. PeakAnon is the most
	// anonymous resident memory (RssAnon: heap and stacks) seen, and
	// PeakFDs the most open descriptors seen.
	PeakRSS, PeakAnon int64
	PeakFDs           int
	// Exit is how the run ended.
	Exit string
}

// child runs the program, one run at a time, and samples its memory and
// descriptors every second.
type child struct {
	bin, config string
	env         []string
	log         io.Writer

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	runs []runRecord
}

// start starts a run.
func (c *child) start() error {
	cmd := exec.Command(c.bin, "run", "-config", c.config, "-log-format", "json", "-log-level", "info")
	cmd.Env = append(os.Environ(), c.env...)
	cmd.Stdout, cmd.Stderr = c.log, c.log
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start wirewatch: %w", err)
	}
	done := make(chan struct{})
	c.mu.Lock()
	c.cmd, c.done = cmd, done
	c.runs = append(c.runs, runRecord{Start: time.Now()})
	idx := len(c.runs) - 1
	c.mu.Unlock()
	go c.sample(cmd.Process.Pid, idx, done)
	go func() {
		err := cmd.Wait()
		c.mu.Lock()
		c.runs[idx].End = time.Now()
		c.runs[idx].Exit = exitString(err)
		c.mu.Unlock()
		close(done)
	}()
	return nil
}

func exitString(err error) string {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return "exit 0"
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return "signal " + ws.Signal().String()
		}
		return fmt.Sprintf("exit %d", ee.ExitCode())
	default:
		return err.Error()
	}
}

// running reports whether a run is going on.
func (c *child) running() bool {
	c.mu.Lock()
	done := c.done
	c.mu.Unlock()
	if done == nil {
		return false
	}
	select {
	case <-done:
		return false
	default:
		return true
	}
}

// kill ends the run with SIGKILL and waits for it; it reports whether
// there was a run to kill.
func (c *child) kill() bool {
	c.mu.Lock()
	cmd, done := c.cmd, c.done
	if cmd == nil {
		c.mu.Unlock()
		return false
	}
	select {
	case <-done:
		c.mu.Unlock()
		return false
	default:
	}
	c.runs[len(c.runs)-1].Killed = true
	c.mu.Unlock()
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-done
	return true
}

// stop ends the run with SIGTERM, waiting up to grace before SIGKILL.
func (c *child) stop(grace time.Duration) {
	c.mu.Lock()
	cmd, done := c.cmd, c.done
	c.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(grace):
		c.kill()
	}
}

// records returns the runs so far.
func (c *child) records() []runRecord {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]runRecord(nil), c.runs...)
}

// sample reads the run's memory and descriptors every second until it
// ends.
func (c *child) sample(pid, idx int, done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		hwm, anon, fds := procUsage(pid)
		c.mu.Lock()
		r := &c.runs[idx]
		r.PeakRSS = max(r.PeakRSS, hwm)
		r.PeakAnon = max(r.PeakAnon, anon)
		r.PeakFDs = max(r.PeakFDs, fds)
		c.mu.Unlock()
		select {
		case <-done:
			return
		case <-t.C:
		}
	}
}

// procUsage returns a process's peak resident memory (VmHWM) and its
// anonymous resident memory now (RssAnon), in bytes, and its open file
// descriptors; zeros when they cannot be read.
func procUsage(pid int) (hwm, anon int64, fds int) {
	dir := "/proc/" + strconv.Itoa(pid)
	if b, err := os.ReadFile(dir + "/status"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			key, v, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			switch key {
			case "VmHWM":
				hwm = kb << 10
			case "RssAnon":
				anon = kb << 10
			}
		}
	}
	if ents, err := os.ReadDir(dir + "/fd"); err == nil {
		fds = len(ents)
	}
	return hwm, anon, fds
}
