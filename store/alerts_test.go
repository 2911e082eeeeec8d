package store

import (
	"context"
	"testing"
	"time"
)

// TestEventAlerts: an output keeps one alert per event; its reach is
// updated by edits; alerts are forgotten and pruned.
func TestEventAlerts(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	a := EventAlert{Output: "hook", Event: "ev1", Message: "1577000000000000001", Outlets: 1, Languages: 1, Updated: at}
	if ok, err := s.AddEventAlert(ctx, a); err != nil || !ok {
		t.Fatalf("AddEventAlert = %v, %v", ok, err)
	}
	b := a
	b.Message = "1577000000000000002"
	if ok, err := s.AddEventAlert(ctx, b); err != nil || ok {
		t.Errorf("second AddEventAlert of the event = %v, %v; want it kept as it was", ok, err)
	}
	a.Outlets, a.Languages, a.Updated = 5, 3, at.Add(time.Hour)
	if err := s.UpdateEventAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.EventAlertOf(ctx, "hook", "ev1")
	if err != nil || !ok || got != a {
		t.Errorf("EventAlertOf = %+v, %v, %v; want %+v", got, ok, err, a)
	}
	if _, ok, _ := s.EventAlertOf(ctx, "other", "ev1"); ok {
		t.Errorf("another output has the alert")
	}
	if l, err := s.EventAlerts(ctx, "", at.Add(30*time.Minute)); err != nil || len(l) != 1 {
		t.Errorf("EventAlerts since = %+v, %v; want the one updated since", l, err)
	}
	if n, err := s.PruneEventAlerts(ctx, at.Add(2*time.Hour)); err != nil || n != 1 {
		t.Errorf("PruneEventAlerts = %d, %v; want 1", n, err)
	}
	if _, err := s.AddEventAlert(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.ForgetEventAlert(ctx, "hook", "ev1"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.EventAlertOf(ctx, "hook", "ev1"); ok {
		t.Errorf("alert still there after ForgetEventAlert")
	}
}
