// Package schedule parses the schedules people write in wirewatch's
// configuration and in Discord commands, and runs jobs on them. It is the
// only package that uses robfig/cron.
//
// A schedule is a standard five-field cron spec ("*/10 * * * *"), a cron
// descriptor ("@hourly", "@every 15m"), or one of the words "instant",
// "hourly", "daily HH:MM" and "weekly", each read in a time zone.
package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Schedule is a parsed schedule in a time zone.
type Schedule struct {
	spec    string
	loc     *time.Location
	sched   cron.Schedule
	instant bool
}

var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Zone returns the IANA time zone named tz; "" and "UTC" mean UTC.
func Zone(tz string) (*time.Location, error) {
	if tz == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", tz)
	}
	return loc, nil
}

// Parse parses spec read in the time zone loc (nil means UTC).
func Parse(spec string, loc *time.Location) (Schedule, error) {
	if loc == nil {
		loc = time.UTC
	}
	s := strings.TrimSpace(spec)
	if s == "" {
		return Schedule{}, fmt.Errorf("empty schedule")
	}
	word := strings.ToLower(s)
	switch {
	case word == "instant":
		return Schedule{spec: s, loc: loc, instant: true}, nil
	case word == "hourly":
		s = "0 * * * *"
	case word == "weekly":
		s = "0 8 * * 1"
	case word == "daily":
		s = "0 8 * * *"
	case strings.HasPrefix(word, "daily "):
		h, m, err := clock(strings.TrimSpace(word[len("daily "):]))
		if err != nil {
			return Schedule{}, fmt.Errorf("schedule %q: %w", spec, err)
		}
		s = fmt.Sprintf("%d %d * * *", m, h)
	case strings.HasPrefix(word, "cron_tz=") || strings.HasPrefix(word, "tz="):
		return Schedule{}, fmt.Errorf("schedule %q: set the time zone with time_zone, not in the spec", spec)
	}
	cs, err := parser.Parse(s)
	if err != nil {
		return Schedule{}, fmt.Errorf("invalid schedule %q: %w", spec, err)
	}
	if ss, ok := cs.(*cron.SpecSchedule); ok {
		ss.Location = loc
	}
	if cs.Next(time.Now()).IsZero() {
		return Schedule{}, fmt.Errorf("schedule %q never fires", spec)
	}
	return Schedule{spec: strings.TrimSpace(spec), loc: loc, sched: cs}, nil
}

// clock parses "HH:MM".
func clock(s string) (h, m int, err error) {
	hs, ms, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0, fmt.Errorf("want daily HH:MM, e.g. daily 08:00")
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(ms) != 2 {
		return 0, 0, fmt.Errorf("invalid time of day %q: want HH:MM from 00:00 to 23:59", s)
	}
	return h, m, nil
}

// Next returns the first time after t the schedule fires; for an instant
// schedule, t itself.
func (s Schedule) Next(t time.Time) time.Time {
	if s.instant {
		return t
	}
	if s.sched == nil {
		return time.Time{}
	}
	return s.sched.Next(t)
}

// Due reports whether a schedule that last fired at last is due at now: it
// has fired since. A zero last counts from since, when the caller began
// watching.
func (s Schedule) Due(last, since, now time.Time) bool {
	if s.instant {
		return true
	}
	if last.IsZero() {
		last = since
	}
	next := s.Next(last)
	return !next.IsZero() && !next.After(now)
}

// Instant reports whether the schedule delivers at once.
func (s Schedule) Instant() bool { return s.instant }

// IsZero reports whether s was never parsed.
func (s Schedule) IsZero() bool { return s.sched == nil && !s.instant }

// String returns the spec as written, with its zone when not UTC.
func (s Schedule) String() string {
	if s.loc != nil && s.loc != time.UTC {
		return s.spec + " (" + s.loc.String() + ")"
	}
	return s.spec
}
