package app

import (
	"strings"
	"testing"
	"time"
)

// TestAlertEditsAsEventGrows: the launch, alerted when one English outlet
// carries it, is not alerted again when three more outlets, in two more
// languages, carry it: the webhook edits its alert to say how widely it is carried
// now, through PATCH /webhooks/{id}/{token}/messages/{id}, and the edit
// pings nobody anew.
func TestAlertEditsAsEventGrows(t *testing.T) {
	r := newSpikeRig(t, "    alert: true")
	r.now = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	r.feeds.add("en-wire", "", launch["en"][0], r.now)
	r.once()
	alerts := func() []string {
		var out []string
		for _, m := range r.fake.Transcript(spikeChannel) {
			if strings.Contains(m.Content, "**Alert**") {
				out = append(out, m.ID)
			}
		}
		return out
	}
	first := alerts()
	if len(first) != 1 {
		t.Fatalf("%d alerts after the first story, want 1", len(first))
	}

	r.now = r.now.Add(20 * time.Minute)
	for _, o := range []string{"ko-wire", "zh-wire"} {
		r.feeds.add(o, "", launch[o[:2]][0], r.now)
	}
	r.feeds.add("en-press", "", launch["en"][0], r.now)
	r.once()
	if got := alerts(); len(got) != 1 || got[0] != first[0] {
		for _, m := range r.fake.Transcript(spikeChannel) {
			t.Logf("%s %q %q", m.ID, m.Content, m.Embeds[0].Title)
		}
		t.Fatalf("alerts after the event grew = %v, want still only %v", got, first)
	}
	var edited bool
	for _, m := range r.fake.Transcript(spikeChannel) {
		if m.ID != first[0] {
			continue
		}
		edited = m.EditedTimestamp != nil
		if want := "now carried by 4 outlets in 3 languages (en, ko, zh)"; !strings.Contains(m.Content, want) {
			t.Errorf("alert reads %q, want it to say %q", m.Content, want)
		}
		if m.CouldPing() && !onlyRole(m, "720000000000000009") {
			t.Errorf("edited alert could ping: allowed mentions %+v", m.AllowedMentions)
		}
	}
	if !edited {
		t.Errorf("the alert was not edited")
	}
	var patched bool
	for _, req := range r.fake.Requests() {
		patched = patched || req.Route == "PATCH /webhooks/{webhook}/{token}/messages/{message}" && req.Status == 200
	}
	if !patched {
		t.Errorf("no PATCH of the webhook's message")
	}

	// Another story of an outlet and a language the event has leaves the
	// alert as it was.
	r.now = r.now.Add(10 * time.Minute)
	before := r.fake.Transcript(spikeChannel)
	r.feeds.add("en-wire", "", launch["en"][0], r.now)
	r.once()
	for i, m := range r.fake.Transcript(spikeChannel) {
		if i < len(before) && m.ID == first[0] && m.Content != before[i].Content {
			t.Errorf("alert edited for a story that adds no outlet or language: %q", m.Content)
		}
	}
}
