package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/notify/discord"
)

// FilterProblem is one entry of a filter that can never let a story
// through.
type FilterProblem struct {
	// Field is the entry, as "languages[1]" or "feeds[0]".
	Field string
	// Msg says why, naming the entry's value.
	Msg string
}

// CheckFilter returns the entries of f that can never let a story of the
// given topics through (of any topic when topicIDs is empty): language
// codes that are unknown, that language detection never gives (see
// languages:) or that none of the topics matches, and feed names or globs
// that match no configured feed. A filter with none of these keeps some
// stories.
func (c *Config) CheckFilter(f wirewatch.Filter, topicIDs []string) []FilterProblem {
	var probs []FilterProblem
	detected := detect.ResolveLanguages(c.Languages)
	topicLangs := c.topicLanguages(topicIDs)
	for i, code := range f.Languages {
		field := fmt.Sprintf("languages[%d]", i)
		code = strings.TrimSpace(code)
		switch {
		case detect.CheckLanguage(code) != nil:
			probs = append(probs, FilterProblem{field, fmt.Sprintf("%q is not an ISO 639-1 language code, such as ko or ja", code)})
		case !slices.Contains(detected, strings.ToLower(code)):
			probs = append(probs, FilterProblem{field, fmt.Sprintf("%q (%s) is not among the languages wirewatch detects (languages: in the configuration), so no story is ever in it",
				code, detect.LanguageName(code))})
		case topicLangs != nil && !slices.Contains(topicLangs, strings.ToLower(code)):
			probs = append(probs, FilterProblem{field, fmt.Sprintf("%q (%s): the topic matches only stories in %s",
				code, detect.LanguageName(code), strings.Join(topicLangs, ", "))})
		}
	}
	names := make([]string, len(c.Feeds))
	for i, fd := range c.Feeds {
		names[i] = fd.Name
	}
	for i, p := range f.Feeds {
		field := fmt.Sprintf("feeds[%d]", i)
		p = strings.TrimSpace(p)
		matched := slices.ContainsFunc(names, func(n string) bool { return wirewatch.FeedMatches(p, n) })
		switch {
		case p == "":
			probs = append(probs, FilterProblem{field, "empty feed name"})
		case matched:
		case wirewatch.IsGlob(p):
			probs = append(probs, FilterProblem{field, fmt.Sprintf("%q matches no configured feed", p)})
		default:
			probs = append(probs, FilterProblem{field, fmt.Sprintf("no feed is named %q%s", p, closest(p, names))})
		}
	}
	if f.MinOutlets < 0 || f.MinOutlets > wirewatch.MaxMinOutlets {
		probs = append(probs, FilterProblem{"min_outlets", fmt.Sprintf("%d is not between 1 and %d", f.MinOutlets, wirewatch.MaxMinOutlets)})
	} else if f.MinOutlets > 1 && f.MinOutlets > len(c.Feeds) && len(c.Feeds) > 0 {
		probs = append(probs, FilterProblem{"min_outlets", fmt.Sprintf("%d outlets: only %d feeds are configured, so no event is ever carried by that many", f.MinOutlets, len(c.Feeds))})
	}
	return probs
}

// topicLanguages returns the languages the topics match, lower-cased, or
// nil when one of them (or, with no ids, any topic) matches every
// language.
func (c *Config) topicLanguages(ids []string) []string {
	var out []string
	for _, t := range c.Topics {
		if len(ids) > 0 && !slices.Contains(ids, t.ID) {
			continue
		}
		if len(t.Languages) == 0 {
			return nil
		}
		for _, l := range t.Languages {
			if l = strings.ToLower(strings.TrimSpace(l)); !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// closest suggests the name nearest to s, for typos.
func closest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := distance(strings.ToLower(s), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// CheckMention returns why role cannot be a role to mention, or nil.
func CheckMention(role string) error {
	if !discord.IsSnowflake(role) {
		return fmt.Errorf("%q is not a Discord role id (digits; in Discord, right-click the role, Copy Role ID)", role)
	}
	return nil
}

// maxEmojiRunes bounds a Unicode emoji: the longest ZWJ sequences (a family,
// a flag of a subdivision) are under ten code points.
const maxEmojiRunes = 16

// checkEmoji returns why s is not a reaction: a Unicode emoji or a server
// emoji written name:id.
func checkEmoji(s string) error {
	switch {
	case s == "":
		return fmt.Errorf("empty: write an emoji such as 🔕, or a server emoji as name:id")
	case strings.Contains(s, ":"):
		name, id, _ := strings.Cut(strings.Trim(s, "<>"), ":")
		if i := strings.LastIndex(id, ":"); i >= 0 { // <:name:id> or <a:name:id>
			name, id = id[:i], id[i+1:]
		}
		if name == "" || !discord.IsSnowflake(id) {
			return fmt.Errorf("%q: a server emoji is written name:id, with its numeric id", s)
		}
	case utf8.RuneCountInString(s) > maxEmojiRunes || strings.ContainsAny(s, " \t\n") || isASCII(s):
		return fmt.Errorf("%q is not one emoji", s)
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
