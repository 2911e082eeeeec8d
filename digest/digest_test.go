package digest

import (
	"fmt"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func item(feed, id string, age time.Duration, topics ...string) *wirewatch.Item {
	it := &wirewatch.Item{Feed: feed, ID: id, Title: id, Published: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC).Add(-age)}
	for _, t := range topics {
		it.Matches = append(it.Matches, wirewatch.Match{Topic: t})
	}
	return it
}

func titles(d *wirewatch.Digest) string {
	s := ""
	for _, g := range d.Groups {
		s += g.Title + ":"
		for _, it := range g.Stories {
			s += " " + it.ID
		}
		if g.More > 0 {
			s += fmt.Sprintf(" +%d", g.More)
		}
		s += ";"
	}
	return s
}

func TestBuild(t *testing.T) {
	order := []wirewatch.TopicInfo{{ID: "icbm", Name: "ICBMs"}, {ID: "sanctions", Name: "Sanctions", Mention: "42"}}
	items := []*wirewatch.Item{
		item("reuters", "a", 3*time.Hour, "sanctions"),
		item("tass", "b", 1*time.Hour, "sanctions", "icbm"),
		item("tass", "c", 2*time.Hour),
		item("afp", "d", 4*time.Hour),
		item("reuters", "e", 30*time.Minute, "icbm"),
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"every topic in config order", Options{Order: order}, "ICBMs: e b;Sanctions: a;afp: d;tass: c;"},
		{"output's topic order wins", Options{Order: order, Topics: []string{"sanctions", "icbm"}}, "Sanctions: b a;ICBMs: e;afp: d;tass: c;"},
		{"capped", Options{Order: order, Topics: []string{"sanctions", "icbm"}, MaxPerGroup: 1}, "Sanctions: b +1;ICBMs: e;afp: d;tass: c;"},
		{"one topic only", Options{Order: order, Topics: []string{"icbm"}}, "ICBMs: e b;afp: d;reuters: a;tass: c;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Build(items, tt.opts)
			if got := titles(d); got != tt.want {
				t.Errorf("Build = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuildAlertMention(t *testing.T) {
	order := []wirewatch.TopicInfo{{ID: "sanctions", Name: "Sanctions", Mention: "42"}}
	items := []*wirewatch.Item{item("reuters", "a", 0, "sanctions")}
	if got := Build(items, Options{Order: order, Kind: "alert"}).Groups[0].Mention; got != "42" {
		t.Errorf("alert mention = %q, want %q", got, "42")
	}
	if got := Build(items, Options{Order: order, Kind: "digest"}).Groups[0].Mention; got != "" {
		t.Errorf("digest mention = %q, want none", got)
	}
}
