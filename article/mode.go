package article

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Mode says which of a feed's stories get their article page fetched: a
// feed's fetch_article setting.
type Mode string

// The modes, as written in the configuration.
const (
	// Off fetches no article: stories are matched on what the feed
	// carries. The empty Mode is Off too.
	Off Mode = "false"
	// On fetches the article of every new story.
	On Mode = "true"
	// Auto fetches the article of new stories whose feed text is a
	// teaser: shorter than TeaserRunes.
	Auto Mode = "auto"
)

// TeaserRunes is the length under which Auto takes a story's feed text
// for a teaser.
const TeaserRunes = 200

// ParseMode reads a fetch_article setting: true, false or auto ("" is
// false).
func ParseMode(s string) (Mode, error) {
	switch m := Mode(strings.ToLower(strings.TrimSpace(s))); m {
	case "", Off:
		return Off, nil
	case On, Auto:
		return m, nil
	}
	return "", fmt.Errorf("invalid value %q: want true, false or auto", s)
}

// Wants reports whether a new story whose feed text is summary should get
// its article fetched.
func (m Mode) Wants(summary string) bool {
	switch m {
	case On:
		return true
	case Auto:
		return utf8.RuneCountInString(strings.TrimSpace(summary)) < TeaserRunes
	}
	return false
}
