package discordtest

import (
	"net/http"
	"regexp"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	path := "/channels/" + testChannel + "/messages"

	s.Inject(Fault{Path: path, Status: http.StatusBadGateway, Count: 2})
	for i := range 2 {
		if r := botCall(t, s, "POST", path, map[string]any{"content": "x"}); r.status != 502 {
			t.Fatalf("attempt %d: got %v, want 502", i, r.status)
		}
	}
	if r := botCall(t, s, "POST", path, map[string]any{"content": "x"}); r.status != 200 {
		t.Fatalf("after the fault: got %v, want 200", r.status)
	}
	if n := len(s.Transcript(testChannel)); n != 1 {
		t.Errorf("transcript: got %v messages, want 1", n)
	}

	s.RateLimitStorm("/api/v9/channels/", 750*time.Millisecond, 10*time.Second)
	r := botCall(t, s, "POST", path, map[string]any{"content": "x"})
	if r.status != 429 || r.json(t)["retry_after"] != 0.75 {
		t.Fatalf("storm: got %v %s", r.status, r.body)
	}
	clock.Advance(10 * time.Second)
	if r := botCall(t, s, "POST", path, map[string]any{"content": "x"}); r.status != 200 {
		t.Fatalf("after the storm: got %v %s", r.status, r.body)
	}

	s.Inject(Fault{Pattern: regexp.MustCompile(`/webhooks/`), Status: 0, Count: 1})
	id, tok := s.AddWebhook(testChannel)
	req, _ := http.NewRequest("POST", s.URL()+"/api/webhooks/"+id+"/"+tok, nil)
	if resp, err := http.DefaultTransport.RoundTrip(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped connection: got status %v, want an error", resp.StatusCode)
	}

	s.Inject(Fault{Method: "GET", Status: 503})
	if r := botCall(t, s, "POST", path, map[string]any{"content": "x"}); r.status != 200 {
		t.Errorf("POST under a GET fault: got %v, want 200", r.status)
	}
	if r := botCall(t, s, "GET", "/users/@me", nil); r.status != 503 {
		t.Errorf("GET under a GET fault: got %v, want 503", r.status)
	}
	s.ClearFaults()
	if r := botCall(t, s, "GET", "/users/@me", nil); r.status != 200 {
		t.Errorf("after ClearFaults: got %v, want 200", r.status)
	}
}

func TestFaultsInRequestLog(t *testing.T) {
	s := newTestServer(t, Options{})
	path := "/channels/" + testChannel + "/messages"
	s.Inject(Fault{Path: path, Status: 0, Count: 1})
	s.Inject(Fault{Path: path, Status: http.StatusTooManyRequests, Global: true, Count: 1})
	req, _ := http.NewRequest("POST", s.URL()+"/api/v9"+path, nil)
	req.Header.Set("Authorization", "Bot x")
	if resp, err := http.DefaultTransport.RoundTrip(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped connection: got status %v, want an error", resp.StatusCode)
	}
	botCall(t, s, "POST", path, map[string]any{"content": "x"})
	botCall(t, s, "POST", path, map[string]any{"content": "x"})
	var got []RequestLog
	for _, l := range s.Requests() {
		if l.Path == "/api/v9"+path {
			got = append(got, l)
		}
	}
	want := []struct {
		status int
		fault  bool
	}{{0, true}, {429, true}, {200, false}}
	if len(got) != len(want) {
		t.Fatalf("logged %d requests, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Status != w.status || got[i].Fault != w.fault {
			t.Errorf("request %d: status %d, fault %v; want %d, %v", i, got[i].Status, got[i].Fault, w.status, w.fault)
		}
	}
}
