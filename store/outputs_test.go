package store

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestLastDigest(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	if got, err := s.LastDigest(ctx, "stdout"); err != nil || !got.IsZero() {
		t.Errorf("LastDigest before any = %v, %v, want zero", got, err)
	}
	at := time.Date(2026, 5, 1, 8, 0, 0, 5, time.FixedZone("X", 7200))
	if err := s.SetLastDigest(ctx, "stdout", at); err != nil {
		t.Fatal(err)
	}
	later := at.Add(time.Hour)
	if err := s.SetLastDigest(ctx, "stdout", later); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, path)
	got, err := s.LastDigest(ctx, "stdout")
	if err != nil || !got.Equal(later) || got.Location() != time.UTC {
		t.Errorf("LastDigest = %v, %v, want %v in UTC", got, err, later.UTC())
	}
	if got, _ := s.LastDigest(ctx, "other"); !got.IsZero() {
		t.Errorf("LastDigest(other) = %v, want zero", got)
	}
}

func TestDisabledOutputs(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if got, err := s.DisabledOutputs(ctx); err != nil || len(got) != 0 {
		t.Errorf("DisabledOutputs at start = %v, %v, want none", got, err)
	}
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	if err := s.SetLastDigest(ctx, "hook-b", at); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct{ output, reason string }{
		{"hook-a", "webhook answered 404"},
		{"hook-b", "webhook answered 401"},
		{"hook-b", "webhook answered 404 (10015 Unknown Webhook)"},
	} {
		if err := s.DisableOutput(ctx, d.output, d.reason); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{"hook-a": "webhook answered 404", "hook-b": "webhook answered 404 (10015 Unknown Webhook)"}
	if got, _ := s.DisabledOutputs(ctx); !reflect.DeepEqual(got, want) {
		t.Errorf("DisabledOutputs = %v, want %v", got, want)
	}
	if got, _ := s.LastDigest(ctx, "hook-b"); !got.Equal(at) {
		t.Errorf("LastDigest(hook-b) after disabling = %v, want %v", got, at)
	}
	for _, c := range []struct {
		output string
		want   bool
	}{{"hook-a", true}, {"hook-a", false}, {"never", false}} {
		if got, err := s.EnableOutput(ctx, c.output); err != nil || got != c.want {
			t.Errorf("EnableOutput(%q) = %v, %v, want %v", c.output, got, err, c.want)
		}
	}
	if got, _ := s.DisabledOutputs(ctx); !reflect.DeepEqual(got, map[string]string{"hook-b": want["hook-b"]}) {
		t.Errorf("DisabledOutputs after enabling hook-a = %v, want only hook-b", got)
	}
}
