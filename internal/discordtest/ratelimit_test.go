package discordtest

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestChannelRateLimit(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	path := "/channels/" + testChannel + "/messages"
	var bucketID string
	for i := range ChannelMessageLimit {
		r := botCall(t, s, "POST", path, map[string]any{"content": "m" + strconv.Itoa(i)})
		if r.status != 200 {
			t.Fatalf("post %d: %v %s", i, r.status, r.body)
		}
		if got, want := r.header.Get("X-RateLimit-Remaining"), strconv.Itoa(ChannelMessageLimit-1-i); got != want {
			t.Errorf("post %d remaining: got %v, want %v", i, got, want)
		}
		if got := r.header.Get("X-RateLimit-Limit"); got != "5" {
			t.Errorf("limit: got %v, want 5", got)
		}
		if got := r.header.Get("X-RateLimit-Reset-After"); got != "5.000" {
			t.Errorf("reset-after: got %v, want 5.000", got)
		}
		wantReset := strconv.FormatFloat(float64(clock.Now().Add(5*time.Second).UnixMilli())/1000, 'f', 3, 64)
		if got := r.header.Get("X-RateLimit-Reset"); got != wantReset {
			t.Errorf("reset: got %v, want %v", got, wantReset)
		}
		bucketID = r.header.Get("X-RateLimit-Bucket")
	}
	clock.Advance(1500 * time.Millisecond)
	r := botCall(t, s, "POST", path, map[string]any{"content": "too many"})
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("6th post: got %v, want 429", r.status)
	}
	body := r.json(t)
	if body["message"] != "You are being rate limited." || body["retry_after"] != 3.5 || body["global"] != false || body["code"] != 0.0 {
		t.Errorf("429 body: got %s", r.body)
	}
	if got := r.header.Get("Retry-After"); got != "4" {
		t.Errorf("Retry-After: got %v, want 4", got)
	}
	if got := r.header.Get("X-RateLimit-Remaining"); got != "0" {
		t.Errorf("remaining on 429: got %v, want 0", got)
	}
	// Another channel has its own bucket with the same bucket hash.
	r = botCall(t, s, "POST", "/channels/"+otherChan+"/messages", map[string]any{"content": "elsewhere"})
	if r.status != 200 || r.header.Get("X-RateLimit-Bucket") != bucketID {
		t.Errorf("other channel: got %v bucket %q, want 200 bucket %q", r.status, r.header.Get("X-RateLimit-Bucket"), bucketID)
	}
	clock.Advance(3500 * time.Millisecond)
	if r := botCall(t, s, "POST", path, map[string]any{"content": "after reset"}); r.status != 200 {
		t.Errorf("after reset: got %v, want 200", r.status)
	}
	if n := len(s.Transcript(testChannel)); n != ChannelMessageLimit+1 {
		t.Errorf("transcript: got %v messages, want %v", n, ChannelMessageLimit+1)
	}
	var limited int
	for _, rl := range s.Requests() {
		if rl.Status == 429 {
			limited++
			if rl.Route != "POST /channels/{channel}/messages" {
				t.Errorf("429 route: got %q", rl.Route)
			}
		}
	}
	if limited != 1 {
		t.Errorf("logged 429s: got %v, want 1", limited)
	}
}

func TestWebhookRateLimit(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	id, token := s.AddWebhook(testChannel)
	for i := range WebhookLimit {
		if r := call(t, s, "POST", "/api/webhooks/"+id+"/"+token, "", map[string]any{"content": "x"}); r.status != 204 {
			t.Fatalf("post %d: %v %s", i, r.status, r.body)
		}
	}
	r := call(t, s, "POST", "/api/webhooks/"+id+"/"+token, "", map[string]any{"content": "x"})
	if r.status != 429 || r.json(t)["retry_after"] != 2.0 {
		t.Fatalf("6th webhook post: got %v %s, want 429 retry_after 2", r.status, r.body)
	}
	clock.Advance(WebhookWindow)
	if r := call(t, s, "POST", "/api/v9/webhooks/"+id+"/"+token, "", map[string]any{"content": "x"}); r.status != 204 {
		t.Fatalf("after window: %v", r.status)
	}
}

func TestWebhookChannelSharedLimit(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	var hooks [][2]string
	for range 7 {
		id, tok := s.AddWebhook(testChannel)
		hooks = append(hooks, [2]string{id, tok})
	}
	sent := 0
	for _, h := range hooks {
		for range WebhookLimit {
			r := call(t, s, "POST", "/api/webhooks/"+h[0]+"/"+h[1], "", map[string]any{"content": "x"})
			if r.status == 429 {
				if r.header.Get("X-RateLimit-Scope") != "shared" {
					t.Fatalf("scope: got %q, want shared", r.header.Get("X-RateLimit-Scope"))
				}
				if sent != WebhookChannelLimit {
					t.Fatalf("shared limit hit after %v posts, want %v", sent, WebhookChannelLimit)
				}
				return
			}
			sent++
		}
	}
	t.Fatalf("no shared limit after %v posts", sent)
}

func TestGlobalRateLimit(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	for i := range GlobalLimit {
		path := "/channels/" + testChannel
		if i%2 == 0 {
			path = "/users/@me"
		}
		if r := botCall(t, s, "GET", path, nil); r.status != 200 {
			t.Fatalf("request %d: %v %s", i, r.status, r.body)
		}
	}
	r := botCall(t, s, "GET", "/users/@me", nil)
	if r.status != 429 {
		t.Fatalf("51st request: got %v, want 429", r.status)
	}
	if r.json(t)["global"] != true || r.header.Get("X-RateLimit-Global") != "true" || r.header.Get("X-RateLimit-Scope") != "global" {
		t.Errorf("global 429: got %s %v", r.body, r.header)
	}
	// Webhooks are not bot requests and are not held by the global limit.
	id, tok := s.AddWebhook(testChannel)
	if r := call(t, s, "POST", "/api/webhooks/"+id+"/"+tok, "", map[string]any{"content": "x"}); r.status != 204 {
		t.Errorf("webhook during global limit: got %v, want 204", r.status)
	}
	clock.Advance(GlobalWindow)
	if r := botCall(t, s, "GET", "/users/@me", nil); r.status != 200 {
		t.Errorf("after window: got %v, want 200", r.status)
	}
}
