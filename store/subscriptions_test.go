package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
)

func TestSubscriptions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	created := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	sub := wirewatch.Subscription{Guild: "g1", Channel: "c1", Topic: "storms", Schedule: "hourly",
		CreatedBy: "u1", Created: created}

	steps := []struct {
		name string
		sub  wirewatch.Subscription
		want bool
	}{
		{"new", sub, true},
		{"same topic, another channel", func() wirewatch.Subscription { x := sub; x.Channel = "c2"; return x }(), true},
		{"another topic", func() wirewatch.Subscription { x := sub; x.Topic = "floods"; return x }(), true},
		{"change schedule", func() wirewatch.Subscription {
			x := sub
			x.Schedule, x.TimeZone, x.CreatedBy, x.Created = "daily 08:00", "Europe/Berlin", "u9", time.Now()
			return x
		}(), false},
	}
	for _, st := range steps {
		got, err := s.Subscribe(ctx, st.sub, 0)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got != st.want {
			t.Errorf("%s: Subscribe created = %v, want %v", st.name, got, st.want)
		}
	}
	updated := sub
	updated.Schedule, updated.TimeZone = "daily 08:00", "Europe/Berlin"
	floods := sub
	floods.Topic = "floods"
	c2 := sub
	c2.Channel = "c2"

	tests := []struct {
		channel string
		want    []wirewatch.Subscription
	}{
		{"c1", []wirewatch.Subscription{floods, updated}},
		{"c2", []wirewatch.Subscription{c2}},
		{"", []wirewatch.Subscription{floods, updated, c2}},
		{"c3", nil},
	}
	for _, tt := range tests {
		got, err := s.Subscriptions(ctx, tt.channel)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Subscriptions(%q):\ngot  %+v\nwant %+v", tt.channel, got, tt.want)
		}
	}

	for _, c := range []struct {
		channel, topic string
		want           bool
	}{{"c1", "storms", true}, {"c1", "storms", false}, {"c9", "floods", false}} {
		got, err := s.Unsubscribe(ctx, c.channel, c.topic)
		if err != nil || got != c.want {
			t.Errorf("Unsubscribe(%q, %q) = %v, %v, want %v", c.channel, c.topic, got, err, c.want)
		}
	}
	if got, _ := s.Subscriptions(ctx, "c1"); !reflect.DeepEqual(got, []wirewatch.Subscription{floods}) {
		t.Errorf("Subscriptions(c1) after unsubscribe = %+v, want only floods", got)
	}

	before := time.Now()
	if _, err := s.Subscribe(ctx, wirewatch.Subscription{Channel: "c5", Topic: "t", Schedule: "instant"}, 0); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Subscriptions(ctx, "c5"); len(got) != 1 || got[0].Created.Before(before.Truncate(time.Second)) {
		t.Errorf("Subscription without Created = %+v, want Created set to now", got)
	}
	if _, err := s.Subscribe(ctx, wirewatch.Subscription{Channel: "c1"}, 0); err == nil {
		t.Error("Subscribe without a topic = nil error, want one")
	}
}

func TestSubscribeLimitPerServer(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	sub := func(guild, channel, topic string) wirewatch.Subscription {
		return wirewatch.Subscription{Guild: guild, Channel: channel, Topic: topic, Schedule: "hourly"}
	}
	for _, c := range []string{"c1", "c2", "c3"} {
		if _, err := s.Subscribe(ctx, sub("g1", c, "t"), 3); err != nil {
			t.Fatalf("Subscribe(%s) under the limit: %v", c, err)
		}
	}
	if _, err := s.Subscribe(ctx, sub("g1", "c4", "t"), 3); !errors.Is(err, ErrSubscriptionLimit) {
		t.Errorf("Subscribe past the limit = %v, want ErrSubscriptionLimit", err)
	}
	// Changing an existing subscription and other servers are not limited.
	if created, err := s.Subscribe(ctx, sub("g1", "c1", "t"), 3); err != nil || created {
		t.Errorf("Subscribe(update) = %v, %v; want an update", created, err)
	}
	if _, err := s.Subscribe(ctx, sub("g2", "c9", "t"), 3); err != nil {
		t.Errorf("Subscribe in another server: %v", err)
	}
}
