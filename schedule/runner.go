package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/robfig/cron/v3"
)

// Runner runs named jobs on schedules. A job that is still running when
// its schedule fires again is skipped, not stacked, and a panicking job is
// logged and recovered. Every job receives the context given to Start.
type Runner struct {
	log  *slog.Logger
	c    *cron.Cron
	mu   sync.Mutex
	ctx  context.Context
	jobs map[string]cron.EntryID
}

// NewRunner returns a stopped runner that logs through log.
func NewRunner(log *slog.Logger) *Runner {
	cl := cronLogger{log}
	return &Runner{
		log:  log,
		c:    cron.New(cron.WithParser(parser), cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)), cron.WithLogger(cl)),
		ctx:  context.Background(),
		jobs: map[string]cron.EntryID{},
	}
}

// Set adds the job under name, replacing any job of that name.
func (r *Runner) Set(name string, s Schedule, job func(ctx context.Context)) error {
	if s.IsZero() || s.instant {
		return fmt.Errorf("job %s: schedule %q cannot drive a job", name, s.spec)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.jobs[name]; ok {
		r.c.Remove(id)
	}
	id := r.c.Schedule(s.sched, cron.FuncJob(func() { job(r.context()) }))
	r.jobs[name] = id
	return nil
}

// Remove removes the job of that name, if any.
func (r *Runner) Remove(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.jobs[name]; ok {
		r.c.Remove(id)
		delete(r.jobs, name)
	}
}

// Names returns the names of the jobs set.
func (r *Runner) Names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := make([]string, 0, len(r.jobs))
	for n := range r.jobs {
		names = append(names, n)
	}
	return names
}

func (r *Runner) context() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ctx
}

// Start runs the jobs in the background until Stop; they get ctx.
func (r *Runner) Start(ctx context.Context) {
	r.mu.Lock()
	r.ctx = ctx
	r.mu.Unlock()
	r.c.Start()
}

// Stop stops scheduling and waits for running jobs until ctx is done.
func (r *Runner) Stop(ctx context.Context) error {
	done := r.c.Stop().Done()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("jobs still running at shutdown: %w", ctx.Err())
	}
}

// cronLogger adapts slog to cron's two-method logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, slog.Any("error", err))...)
}
