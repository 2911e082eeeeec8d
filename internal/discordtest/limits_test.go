package discordtest

import (
	"encoding/json"
	"strings"
	"testing"
)

func embedsOf(es ...map[string]any) []map[string]any { return es }

func fields(n int, name, value string) []map[string]any {
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{"name": name, "value": value}
	}
	return out
}

// errorAt walks a 50035 body's errors down a dotted path and returns the
// first error code there.
func errorAt(tb testing.TB, body []byte, path string) string {
	tb.Helper()
	var e APIError
	if err := json.Unmarshal(body, &e); err != nil {
		tb.Fatal(err)
	}
	node := e.Errors
	if path != "" {
		for _, p := range strings.Split(path, ".") {
			next, ok := node[p].(map[string]any)
			if !ok {
				return ""
			}
			node = next
		}
	}
	list, _ := node["_errors"].([]any)
	if len(list) == 0 {
		return ""
	}
	return list[0].(map[string]any)["code"].(string)
}

func TestMessageLimits(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name    string
		body    any
		status  int
		code    int
		errPath string
		errCode string
	}{
		{"content at limit in CJK", map[string]any{"content": strings.Repeat("字", 2000)}, 200, 0, "", ""},
		{"content limit counted after trim", map[string]any{"content": "  " + strings.Repeat("a", 2000) + "\n"}, 200, 0, "", ""},
		{"content over limit", map[string]any{"content": strings.Repeat("ع", 2001)}, 400, 50035, "content", "BASE_TYPE_MAX_LENGTH"},
		{"null embeds and components", `{"content":"hi","embeds":null,"components":null,"tts":false,"sticker_ids":null}`, 200, 0, "", ""},
		{"empty message", map[string]any{"content": ""}, 400, 50006, "", ""},
		{"whitespace only", map[string]any{"content": " \n "}, 400, 50006, "", ""},
		{"empty body", `{}`, 400, 50006, "", ""},
		{"invalid json", `{"content":`, 400, 50109, "", ""},
		{"content wrong type", `{"content":5}`, 400, 50035, "content", "BASE_TYPE_BAD_TYPE"},
		{"eleven embeds", map[string]any{"embeds": make([]map[string]any, 11)}, 400, 50035, "embeds", "BASE_TYPE_MAX_LENGTH"},
		{"title too long", map[string]any{"embeds": embedsOf(map[string]any{"title": strings.Repeat("t", 257)})}, 400, 50035, "embeds.0.title", "BASE_TYPE_MAX_LENGTH"},
		{"title at limit", map[string]any{"embeds": embedsOf(map[string]any{"title": strings.Repeat("t", 256)})}, 200, 0, "", ""},
		{"description too long", map[string]any{"embeds": embedsOf(map[string]any{"description": strings.Repeat("d", 4097)})}, 400, 50035, "embeds.0.description", "BASE_TYPE_MAX_LENGTH"},
		{"26 fields", map[string]any{"embeds": embedsOf(map[string]any{"fields": fields(26, "n", "v")})}, 400, 50035, "embeds.0.fields", "BASE_TYPE_MAX_LENGTH"},
		{"field name too long", map[string]any{"embeds": embedsOf(map[string]any{"fields": fields(1, strings.Repeat("n", 257), "v")})}, 400, 50035, "embeds.0.fields.0.name", "BASE_TYPE_MAX_LENGTH"},
		{"field value too long", map[string]any{"embeds": embedsOf(map[string]any{"fields": fields(1, "n", strings.Repeat("v", 1025))})}, 400, 50035, "embeds.0.fields.0.value", "BASE_TYPE_MAX_LENGTH"},
		{"field value empty", map[string]any{"embeds": embedsOf(map[string]any{"fields": fields(1, "n", " ")})}, 400, 50035, "embeds.0.fields.0.value", "BASE_TYPE_REQUIRED"},
		{"footer too long", map[string]any{"embeds": embedsOf(map[string]any{"footer": map[string]any{"text": strings.Repeat("f", 2049)}})}, 400, 50035, "embeds.0.footer.text", "BASE_TYPE_MAX_LENGTH"},
		{"author too long", map[string]any{"embeds": embedsOf(map[string]any{"author": map[string]any{"name": strings.Repeat("a", 257)}})}, 400, 50035, "embeds.0.author.name", "BASE_TYPE_MAX_LENGTH"},
		{"total over 6000 across embeds", map[string]any{"embeds": embedsOf(
			map[string]any{"description": strings.Repeat("x", 3000)},
			map[string]any{"description": strings.Repeat("y", 3000), "title": "one more"})}, 400, 50035, "embeds", "MAX_EMBED_SIZE_EXCEEDED"},
		{"total exactly 6000", map[string]any{"embeds": embedsOf(
			map[string]any{"description": strings.Repeat("x", 3000)},
			map[string]any{"description": strings.Repeat("y", 3000)})}, 200, 0, "", ""},
		{"bad embed url", map[string]any{"embeds": embedsOf(map[string]any{"title": "t", "url": "javascript:alert(1)"})}, 400, 50035, "embeds.0.url", "URL_TYPE_INVALID_URL"},
		{"bad timestamp", map[string]any{"embeds": embedsOf(map[string]any{"title": "t", "timestamp": "yesterday"})}, 400, 50035, "embeds.0.timestamp", "DATE_TIME_TYPE_PARSE"},
		{"nonce too long", map[string]any{"content": "x", "nonce": strings.Repeat("n", 26)}, 400, 50035, "nonce", "BASE_TYPE_MAX_LENGTH"},
		{"ephemeral flag in a channel", map[string]any{"content": "x", "flags": 64}, 400, 50035, "flags", "MESSAGE_INVALID_FLAGS"},
		{"bad allowed_mentions parse", map[string]any{"content": "x", "allowed_mentions": map[string]any{"parse": []string{"all"}}}, 400, 50035, "allowed_mentions.parse.0", "BASE_TYPE_CHOICES"},
		{"allowed_mentions parse and list", map[string]any{"content": "x", "allowed_mentions": map[string]any{"parse": []string{"users"}, "users": []string{"1"}}}, 400, 50035, "allowed_mentions", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", tt.body)
			if r.status != tt.status {
				t.Fatalf("status: got %v, want %v (%s)", r.status, tt.status, r.body)
			}
			if tt.code != 0 {
				if got := r.code(t); got != tt.code {
					t.Errorf("code: got %v, want %v", got, tt.code)
				}
			}
			if tt.errCode != "" {
				if got := errorAt(t, r.body, tt.errPath); got != tt.errCode {
					t.Errorf("error at %q: got %v, want %v (%s)", tt.errPath, got, tt.errCode, r.body)
				}
			}
		})
		// Keep under the channel's rate limit.
		s.mu.Lock()
		s.buckets = map[string]*bucket{}
		s.mu.Unlock()
	}
}

func TestRESTErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	tests := []struct {
		name         string
		method, path string
		auth         string
		status, code int
	}{
		{"unknown channel", "POST", "/api/v9/channels/1/messages", "Bot " + testToken, 404, 10003},
		{"bad token", "POST", "/api/v9/channels/" + testChannel + "/messages", "Bot wrong", 401, 0},
		{"no Bot prefix", "POST", "/api/v9/channels/" + testChannel + "/messages", testToken, 401, 0},
		{"no token", "GET", "/api/v9/users/@me", "", 401, 0},
		{"unknown message", "PATCH", "/api/v9/channels/" + testChannel + "/messages/1", "Bot " + testToken, 404, 10008},
		{"unknown webhook", "POST", "/api/webhooks/1/abc", "", 404, 10015},
		{"unknown interaction", "POST", "/api/v9/interactions/1/abc/callback", "", 404, 10062},
		{"unknown route", "GET", "/api/v9/nothing", "Bot " + testToken, 404, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, s, tt.method, tt.path, tt.auth, map[string]any{"content": "x"})
			if r.status != tt.status {
				t.Fatalf("status: got %v, want %v (%s)", r.status, tt.status, r.body)
			}
			if got := r.code(t); got != tt.code {
				t.Errorf("code: got %v, want %v", got, tt.code)
			}
		})
	}
}

func TestDeniedChannel(t *testing.T) {
	s := newTestServer(t, Options{})
	s.DenyChannel(otherChan)
	r := botCall(t, s, "POST", "/channels/"+otherChan+"/messages", map[string]any{"content": "x"})
	if r.status != 403 || r.code(t) != CodeMissingAccess {
		t.Fatalf("got %v %s, want 403 50001", r.status, r.body)
	}
}

func TestEditAndDeleteMessage(t *testing.T) {
	s := newTestServer(t, Options{})
	r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", map[string]any{"content": "first"})
	id := r.json(t)["id"].(string)
	r = botCall(t, s, "PATCH", "/channels/"+testChannel+"/messages/"+id, map[string]any{"embeds": []map[string]any{{"title": "t"}}})
	if r.status != 200 {
		t.Fatalf("edit: %v %s", r.status, r.body)
	}
	got := s.Transcript(testChannel)
	if len(got) != 1 || got[0].Content != "first" || len(got[0].Embeds) != 1 || got[0].EditedTimestamp == nil {
		t.Fatalf("after edit got %+v", got)
	}
	r = botCall(t, s, "PATCH", "/channels/"+testChannel+"/messages/"+id, `{"content":null,"embeds":[]}`)
	if r.status != 400 || r.code(t) != CodeEmptyMessage {
		t.Fatalf("emptying edit: got %v %s, want 400 50006", r.status, r.body)
	}
	r = botCall(t, s, "DELETE", "/channels/"+testChannel+"/messages/"+id, nil)
	if r.status != 204 {
		t.Fatalf("delete: %v %s", r.status, r.body)
	}
	if n := len(s.Transcript(testChannel)); n != 0 {
		t.Errorf("transcript after delete: got %v messages, want 0", n)
	}
}
