package config

import "time"

// Defaults used when the file leaves a setting out.
const (
	DefaultPollSchedule   = "*/10 * * * *"
	DefaultDigestSchedule = "0 * * * *"
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBody        = Size(10 << 20)
	DefaultConcurrency    = 8
	DefaultPerHost        = 2
	DefaultMaxItems       = 500
	DefaultMaxPerGroup    = 10
	DefaultAccuracy       = "low"
	DefaultRetention      = Duration(90 * 24 * time.Hour)
	DefaultDeadAfter      = Duration(24 * time.Hour)
	// DefaultMaxAge is poll.max_age: older stories are stored, not
	// delivered.
	DefaultMaxAge = Duration(48 * time.Hour)
	// DefaultEventWindow is how long an event takes new stories.
	DefaultEventWindow = Duration(48 * time.Hour)
	// DefaultEventMaxStories bounds the stories of the window of events
	// held in memory (about 2 KB each).
	DefaultEventMaxStories = 20000
	// DefaultMaxSubscriptions bounds a Discord server's subscriptions.
	DefaultMaxSubscriptions = 50
	// DefaultMuteReaction and DefaultFalsePositiveReaction are the
	// reactions of discord.reactions.
	DefaultMuteReaction          = "🔕"
	DefaultFalsePositiveReaction = "❌"
)

// EnvHTTPListen names the environment variable that sets http.listen when
// the file does not, so that a container image or a compose file can turn
// the HTTP server on for any configuration.
const EnvHTTPListen = "WIREWATCH_HTTP_LISTEN"

// Default returns a configuration with every default filled in and no
// feeds, topics or outputs.
func Default() *Config {
	return &Config{
		Retention: DefaultRetention,
		Detection: Detection{Accuracy: DefaultAccuracy},
		Poll: Poll{
			Schedule:    DefaultPollSchedule,
			Timeout:     DefaultTimeout,
			MaxBody:     DefaultMaxBody,
			Concurrency: DefaultConcurrency,
			PerHost:     DefaultPerHost,
			DeadAfter:   DefaultDeadAfter,
			MaxItems:    DefaultMaxItems,
			MaxAge:      DefaultMaxAge,
		},
		Digest: Digest{Schedule: DefaultDigestSchedule, MaxPerGroup: DefaultMaxPerGroup},
		Events: Events{Window: DefaultEventWindow, MaxStories: DefaultEventMaxStories},
		Spikes: Spikes{Factor: DefaultSpikeFactor, MinStories: DefaultSpikeMinStories, MinOutlets: DefaultSpikeMinOutlets,
			MinHistory: DefaultSpikeMinHistory, Cooldown: DefaultSpikeCooldown},
		Alerts: Alerts{EditOutlets: DefaultEditOutlets, EditLanguages: DefaultEditLanguages},
		Discord: Discord{MaxSubscriptions: DefaultMaxSubscriptions,
			Reactions: Reactions{Mute: DefaultMuteReaction, FalsePositive: DefaultFalsePositiveReaction}},
	}
}
