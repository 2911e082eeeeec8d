// Package notify delivers digests to local outputs: readable text on a
// terminal or log (Text) and JSON lines appended to a file (JSONLines).
// Discord lives in notify/discord.
package notify

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/wirewatch/wirewatch"
)

// Text writes digests as readable text.
type Text struct {
	mu sync.Mutex
	w  io.Writer
	// SummaryRunes caps each story's summary; 0 leaves summaries out.
	SummaryRunes int
	// Now is used for relative times; nil means time.Now.
	Now func() time.Time
}

// NewText returns a Text output writing to w.
func NewText(w io.Writer) *Text { return &Text{w: w, SummaryRunes: 240} }

// Send writes the digest.
func (t *Text) Send(d *wirewatch.Digest) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now
	if t.Now != nil {
		now = t.Now
	}
	var b strings.Builder
	head := "Digest"
	if d.Kind == wirewatch.KindAlert {
		head = "ALERT"
	}
	n := d.Len()
	fmt.Fprintf(&b, "%s for %s: %d %s, %s\n", head, d.Output, n, plural(n, "story", "stories"), d.Created.UTC().Format("2006-01-02 15:04 MST"))
	for _, g := range d.Groups {
		fmt.Fprintf(&b, "\n== %s ==\n", oneLine(g.Title))
		for _, it := range g.Stories {
			fmt.Fprintf(&b, "* [%s] %s\n", it.Language(), oneLine(it.DisplayTitle()))
			meta := []string{it.Feed, ago(now(), it.Published)}
			if link := oneLine(it.Link); link != "" {
				meta = append(meta, link)
			}
			fmt.Fprintf(&b, "  %s\n", strings.Join(meta, " | "))
			if also := alsoIn(it); also != "" {
				fmt.Fprintf(&b, "  also in: %s\n", also)
			}
			if terms := matchedTerms(it, g.Topic); terms != "" {
				fmt.Fprintf(&b, "  matched: %s\n", terms)
			}
			if a := it.Analysis; a != nil && (a.NoiseRatio >= 0.05 || len(a.Flags) > 0) {
				var notes []string
				if a.NoiseRatio >= 0.05 {
					notes = append(notes, fmt.Sprintf("noise removed: %.0f%%", a.NoiseRatio*100))
				}
				if len(a.Flags) > 0 {
					notes = append(notes, "flags: "+strings.Join(a.Flags, ", "))
				}
				fmt.Fprintf(&b, "  %s\n", strings.Join(notes, "; "))
			}
			if s := truncate(oneLine(it.DisplayText()), t.SummaryRunes); s != "" {
				fmt.Fprintf(&b, "  %s\n", s)
			}
		}
		if g.More > 0 {
			fmt.Fprintf(&b, "  ... and %d more\n", g.More)
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(t.w, b.String())
	if err != nil {
		return fmt.Errorf("write digest: %w", err)
	}
	return nil
}

// alsoIn names the other feeds that carried the same story.
func alsoIn(it *wirewatch.Item) string {
	var feeds []string
	seen := map[string]bool{it.Feed: true}
	for _, a := range it.Also {
		if !seen[a.Feed] {
			seen[a.Feed] = true
			feeds = append(feeds, oneLine(a.Feed))
		}
	}
	return strings.Join(feeds, ", ")
}

// matchedTerms lists the distinct terms that hit for the group's topic.
func matchedTerms(it *wirewatch.Item, topic string) string {
	if topic == "" {
		return ""
	}
	var terms []string
	seen := map[string]bool{}
	for _, m := range it.Matches {
		if m.Topic != topic {
			continue
		}
		for _, h := range m.Hits {
			if !seen[h.Term] {
				seen[h.Term] = true
				terms = append(terms, h.Term)
			}
		}
	}
	return strings.Join(terms, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// oneLine folds whitespace, including line breaks, to single spaces and
// drops control characters, so feed text cannot forge lines of output.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029
	}), " ")
}

// truncate cuts s to at most n runes, on a rune boundary, with an ellipsis.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// ago renders how long before now t was, for people.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case t.IsZero():
		return "undated"
	case d < 0:
		return t.UTC().Format("2006-01-02 15:04 UTC")
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	default:
		return t.UTC().Format("2006-01-02")
	}
}
