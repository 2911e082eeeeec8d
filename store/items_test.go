package store

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestAddItemsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	full := testItem("ria", "full")
	full.FirstSeen = time.Date(2026, 3, 14, 10, 0, 0, 123456789, time.FixedZone("MSK", 3*3600))
	bare := &wirewatch.Item{ID: "bare", Feed: "ria", Title: "Only a title"}

	before := time.Now().UTC()
	added, err := s.AddItems(ctx, []*wirewatch.Item{full, bare}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 2 {
		t.Fatalf("AddItems added %d, want 2", len(added))
	}
	if bare.FirstSeen.Before(before) || bare.FirstSeen.Location() != time.UTC {
		t.Errorf("bare FirstSeen = %v, want a UTC time after %v", bare.FirstSeen, before)
	}
	if !bare.Published.Equal(bare.FirstSeen) {
		t.Errorf("bare Published = %v, want FirstSeen %v", bare.Published, bare.FirstSeen)
	}

	got, err := s.ItemsSince(ctx, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*wirewatch.Item{}
	for _, it := range got {
		byID[it.ID] = it
	}
	wantFull := *testItem("ria", "full")
	wantFull.Published = wantFull.Published.UTC()
	wantFull.FirstSeen = full.FirstSeen.UTC()
	if !reflect.DeepEqual(byID["full"], &wantFull) {
		t.Errorf("stored full item:\ngot  %+v\nwant %+v", byID["full"], &wantFull)
	}
	if !reflect.DeepEqual(byID["bare"], bare) {
		t.Errorf("stored bare item:\ngot  %+v\nwant %+v", byID["bare"], bare)
	}
	var lang string
	var conf, noise float64
	if err := s.w.QueryRow(`SELECT language, confidence, noise_ratio FROM items WHERE id = 'full'`).Scan(&lang, &conf, &noise); err != nil {
		t.Fatal(err)
	}
	if lang != "ru" || conf != 0.97 || noise != 0.04 {
		t.Errorf("analysis columns = %q, %v, %v, want ru, 0.97, 0.04", lang, conf, noise)
	}
}

func TestAddItemsDedup(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		second func() []*wirewatch.Item
		reopen bool
		want   []string
	}{
		{"same items again", func() []*wirewatch.Item { return testItems("f", "a", 3) }, false, nil},
		{"same items after reopen", func() []*wirewatch.Item { return testItems("f", "a", 3) }, true, nil},
		{"re-dated and re-titled after reopen", func() []*wirewatch.Item {
			items := testItems("f", "a", 3)
			for _, it := range items {
				it.Published = it.Published.Add(48 * time.Hour)
				it.Title = "Updated: " + it.Title
			}
			return items
		}, true, nil},
		{"repeated within one batch", func() []*wirewatch.Item {
			return append(testItems("f", "b", 2), testItems("f", "b", 2)...)
		}, false, []string{"b0", "b1"}},
		{"same id in another feed", func() []*wirewatch.Item { return testItems("g", "a", 1) }, false, []string{"a0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.db")
			s := openAt(t, path)
			if _, err := s.AddItems(ctx, testItems("f", "a", 3), routeTo(Delivery{"out", wirewatch.KindDigest})); err != nil {
				t.Fatal(err)
			}
			if tt.reopen {
				s.Close()
				s = openAt(t, path)
			}
			added, err := s.AddItems(ctx, tt.second(), routeTo(Delivery{"out", wirewatch.KindDigest}))
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(added); !slices.Equal(got, tt.want) {
				t.Errorf("added %v, want %v", got, tt.want)
			}
			if got, want := count(t, s, "SELECT count(*) FROM outbox"), 3+len(tt.want); got != want {
				t.Errorf("outbox rows = %d, want %d", got, want)
			}
			stored, _ := s.ItemsSince(ctx, time.Time{}, 0)
			for _, it := range stored {
				if it.Feed == "f" && it.ID[0] == 'a' && it.Title != testItem("f", it.ID).Title {
					t.Errorf("stored title of %s changed to %q", it.ID, it.Title)
				}
			}
		})
	}
}

func TestAddItemsRejectsBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		items []*wirewatch.Item
		route func(*wirewatch.Item) []Delivery
	}{
		{"nil item", []*wirewatch.Item{testItem("f", "a"), nil}, nil},
		{"empty id", []*wirewatch.Item{testItem("f", "a"), {Feed: "f"}}, nil},
		{"empty feed", []*wirewatch.Item{{ID: "x"}}, nil},
		{"unknown kind", testItems("f", "a", 2), routeTo(Delivery{"out", "later"})},
		{"empty output", testItems("f", "a", 2), routeTo(Delivery{"", wirewatch.KindAlert})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			added, err := s.AddItems(ctx, tt.items, tt.route)
			if err == nil {
				t.Fatalf("AddItems = %d added, nil error; want an error", len(added))
			}
			if n := count(t, s, "SELECT count(*) FROM items"); n != 0 {
				t.Errorf("items stored after error = %d, want 0", n)
			}
		})
	}
}

func TestAddItemsAtomicWithOutbox(t *testing.T) {
	tests := []struct {
		name string
		// route is given a cancel func for the call's context.
		route   func(cancel func()) func(*wirewatch.Item) []Delivery
		wantErr error
	}{
		{"route panics on the third item", func(func()) func(*wirewatch.Item) []Delivery {
			n := 0
			return func(*wirewatch.Item) []Delivery {
				if n++; n == 3 {
					panic("route exploded")
				}
				return []Delivery{{"out", wirewatch.KindDigest}}
			}
		}, nil},
		{"context cancelled on the third item", func(cancel func()) func(*wirewatch.Item) []Delivery {
			n := 0
			return func(*wirewatch.Item) []Delivery {
				if n++; n == 3 {
					cancel()
				}
				return []Delivery{{"out", wirewatch.KindDigest}}
			}
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var err error
			panicked := func() (p any) {
				defer func() { p = recover() }()
				_, err = s.AddItems(ctx, testItems("f", "a", 5), tt.route(cancel))
				return nil
			}()
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("AddItems error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr == nil && panicked == nil {
				t.Errorf("AddItems did not pass the panic on")
			}
			items := count(t, s, "SELECT count(*) FROM items")
			rows := count(t, s, "SELECT count(*) FROM outbox")
			if items != 0 || rows != 0 {
				t.Errorf("after failure: %d items, %d outbox rows; want 0, 0", items, rows)
			}
			// The store is still usable: the writer was released.
			added, err := s.AddItems(context.Background(), testItems("f", "a", 5), routeTo(Delivery{"out", wirewatch.KindDigest}))
			if err != nil || len(added) != 5 {
				t.Fatalf("AddItems afterwards = %d, %v; want 5, nil", len(added), err)
			}
			if got := count(t, s, "SELECT count(*) FROM outbox"); got != 5 {
				t.Errorf("outbox rows afterwards = %d, want 5", got)
			}
		})
	}
}

func TestKnown(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := s.AddItems(ctx, append(testItems("f", "a", 3), testItem("g", "z")), nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		feed string
		ids  []string
		want map[string]bool
	}{
		{"f", []string{"a0", "a2", "a9", "z"}, map[string]bool{"a0": true, "a2": true}},
		{"g", []string{"a0", "z"}, map[string]bool{"z": true}},
		{"f", nil, map[string]bool{}},
		{"nope", []string{"a0"}, map[string]bool{}},
		{"f", []string{`a"0`, "a1'", "a1"}, map[string]bool{"a1": true}},
	}
	for _, tt := range tests {
		got, err := s.Known(ctx, tt.feed, tt.ids)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Known(%q, %q) = %v, want %v", tt.feed, tt.ids, got, tt.want)
		}
	}
}

func TestItemsSinceAndCount(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var items []*wirewatch.Item
	for i, id := range []string{"old", "mid", "new", "newer"} {
		it := testItem("f", id)
		it.FirstSeen = base.Add(time.Duration(i) * time.Hour)
		items = append(items, it)
	}
	if _, err := s.AddItems(ctx, items, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		since time.Time
		limit int
		want  []string
		count int
	}{
		{time.Time{}, 0, []string{"newer", "new", "mid", "old"}, 4},
		{base.Add(time.Hour), 0, []string{"newer", "new", "mid"}, 3},
		{base.Add(time.Hour), 2, []string{"newer", "new"}, 3},
		{base.Add(5 * time.Hour), 0, nil, 0},
	}
	for _, tt := range tests {
		got, err := s.ItemsSince(ctx, tt.since, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), tt.want) {
			t.Errorf("ItemsSince(%v, %d) = %v, want %v", tt.since, tt.limit, ids(got), tt.want)
		}
		n, err := s.CountItemsSince(ctx, tt.since)
		if err != nil || n != tt.count {
			t.Errorf("CountItemsSince(%v) = %d, %v, want %d", tt.since, n, err, tt.count)
		}
	}
}

func TestTopicsAndUpdateMatches(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	a, b, c := testItem("f", "a"), testItem("f", "b"), testItem("g", "c")
	a.FirstSeen, b.FirstSeen, c.FirstSeen = base, base.Add(time.Hour), base.Add(2*time.Hour)
	b.Matches = b.Matches[:1]                                                          // storms only
	c.Matches = append(c.Matches, wirewatch.Match{Topic: "storms", Name: "dup again"}) // repeated topic
	if _, err := s.AddItems(ctx, []*wirewatch.Item{a, b, c}, nil); err != nil {
		t.Fatal(err)
	}
	counts, err := s.TopicCounts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"storms": 3, "evacuations": 2}; !reflect.DeepEqual(counts, want) {
		t.Errorf("TopicCounts(all) = %v, want %v", counts, want)
	}
	counts, _ = s.TopicCounts(ctx, base.Add(time.Hour))
	if want := map[string]int{"storms": 2, "evacuations": 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("TopicCounts(since b) = %v, want %v", counts, want)
	}
	recent, _ := s.RecentMatches(ctx, "storms", 2)
	if got, want := ids(recent), []string{"c", "b"}; !slices.Equal(got, want) {
		t.Errorf("RecentMatches(storms, 2) = %v, want %v", got, want)
	}

	m := []wirewatch.Match{{Topic: "floods", Name: "Floods", Hits: []wirewatch.Hit{{Term: "flood", Field: "title", Text: "flood"}}}}
	if err := s.UpdateMatches(ctx, "f", "a", m); err != nil {
		t.Fatal(err)
	}
	counts, _ = s.TopicCounts(ctx, time.Time{})
	if want := map[string]int{"storms": 2, "evacuations": 1, "floods": 1}; !reflect.DeepEqual(counts, want) {
		t.Errorf("TopicCounts after update = %v, want %v", counts, want)
	}
	recent, _ = s.RecentMatches(ctx, "floods", 0)
	if len(recent) != 1 || !reflect.DeepEqual(recent[0].Matches, m) {
		t.Errorf("RecentMatches(floods) = %+v, want item a with %+v", recent, m)
	}
	if err := s.UpdateMatches(ctx, "f", "a", nil); err != nil {
		t.Fatal(err)
	}
	if recent, _ = s.RecentMatches(ctx, "floods", 0); len(recent) != 0 {
		t.Errorf("RecentMatches(floods) after clearing = %v, want none", ids(recent))
	}
	if err := s.UpdateMatches(ctx, "f", "nope", m); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateMatches(unknown) = %v, want ErrNotFound", err)
	}
}

// TestAnalysisCleanTextStoredOnce checks that an analysis whose clean
// title and text are the story's title and summary is stored without
// them and read back whole, that one whose clean text differs (empty
// included) keeps its own, and that rows stored with both are read as
// they were.
func TestAnalysisCleanTextStoredOnce(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	analysed := func(id, cleanTitle, cleanText string) *wirewatch.Item {
		return &wirewatch.Item{Feed: "f", ID: id, Title: "Storm hits coast", Summary: "Thousands evacuated.",
			Analysis: &wirewatch.Analysis{Language: "en", Confidence: 0.9, CleanTitle: cleanTitle, CleanText: cleanText}}
	}
	tests := []struct {
		item *wirewatch.Item
		// stored says whether the row keeps a clean title and text of its
		// own.
		storedTitle, storedText bool
	}{
		{analysed("same", "Storm hits coast", "Thousands evacuated."), false, false},
		{analysed("cleaned", "Storm hits coast", "Thousands evacuated"), false, true},
		{analysed("all-noise", "Storm", ""), true, true},
	}
	for _, tt := range tests {
		if _, err := s.AddItems(ctx, []*wirewatch.Item{tt.item}, nil); err != nil {
			t.Fatal(err)
		}
	}
	// A row stored before clean texts were left out.
	old := analysed("old", "Storm hits coast", "Thousands evacuated.")
	if _, err := s.w.ExecContext(ctx, `INSERT INTO items (feed, id, title, summary, first_seen, analysis) VALUES (?, ?, ?, ?, 1, ?)`,
		old.Feed, old.ID, old.Title, old.Summary, `{"language":"en","confidence":0.9,"clean_title":"Storm hits coast","clean_text":"Thousands evacuated.","noise_ratio":0}`); err != nil {
		t.Fatal(err)
	}
	got, err := s.ItemsSince(ctx, time.Time{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*wirewatch.Item{}
	for _, it := range got {
		byID[it.ID] = it
	}
	for _, tt := range append(tests, struct {
		item                    *wirewatch.Item
		storedTitle, storedText bool
	}{old, true, true}) {
		it := byID[tt.item.ID]
		if it == nil || !reflect.DeepEqual(it.Analysis, tt.item.Analysis) {
			t.Errorf("%s: analysis read back = %+v, want %+v", tt.item.ID, it, tt.item.Analysis)
		}
		var title, text int
		if err := s.w.QueryRowContext(ctx, `SELECT CASE WHEN analysis LIKE '%"clean_title"%' THEN 1 ELSE 0 END,
	CASE WHEN analysis LIKE '%"clean_text"%' THEN 1 ELSE 0 END FROM items WHERE id = ?`, tt.item.ID).Scan(&title, &text); err != nil {
			t.Fatal(err)
		}
		if (title == 1) != tt.storedTitle || (text == 1) != tt.storedText {
			t.Errorf("%s: row keeps clean title %v, clean text %v; want %v, %v", tt.item.ID, title == 1, text == 1, tt.storedTitle, tt.storedText)
		}
	}
}
