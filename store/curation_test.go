package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestSubscriptionFilterMentionForum(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	created := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	sub := wirewatch.Subscription{Guild: "g1", Channel: "c1", Topic: "storms", Schedule: "hourly", Created: created,
		Filter:  wirewatch.Filter{Languages: []string{"ko", "ja"}, Feeds: []string{"yonhap-*", "nhk"}},
		Mention: "123456789012345678", Forum: true}
	if _, err := s.Subscribe(ctx, sub, 0); err != nil {
		t.Fatal(err)
	}
	plain := wirewatch.Subscription{Guild: "g1", Channel: "c2", Topic: "storms", Schedule: "hourly", Created: created}
	if _, err := s.Subscribe(ctx, plain, 0); err != nil {
		t.Fatal(err)
	}
	// Read back after a reopen: what was stored, not what was cached.
	s.Close()
	s = openAt(t, path)
	got, err := s.Subscriptions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := []wirewatch.Subscription{sub, plain}; !reflect.DeepEqual(got, want) {
		t.Errorf("Subscriptions = %+v, want %+v", got, want)
	}
	// Subscribing again replaces the filter, mention and forum flag.
	again := sub
	again.Filter, again.Mention, again.Forum = wirewatch.Filter{}, "", false
	if created, err := s.Subscribe(ctx, again, 0); err != nil || created {
		t.Fatalf("Subscribe again = %v, %v; want an update", created, err)
	}
	got, err = s.Subscriptions(ctx, "c1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Filter.IsZero() || got[0].Mention != "" || got[0].Forum {
		t.Errorf("after the update: %+v, want no filter, mention or forum", got)
	}
}

func TestMessageStories(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	items := testItems("wire", "s", 4)
	if _, err := s.AddItems(ctx, items, routeTo(Delivery{Output: "out", Kind: wirewatch.KindDigest})); err != nil {
		t.Fatal(err)
	}
	pend, err := s.Pending(ctx, "out", "", 0)
	if err != nil || len(pend) != 4 {
		t.Fatalf("Pending = %d rows, %v; want 4", len(pend), err)
	}
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	// Message m1 shows s0 with its copy s1, then s2; s3 goes to m2.
	if err := s.MarkDelivered(ctx, rowIDs(pend[:3]), at, "m1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPlaces(ctx, []Place{{ID: pend[0].ID, Position: 1}, {ID: pend[1].ID, Position: 1, Copy: true},
		{ID: pend[2].ID, Position: 2}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivered(ctx, rowIDs(pend[3:]), at, "m2"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPlaces(ctx, []Place{{ID: pend[3].ID, Position: 1}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		message string
		want    []string // id:position:copy
	}{
		{"m1", []string{"s0:1:false", "s1:1:true", "s2:2:false"}},
		{"m2", []string{"s3:1:false"}},
		{"m3", nil},
		{"", nil},
	}
	for _, tt := range tests {
		shown, err := s.MessageStories(ctx, tt.message)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, sh := range shown {
			got = append(got, fmt.Sprintf("%s:%d:%v", sh.Item.ID, sh.Position, sh.Copy))
			if sh.Output != "out" || sh.Kind != wirewatch.KindDigest {
				t.Errorf("MessageStories(%q): row %d is %s/%s, want out/digest", tt.message, sh.Row, sh.Output, sh.Kind)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MessageStories(%q) = %v, want %v", tt.message, got, tt.want)
		}
	}
}

func TestFalsePositives(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	fp := FalsePositive{Feed: "wire", Item: "s1", Topic: "sanctions", Channel: "c1", Guild: "g1", Output: "discord:c1:sanctions",
		Title: "Committee sanctions budget", Link: "https://wire.example/s1", Language: "en", Text: "The committee sanctioned the budget.",
		Hits: []wirewatch.Hit{{Term: "sanction*", Field: "title", Text: "Committee sanctions budget"}, {Term: "sanction*", Field: "text", Text: "sanctioned the"}}}
	steps := []struct {
		reporter  string
		at        time.Time
		wantFirst bool
	}{{"u1", t0, true}, {"u2", t0.Add(time.Hour), false}, {"u1", t0.Add(2 * time.Hour), false}}
	for _, st := range steps {
		first, err := s.AddFalsePositive(ctx, fp, st.reporter, st.at)
		if err != nil {
			t.Fatal(err)
		}
		if first != st.wantFirst {
			t.Errorf("AddFalsePositive by %s = %v, want %v", st.reporter, first, st.wantFirst)
		}
	}
	other := fp
	other.Channel, other.Topic = "c2", "icbm"
	if _, err := s.AddFalsePositive(ctx, other, "u3", t0.Add(-48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, err := s.FalsePositives(ctx, t0.Add(-time.Hour), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("FalsePositives since t0-1h = %d, want 1 (the other one is older)", len(got))
	}
	g := got[0]
	if !reflect.DeepEqual(g.Reporters, []string{"u1", "u2"}) || !g.First.Equal(t0) || !g.Last.Equal(t0.Add(2*time.Hour)) {
		t.Errorf("reporters %v first %v last %v; want [u1 u2], t0, t0+2h", g.Reporters, g.First, g.Last)
	}
	if !reflect.DeepEqual(g.Terms(), []string{"sanction*"}) || g.Text != fp.Text || len(g.Hits) != 2 {
		t.Errorf("terms %v text %q hits %d; want the record as given", g.Terms(), g.Text, len(g.Hits))
	}
	if all, err := s.FalsePositives(ctx, time.Time{}, "icbm"); err != nil || len(all) != 1 || all[0].Channel != "c2" {
		t.Errorf("FalsePositives of icbm = %+v, %v; want the one in c2", all, err)
	}
	if _, err := s.AddFalsePositive(ctx, FalsePositive{Feed: "wire"}, "u1", t0); err == nil {
		t.Errorf("AddFalsePositive without item, topic and channel succeeded")
	}
}

func TestMutes(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	m := Mute{Channel: "c1", Event: "e1", Guild: "g1", Title: "Launch", By: "u1", Created: t0, Expires: t0.Add(48 * time.Hour)}
	if err := s.AddMute(ctx, m); err != nil {
		t.Fatal(err)
	}
	// Muting again later extends the mute; an earlier expiry does not shorten it.
	again := m
	again.Created, again.Expires = t0.Add(time.Hour), t0.Add(72*time.Hour)
	if err := s.AddMute(ctx, again); err != nil {
		t.Fatal(err)
	}
	shorter := m
	shorter.Expires = t0.Add(time.Hour)
	if err := s.AddMute(ctx, shorter); err != nil {
		t.Fatal(err)
	}
	if err := s.AddMute(ctx, Mute{Channel: "c2", Event: "e2", Created: t0, Expires: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Mutes(ctx, "", t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Event != "e1" || !got[0].Created.Equal(t0) || !got[0].Expires.Equal(t0.Add(72*time.Hour)) {
		t.Errorf("Mutes at t0+2h = %+v, want e1 alone, created t0, expiring t0+72h", got)
	}
	if n, err := s.PruneMutes(ctx, t0.Add(2*time.Hour)); err != nil || n != 1 {
		t.Errorf("PruneMutes = %d, %v; want the expired one", n, err)
	}
	if ok, err := s.RemoveMute(ctx, "c1", "e1"); err != nil || !ok {
		t.Errorf("RemoveMute = %v, %v; want true", ok, err)
	}
	if ok, err := s.RemoveMute(ctx, "c1", "e1"); err != nil || ok {
		t.Errorf("RemoveMute again = %v, %v; want false", ok, err)
	}
}

// TestDropEvent: dropping a muted event marks the rows of its stories
// that wait for the muted channel's outputs muted, and no others; they are
// counted as muted, and pruned like delivered rows.
func TestDropEvent(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	t0 := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	a, b, other := testItem("wire", "a"), testItem("press", "b"), testItem("wire", "c")
	if _, err := s.AddItems(ctx, []*wirewatch.Item{a, b, other}, func(*wirewatch.Item) []Delivery {
		return []Delivery{{Output: "discord:c1:icbm", Kind: wirewatch.KindDigest}, {Output: "discord:c2:icbm", Kind: wirewatch.KindDigest}}
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEventMembers(ctx, []EventMember{{Feed: "wire", ID: "a", Event: "ev1", Joined: t0},
		{Feed: "press", ID: "b", Event: "ev1", Joined: t0}, {Feed: "wire", ID: "c", Event: "ev2", Joined: t0}}); err != nil {
		t.Fatal(err)
	}
	n, err := s.DropEvent(ctx, "ev1", []string{"discord:c1:icbm"}, t0)
	if err != nil || n != 2 {
		t.Fatalf("DropEvent = %d, %v; want the 2 rows of ev1 in c1", n, err)
	}
	if n, err := s.DropEvent(ctx, "ev1", []string{"discord:c1:icbm"}, t0); err != nil || n != 0 {
		t.Errorf("DropEvent again = %d, %v; want 0", n, err)
	}
	for out, want := range map[string][]string{"discord:c1:icbm": {"c"}, "discord:c2:icbm": {"a", "b", "c"}} {
		pend, err := s.Pending(ctx, out, wirewatch.KindDigest, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pend {
			got = append(got, p.Item.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Pending(%s) = %v, want %v", out, got, want)
		}
	}
	counts, err := s.MutedCounts(ctx)
	if err != nil || counts["discord:c1:icbm"] != 2 || len(counts) != 1 {
		t.Errorf("MutedCounts = %v, %v; want 2 for discord:c1:icbm", counts, err)
	}
	if _, err := s.Prune(ctx, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if counts, err := s.MutedCounts(ctx); err != nil || len(counts) != 0 {
		t.Errorf("MutedCounts after Prune = %v, %v; want none", counts, err)
	}
}
