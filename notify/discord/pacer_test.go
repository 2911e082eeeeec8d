package discord

import (
	"testing"
	"time"
)

func TestPacerCountsDepartures(t *testing.T) {
	p := newPacer(4)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var at time.Duration
	p.now = func() time.Time { return t0.Add(at) }
	steps := []struct {
		at   time.Duration
		want time.Duration
	}{
		{0, 0},
		{100 * time.Millisecond, 150 * time.Millisecond}, // 4 a second: one every 250ms
		{250 * time.Millisecond, 0},
		{300 * time.Millisecond, 200 * time.Millisecond},
		{500 * time.Millisecond, 0},
		// A late waiter leaves when it wakes, and the next is spaced from
		// it, not from the slot it was promised: no burst after a stall.
		{2 * time.Second, 0},
		{2*time.Second + time.Millisecond, 249 * time.Millisecond},
	}
	for i, s := range steps {
		at = s.at
		if got := p.reserve(); got != s.want {
			t.Errorf("step %d: reserve at %v = %v, want %v", i, s.at, got, s.want)
		}
	}
}
