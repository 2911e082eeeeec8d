package discord

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch"
)

// An event carried by many outlets links as many of them as fit, each
// foreign one with its gloss, counts the rest, and every message stays
// within Discord's limits.
func TestEventReachWithinLimits(t *testing.T) {
	for _, kind := range []wirewatch.Kind{wirewatch.KindDigest, wirewatch.KindAlert} {
		var items []*wirewatch.Item
		for i := range 60 {
			it := story(fmt.Sprintf("s%d", i), fmt.Sprintf("outlet-%02d", i), fmt.Sprintf("Launch report %d", i), "", []string{"en", "ko", "ru", "zh"}[i%4], "quakes", "quake")
			it.Event = "ev"
			if it.DeclaredLanguage != "en" {
				it.Gloss = "about: North Korea · ICBM · missile launch · Sea of Japan (East Sea) · Hokkaido · Pyongyang"
			}
			items = append(items, it)
		}
		d := build(kind, 10, items...)
		if n := d.Len(); n != 1 {
			t.Fatalf("%s: digest shows %d stories, want the event once", kind, n)
		}
		msgs := Messages(d)
		var all strings.Builder
		shown := 0
		for _, m := range msgs {
			role := ""
			if kind == wirewatch.KindAlert {
				role = topicOrder[0].Mention
			}
			checkMessage(t, m, role)
			shown += len(m.Part.Shown)
			for _, e := range m.Embeds {
				all.WriteString(e.Description)
			}
		}
		got := all.String()
		for _, want := range []string{"60 outlets · 4 languages (en, ko, ru, zh)", "› [outlet-", "* (gloss)", "more"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %q in:\n%s", kind, want, got)
			}
		}
		if shown != 60 {
			t.Errorf("%s: %d stories delivered with the event, want 60", kind, shown)
		}
	}
}
