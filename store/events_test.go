package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestEventMembers(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	ru := testItem("lenta", "a")
	en := testItem("wire", "b")
	en.Analysis.Language = "en"
	en2 := testItem("wire", "c")
	en2.Analysis.Language = "en"
	alone := testItem("press", "d")
	if _, err := s.AddItems(ctx, []*wirewatch.Item{ru, en, en2, alone}, func(*wirewatch.Item) []Delivery {
		return []Delivery{{Output: "out", Kind: wirewatch.KindDigest}}
	}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	ms := []EventMember{
		{Feed: "wire", ID: "b", Event: "ev1", Joined: t0},
		{Feed: "lenta", ID: "a", Event: "ev1", Joined: t0.Add(time.Hour), Score: 0.8, WithFeed: "wire", WithID: "b",
			Why: "concepts: ICBM; names: North Korea; 1h apart", WhyJSON: json.RawMessage(`{"concepts":["ICBM"]}`), Gloss: "about: North Korea · ICBM"},
		{Feed: "wire", ID: "c", Event: "ev1", Joined: t0.Add(2 * time.Hour), Score: 1, WithFeed: "wire", WithID: "b", Why: "same link"},
		{Feed: "press", ID: "d", Event: "ev2", Joined: t0.Add(3 * time.Hour)},
		{Feed: "gone", ID: "x", Event: "ev3", Joined: t0}, // never stored: skipped
	}
	if err := s.AddEventMembers(ctx, ms); err != nil {
		t.Fatalf("AddEventMembers = %v", err)
	}
	if got, err := s.EventOf(ctx, "lenta", "a"); err != nil || got != "ev1" {
		t.Errorf("EventOf(lenta, a) = %q, %v, want ev1", got, err)
	}
	if got, err := s.EventOf(ctx, "gone", "x"); err != nil || got != "" {
		t.Errorf("EventOf(gone, x) = %q, %v, want empty", got, err)
	}
	members, err := s.EventMembers(ctx, "ev1")
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range members {
		keys = append(keys, m.Feed+"/"+m.ID)
	}
	if want := []string{"wire/b", "lenta/a", "wire/c"}; !slices.Equal(keys, want) {
		t.Errorf("EventMembers(ev1) = %v, want %v", keys, want)
	}
	if m := members[1]; m.Why == "" || string(m.WhyJSON) != `{"concepts":["ICBM"]}` || m.Item.Gloss != "about: North Korea · ICBM" || m.Item.Event != "ev1" || m.WithFeed != "wire" {
		t.Errorf("member lenta/a = %+v", m.EventMember)
	}
	sum, err := s.EventSummary(ctx, "ev1")
	if err != nil {
		t.Fatal(err)
	}
	if sum.Stories != 3 || sum.Outlets != 2 || !slices.Equal(sum.Languages, []string{"en", "ru"}) || !sum.First.Equal(t0) || !sum.Last.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("EventSummary(ev1) = %+v, want 3 stories, 2 outlets, [en ru]", sum)
	}
	if _, err := s.EventSummary(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("EventSummary(nope) = %v, want ErrNotFound", err)
	}
	evs, err := s.Events(ctx, t0, 2)
	if err != nil || len(evs) != 1 || evs[0].ID != "ev1" {
		t.Errorf("Events(min 2) = %+v, %v, want ev1 alone", evs, err)
	}
	evs, err = s.Events(ctx, t0, 0)
	if err != nil || len(evs) != 2 || evs[0].ID != "ev2" {
		t.Errorf("Events(all) = %+v, %v, want ev2 then ev1", evs, err)
	}
	pend, err := s.Pending(ctx, "out", wirewatch.KindDigest, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pend {
		if p.Item.Feed == "lenta" && (p.Item.Event != "ev1" || p.Item.Gloss == "") {
			t.Errorf("pending lenta/a: event %q gloss %q, want ev1 with its gloss", p.Item.Event, p.Item.Gloss)
		}
	}
	// A member joins another event when clustering moves it.
	if err := s.AddEventMembers(ctx, []EventMember{{Feed: "press", ID: "d", Event: "ev1", Joined: t0.Add(4 * time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.EventOf(ctx, "press", "d"); got != "ev1" {
		t.Errorf("EventOf(press, d) after a move = %q, want ev1", got)
	}
	since, err := s.EventMembersSince(ctx, t0.Add(90*time.Minute))
	if err != nil || len(since) != 2 {
		t.Errorf("EventMembersSince = %d members, %v, want 2", len(since), err)
	}
	tests := []struct {
		since time.Time
		limit int
		want  []string
	}{
		{t0, 0, []string{"wire/b", "lenta/a", "wire/c", "press/d"}},
		{t0, 2, []string{"wire/c", "press/d"}},
		{t0, 10, []string{"wire/b", "lenta/a", "wire/c", "press/d"}},
		{t0.Add(90 * time.Minute), 3, []string{"wire/c", "press/d"}},
		{t0.Add(5 * time.Hour), 1, nil},
	}
	for _, tt := range tests {
		var got []string
		err := s.EachEventMemberSince(ctx, tt.since, tt.limit, func(es EventStory) error {
			if es.Item == nil || es.Item.Feed != es.Feed || es.Item.Event != es.Event {
				t.Errorf("EachEventMemberSince: member %s/%s with item %+v", es.Feed, es.ID, es.Item)
			}
			got = append(got, es.Feed+"/"+es.ID)
			return nil
		})
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("EachEventMemberSince(%s, %d) = %v, %v, want %v", tt.since.Sub(t0), tt.limit, got, err, tt.want)
		}
	}
	stop := errors.New("stop")
	calls := 0
	err = s.EachEventMemberSince(ctx, t0, 0, func(EventStory) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachEventMemberSince with fn failing = %v after %d calls, want stop after 1", err, calls)
	}
}
