package main

import (
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// msg is a message at second sec showing stories, as the digest renders
// them: titles linked to their story pages.
func msg(sec int, ids ...string) discordtest.Message {
	m := discordtest.Message{Timestamp: time.Unix(int64(sec), 0)}
	desc := ""
	for _, id := range ids {
		desc += "**[Title](https://wire1.example/en/story/" + id + ")**\nwire-1 · `en`\n"
	}
	m.Embeds = []discordtest.Embed{{Title: "Soak watch", Description: desc}}
	return m
}

func TestTally(t *testing.T) {
	at := func(sec int) time.Time { return time.Unix(int64(sec), 0) }
	want := map[string]time.Time{"s1-0": at(0), "s1-1": at(0), "s2-0": at(5), "s2-1": at(5), "s3-0": at(5), "s4-0": at(5), "s5-0": at(5)}
	// s5-0 is in s3-0's event: no message links it, the one that shows
	// the event counts it.
	members := func(id string) ([]string, error) {
		if id == "s5-0" || id == "s3-0" {
			return []string{"s3-0", "s5-0"}, nil
		}
		return nil, nil
	}
	runs := []runRecord{
		{Start: at(0), End: at(10), Killed: true},
		{Start: at(11), End: at(30), Killed: true},
		{Start: at(31), End: at(60)},
	}
	msgs := []discordtest.Message{
		msg(2, "s1-0"),
		// The last message before the first kill: Discord took it, the
		// program did not mark it.
		msg(9, "s1-1", "s2-0"),
		msg(12, "s1-1", "s2-0"),
		// s1-0 again, though its message was not the one in flight.
		msg(20, "s1-0", "s9-9"),
		msg(25, "s3-0"),
		// A story shown twice within one message counts once.
		msg(40, "s2-1", "s2-1"),
	}
	got, err := tally("hook-0", msgs, want, runs, members)
	if err != nil {
		t.Fatal(err)
	}
	if got.Messages != 6 || got.Expected != 7 || got.Delivered != 5 || got.Folded != 1 || got.Lost != 1 || got.Unexpected != 1 ||
		got.InFlight != 2 || got.Duplicated != 1 {
		t.Errorf("tally = %+v\nwant 6 messages, 7 expected, 5 delivered, 1 in its event, 1 lost, 1 unexpected, 2 in flight, 1 duplicated", got)
	}
	if !slices.Equal(got.LostIDs, []string{"s4-0"}) || !slices.Equal(got.DuplicatedIDs, []string{"s1-0"}) {
		t.Errorf("lost %v, duplicated %v; want [s4-0], [s1-0]", got.LostIDs, got.DuplicatedIDs)
	}
	if got.Max != 35*time.Second || got.P50 != 9*time.Second {
		t.Errorf("latency p50 %v, max %v; want 9s, 35s", got.P50, got.Max)
	}
}
