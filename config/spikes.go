package config

import "time"

// Spikes configures spike alerts: a topic whose stories or outlets in the
// last hour go well past its usual rate at that hour of the day (or of the
// week, once learned) is announced once, with a chart of its last 7 days
// by language, to the Discord outputs that take the topic's alerts.
type Spikes struct {
	// Enabled turns spike alerts on (default true).
	Enabled *bool `yaml:"enabled"`
	// Factor is how many times its usual rate a topic must reach (and at
	// least three standard deviations above it); default 3.
	Factor float64 `yaml:"factor"`
	// MinStories and MinOutlets are the fewest stories, or outlets
	// (feeds), in an hour that can make a spike; defaults 5 and 3.
	MinStories int `yaml:"min_stories"`
	MinOutlets int `yaml:"min_outlets"`
	// MinHistory is how much history the baseline needs before any alert:
	// that many days of each hour of the day; default 7d.
	MinHistory Duration `yaml:"min_history"`
	// Cooldown is the least time between two spike alerts of one topic;
	// default 6h.
	Cooldown Duration `yaml:"cooldown"`
}

// Defaults of spike alerts.
const (
	DefaultSpikeFactor     = 3.0
	DefaultSpikeMinStories = 5
	DefaultSpikeMinOutlets = 3
	DefaultSpikeMinHistory = Duration(7 * 24 * time.Hour)
	DefaultSpikeCooldown   = Duration(6 * time.Hour)
)

// On reports whether spike alerts are enabled.
func (s Spikes) On() bool { return s.Enabled == nil || *s.Enabled }

// validateSpikes checks the spikes section.
func (l *loader) validateSpikes(c *Config) {
	s := &c.Spikes
	if s.Factor < 1 {
		l.errorf("spikes.factor", "must be at least 1 (default %g)", DefaultSpikeFactor)
	}
	if s.MinStories < 1 {
		l.errorf("spikes.min_stories", "must be at least 1 (default %d)", DefaultSpikeMinStories)
	}
	if s.MinOutlets < 1 {
		l.errorf("spikes.min_outlets", "must be at least 1 (default %d)", DefaultSpikeMinOutlets)
	}
	if s.MinHistory < Duration(24*time.Hour) {
		l.errorf("spikes.min_history", "must be at least 1d (default 7d): a baseline needs each hour of the day")
	}
}
