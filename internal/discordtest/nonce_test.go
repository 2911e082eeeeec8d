package discordtest

import (
	"testing"
	"time"
)

func TestNonceDedup(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	post := func(channel string, body map[string]any) string {
		t.Helper()
		r := botCall(t, s, "POST", "/channels/"+channel+"/messages", body)
		if r.status != 200 {
			t.Fatalf("post: %v %s", r.status, r.body)
		}
		return r.json(t)["id"].(string)
	}
	first := post(testChannel, map[string]any{"content": "digest", "nonce": "d-1", "enforce_nonce": true})
	tests := []struct {
		name    string
		advance time.Duration
		channel string
		body    map[string]any
		same    bool
	}{
		{"retry with the same nonce", 0, testChannel, map[string]any{"content": "digest", "nonce": "d-1", "enforce_nonce": true}, true},
		{"retry with other content still matches", time.Minute, testChannel, map[string]any{"content": "digest v2", "nonce": "d-1", "enforce_nonce": true}, true},
		{"same nonce in another channel", 0, otherChan, map[string]any{"content": "digest", "nonce": "d-1", "enforce_nonce": true}, false},
		{"same nonce without enforce_nonce", 0, testChannel, map[string]any{"content": "digest", "nonce": "d-1"}, false},
		{"after the window", NonceWindow, testChannel, map[string]any{"content": "digest", "nonce": "d-1", "enforce_nonce": true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock.Advance(tt.advance)
			got := post(tt.channel, tt.body)
			if (got == first) != tt.same {
				t.Errorf("id %v vs original %v: same = %v, want %v", got, first, got == first, tt.same)
			}
		})
	}
	msgs := s.Transcript(testChannel)
	if len(msgs) != 3 {
		t.Fatalf("transcript: got %v messages, want 3", len(msgs))
	}
	if msgs[0].Nonce != `"d-1"` || !msgs[0].EnforceNonce {
		t.Errorf("recorded nonce: got %q %v", msgs[0].Nonce, msgs[0].EnforceNonce)
	}
}

func TestIntegerNonce(t *testing.T) {
	s := newTestServer(t, Options{})
	for range 2 {
		r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", `{"content":"x","nonce":12345,"enforce_nonce":true}`)
		if r.status != 200 || r.json(t)["nonce"] != 12345.0 {
			t.Fatalf("got %v %s", r.status, r.body)
		}
	}
	if n := len(s.Transcript(testChannel)); n != 1 {
		t.Errorf("transcript: got %v messages, want 1", n)
	}
}

// TestWebhookIgnoresNonce: Execute Webhook has no nonce parameter, so a
// repeated execute posts again, as it does on Discord.
func TestWebhookIgnoresNonce(t *testing.T) {
	s := newTestServer(t, Options{})
	id, tok := s.AddWebhook(testChannel)
	for range 2 {
		r := call(t, s, "POST", "/api/v9/webhooks/"+id+"/"+tok+"?wait=true", "", map[string]any{"content": "digest", "nonce": "d-1", "enforce_nonce": true})
		if r.status != 200 {
			t.Fatalf("execute: %v %s", r.status, r.body)
		}
	}
	if n := len(s.Transcript(testChannel)); n != 2 {
		t.Errorf("transcript: got %v messages, want 2", n)
	}
}
