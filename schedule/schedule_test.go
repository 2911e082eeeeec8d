package schedule

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParseNext(t *testing.T) {
	base := time.Date(2026, 3, 10, 7, 30, 0, 0, time.UTC)
	tests := []struct {
		spec, tz string
		want     time.Time
	}{
		{"*/10 * * * *", "", time.Date(2026, 3, 10, 7, 40, 0, 0, time.UTC)},
		{"hourly", "", time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)},
		{"daily 08:00", "", time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)},
		{"Daily 07:15", "", time.Date(2026, 3, 11, 7, 15, 0, 0, time.UTC)},
		{"daily 09:00", "Europe/Berlin", time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)},
		{"daily 08:00", "Europe/Berlin", time.Date(2026, 3, 11, 7, 0, 0, 0, time.UTC)},
		{"@every 15m", "", time.Date(2026, 3, 10, 7, 45, 0, 0, time.UTC)},
		{"@daily", "Asia/Seoul", time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)},
		{"instant", "", base},
	}
	for _, tt := range tests {
		loc, err := Zone(tt.tz)
		if err != nil {
			t.Fatalf("Zone(%q) error: %v", tt.tz, err)
		}
		s, err := Parse(tt.spec, loc)
		if err != nil {
			t.Fatalf("Parse(%q, %q) error: %v", tt.spec, tt.tz, err)
		}
		if got := s.Next(base).UTC(); !got.Equal(tt.want) {
			t.Errorf("Parse(%q, %q).Next = %v, want %v", tt.spec, tt.tz, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ spec, tz, want string }{
		{"", "", "empty schedule"},
		{"daily 25:00", "", `invalid time of day "25:00"`},
		{"daily 8", "", "want daily HH:MM"},
		{"*/10 * * *", "", `invalid schedule "*/10 * * *"`},
		{"every day", "", `invalid schedule "every day"`},
		{"0 0 30 2 *", "", `schedule "0 0 30 2 *" never fires`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.spec, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.spec, err, tt.want)
		}
	}
}

func TestZone(t *testing.T) {
	tests := []struct{ tz, want, err string }{
		{"", "UTC", ""},
		{"UTC", "UTC", ""},
		{"Asia/Seoul", "Asia/Seoul", ""},
		{"Mars/Olympus", "", `unknown time zone "Mars/Olympus"`},
	}
	for _, tt := range tests {
		loc, err := Zone(tt.tz)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Zone(%q) error = %v, want it to contain %q", tt.tz, err, tt.err)
			}
			continue
		}
		if err != nil || loc.String() != tt.want {
			t.Errorf("Zone(%q) = %v, %v; want %s", tt.tz, loc, err, tt.want)
		}
	}
}

func TestDue(t *testing.T) {
	s, _ := Parse("hourly", nil)
	since := time.Date(2026, 1, 1, 10, 5, 0, 0, time.UTC)
	tests := []struct {
		last, now time.Time
		want      bool
	}{
		{time.Time{}, since.Add(10 * time.Minute), false},
		{time.Time{}, since.Add(56 * time.Minute), true},
		{time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 11, 59, 0, 0, time.UTC), false},
		{time.Date(2026, 1, 1, 11, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := s.Due(tt.last, since, tt.now); got != tt.want {
			t.Errorf("Due(%v, %v) = %v, want %v", tt.last, tt.now, got, tt.want)
		}
	}
	inst, _ := Parse("instant", nil)
	if !inst.Due(time.Now(), time.Now(), time.Now()) {
		t.Errorf("instant Due = false, want true")
	}
}

func TestRunnerRecoversAndStops(t *testing.T) {
	r := NewRunner(slog.New(slog.DiscardHandler))
	s, err := Parse("@every 1s", nil)
	if err != nil {
		t.Fatal(err)
	}
	var runs atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := r.Set("panicky", s, func(ctx context.Context) {
		runs.Add(1)
		panic("boom")
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.Set("panicky", s, func(ctx context.Context) { runs.Add(1) }); err != nil {
		t.Fatal(err)
	}
	if got := len(r.Names()); got != 1 {
		t.Fatalf("jobs after replacing = %d, want 1", got)
	}
	inst, _ := Parse("instant", nil)
	if err := r.Set("bad", inst, func(context.Context) {}); err == nil {
		t.Errorf("Set with an instant schedule: no error, want one")
	}
	r.Start(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for runs.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	stopCtx, stop := context.WithTimeout(context.Background(), 2*time.Second)
	defer stop()
	if err := r.Stop(stopCtx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if runs.Load() == 0 {
		t.Errorf("job never ran")
	}
}
