package feeds

import (
	"context"
	"sync"
)

// limiter hands out fetch slots: at most global in flight overall and at
// most perHost for any one host.
type limiter struct {
	global  chan struct{}
	perHost int

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newLimiter(global, perHost int) *limiter {
	return &limiter{
		global:  make(chan struct{}, global),
		perHost: perHost,
		hosts:   make(map[string]chan struct{}),
	}
}

// acquire blocks until a slot for host and a global slot are free, or ctx
// ends. The host slot is taken first, so that fetches queued behind a busy
// host do not hold global slots other hosts could use. An empty host takes
// only a global slot. The returned func releases both.
func (l *limiter) acquire(ctx context.Context, host string) (release func(), err error) {
	var hostSem chan struct{}
	if host != "" {
		hostSem = l.host(host)
		select {
		case hostSem <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	select {
	case l.global <- struct{}{}:
	case <-ctx.Done():
		if hostSem != nil {
			<-hostSem
		}
		return nil, ctx.Err()
	}
	return func() {
		<-l.global
		if hostSem != nil {
			<-hostSem
		}
	}, nil
}

func (l *limiter) host(host string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	sem, ok := l.hosts[host]
	if !ok {
		sem = make(chan struct{}, l.perHost)
		l.hosts[host] = sem
	}
	return sem
}
