package notify

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
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

// Send writes the digest in one write and reports it to p as one message.
func (t *Text) Send(ctx context.Context, d *wirewatch.Digest, p Progress) error {
	part := WholeDigest(d)
	if part.Len() == 0 {
		return nil
	}
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
	fmt.Fprintf(&b, "%s for %s: %d %s, %s\n", head, d.Output, n, text.Plural(n, "story", "stories"), d.Created.UTC().Format("2006-01-02 15:04 MST"))
	for _, g := range d.Groups {
		fmt.Fprintf(&b, "\n== %s ==\n", text.OneLine(g.Title))
		for _, it := range g.Stories {
			fmt.Fprintf(&b, "* [%s] %s\n", it.Language(), text.OneLine(it.DisplayTitle()))
			meta := []string{it.Feed, ago(now(), it.Published)}
			if link := text.OneLine(it.Link); link != "" {
				meta = append(meta, link)
			}
			fmt.Fprintf(&b, "  %s\n", strings.Join(meta, " | "))
			if it.Gloss != "" {
				fmt.Fprintf(&b, "  %s (gloss, not a translation)\n", text.OneLine(it.Gloss))
			}
			if it.Translation != "" {
				fmt.Fprintf(&b, "  machine translation: %s\n", text.OneLine(it.Translation))
			}
			if also := it.AlsoIn(); len(also) > 0 {
				fmt.Fprintf(&b, "  %s; also in: %s\n", it.Reach(), text.OneLine(strings.Join(also, ", ")))
				for _, o := range it.Also {
					line := fmt.Sprintf("[%s] %s | %s", o.Language(), text.OneLine(o.DisplayTitle()), text.OneLine(o.Feed))
					if link := text.OneLine(o.Link); link != "" {
						line += " | " + link
					}
					fmt.Fprintf(&b, "    - %s\n", line)
					if o.Gloss != "" {
						fmt.Fprintf(&b, "      %s (gloss, not a translation)\n", text.OneLine(o.Gloss))
					}
					if o.Translation != "" {
						fmt.Fprintf(&b, "      machine translation: %s\n", text.OneLine(o.Translation))
					}
				}
			}
			if terms := it.MatchedTerms(g.Topic); len(terms) > 0 {
				fmt.Fprintf(&b, "  matched: %s\n", text.OneLine(wirewatch.JoinTerms(terms)))
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
			if s := text.Truncate(text.OneLine(it.DisplayText()), t.SummaryRunes); s != "" {
				fmt.Fprintf(&b, "  %s\n", s)
			}
		}
		if g.More > 0 {
			fmt.Fprintf(&b, "  ... and %d more (wirewatch more -output %s)\n", g.More, text.OneLine(d.Output))
		}
	}
	b.WriteString("\n")
	if err := p.Sending(ctx, part); err != nil {
		return err
	}
	if _, err := io.WriteString(t.w, stripBidi(b.String())); err != nil {
		return fmt.Errorf("write digest: %w", err)
	}
	return p.Accepted(ctx, part, "")
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

// stripBidi removes the bidirectional embedding, override and isolate
// controls (U+202A-U+202E, U+2066-U+2069), which could make feed text
// display reversed or disguise a link in a terminal or a viewer. Marks
// (U+200E, U+200F) and joiners stay: languages need them.
func stripBidi(s string) string {
	if !strings.ContainsFunc(s, isBidiControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isBidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// isBidiControl reports whether r is a bidi embedding, override or
// isolate control.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
