package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

// TestTopicActivityAndRates: stories and outlets are counted per topic and
// hour, old stories read at once left out; languages per bucket; rates
// and the hour learned are saved together.
func TestTopicActivityAndRates(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	from := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	add := func(feed, id, lang string, seen time.Time, published time.Time) {
		t.Helper()
		it := testItem(feed, id)
		it.FirstSeen, it.Published = seen, published
		it.Analysis.Language = lang
		it.Matches = []wirewatch.Match{{Topic: "icbm", Hits: []wirewatch.Hit{{Term: "ICBM", Field: "title"}}}}
		if _, err := s.AddItems(ctx, []*wirewatch.Item{it}, nil); err != nil {
			t.Fatal(err)
		}
	}
	add("a", "1", "en", from.Add(5*time.Minute), from)
	add("a", "2", "en", from.Add(10*time.Minute), from)
	add("b", "3", "ko", from.Add(20*time.Minute), from)
	add("b", "4", "ko", from.Add(70*time.Minute), from.Add(time.Hour))
	add("c", "old", "ru", from.Add(15*time.Minute), from.Add(-400*24*time.Hour))

	got, err := s.TopicActivity(ctx, from, from.Add(2*time.Hour), time.Hour, 48*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	want := []Count{{Topic: "icbm", Bucket: 0, Stories: 3, Outlets: 2}, {Topic: "icbm", Bucket: 1, Stories: 1, Outlets: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("TopicActivity = %+v, want %+v (the year-old story left out)", got, want)
	}
	if got, _ := s.TopicActivity(ctx, from, from.Add(time.Hour), time.Hour, 0); len(got) != 1 || got[0].Stories != 4 {
		t.Errorf("TopicActivity with no max age = %+v, want the old story counted too", got)
	}
	langs, err := s.TopicLanguages(ctx, "icbm", from, from.Add(2*time.Hour), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	wantLangs := []LanguageCount{{"en", 0, 2}, {"ko", 0, 1}, {"ko", 1, 1}, {"ru", 0, 1}}
	if !slices.Equal(langs, wantLangs) {
		t.Errorf("TopicLanguages = %+v, want %+v", langs, wantLangs)
	}

	r := Rate{Topic: "icbm", Slot: 10, Hours: 3, Stories: 1.5, StoriesSq: 3, Outlets: 1, OutletsSq: 1}
	if err := s.SaveRates(ctx, []Rate{r}, "spikes/learned", []byte("42")); err != nil {
		t.Fatal(err)
	}
	r.Hours = 4
	if err := s.SaveRates(ctx, []Rate{r}, "spikes/learned", []byte("43")); err != nil {
		t.Fatal(err)
	}
	rates, err := s.Rates(ctx)
	if err != nil || rates["icbm"][10] != r {
		t.Errorf("Rates = %+v, %v; want %+v", rates, err, r)
	}
	if v, ok, err := s.Get(ctx, "spikes/learned"); err != nil || !ok || string(v) != "43" {
		t.Errorf("learned = %q, %v, %v; want 43", v, ok, err)
	}
}
