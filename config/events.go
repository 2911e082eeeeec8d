package config

import (
	"fmt"

	"github.com/wirewatch/wirewatch/detect"
)

// Events tunes the clustering of stories into events: the stories of any
// feeds and languages that tell the same news.
type Events struct {
	// Window is how long an event takes new stories: a story joins an
	// event when it comes within Window of the event's stories. Default
	// 48h.
	Window Duration `yaml:"window"`
	// MaxStories bounds the stories clustering holds in memory: past it,
	// the stories that came first leave the window first, whatever
	// Window says. Default DefaultEventMaxStories.
	MaxStories int `yaml:"max_stories"`
}

// minEventMaxStories is the least events.max_stories: fewer would leave
// out of the window the stories of a single poll.
const minEventMaxStories = 1000

// validateEvents checks events.window and digest.languages.
func (l *loader) validateEvents(c *Config) {
	l.validateTranslate(c)
	if c.Events.Window <= 0 {
		l.errorf("events.window", "must be positive, e.g. 48h or 2d")
	}
	if c.Events.MaxStories < minEventMaxStories {
		l.errorf("events.max_stories", "must be at least %d", minEventMaxStories)
	}
	if len(c.Digest.Languages) == 0 {
		c.Digest.Languages = []string{"en"}
	}
	for i, code := range c.Digest.Languages {
		if err := detect.CheckLanguage(code); err != nil {
			l.errorf(fmt.Sprintf("digest.languages[%d]", i), "%v", err)
		}
	}
}
