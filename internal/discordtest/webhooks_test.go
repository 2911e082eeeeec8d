package discordtest

import (
	"testing"
)

func TestWebhookExecute(t *testing.T) {
	s := newTestServer(t, Options{})
	id, token := s.AddWebhook(testChannel)
	if got, want := s.WebhookURL(id), s.URL()+"/api/webhooks/"+id+"/"+token; got != want {
		t.Errorf("WebhookURL: got %v, want %v", got, want)
	}
	r := call(t, s, "POST", "/api/webhooks/"+id+"/"+token+"?wait=true", "", map[string]any{
		"content": "alert", "username": "wirewatch", "allowed_mentions": map[string]any{"parse": []string{}},
	})
	if r.status != 200 {
		t.Fatalf("wait=true: %v %s", r.status, r.body)
	}
	m := r.json(t)
	if m["webhook_id"] != id || m["content"] != "alert" || m["author"].(map[string]any)["username"] != "wirewatch" {
		t.Errorf("message: got %s", r.body)
	}
	if r := call(t, s, "POST", "/api/v9/webhooks/"+id+"/"+token, "", map[string]any{"content": "two"}); r.status != 204 || len(r.body) != 0 {
		t.Errorf("without wait: got %v %q, want 204 and no body", r.status, r.body)
	}
	msgs := s.Transcript(testChannel)
	if len(msgs) != 2 || msgs[0].AllowedMentions == nil || msgs[1].AllowedMentions != nil {
		t.Fatalf("transcript: got %+v", msgs)
	}

	tests := []struct {
		name   string
		path   string
		status int
		code   int
	}{
		{"wrong token", "/api/webhooks/" + id + "/nope", 401, CodeInvalidWebhookToken},
		{"empty message", "/api/webhooks/" + id + "/" + token, 400, CodeEmptyMessage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, s, "POST", tt.path, "", map[string]any{"content": ""})
			if r.status != tt.status || r.code(t) != tt.code {
				t.Errorf("got %v %s, want %v %v", r.status, r.body, tt.status, tt.code)
			}
		})
	}

	s.DeleteWebhook(id)
	r = call(t, s, "POST", "/api/webhooks/"+id+"/"+token, "", map[string]any{"content": "gone"})
	if r.status != 404 || r.code(t) != CodeUnknownWebhook {
		t.Errorf("deleted webhook: got %v %s, want 404 10015", r.status, r.body)
	}
}

func TestWebhookMessageEdit(t *testing.T) {
	s := newTestServer(t, Options{})
	id, token := s.AddWebhook(testChannel)
	r := call(t, s, "POST", "/api/webhooks/"+id+"/"+token+"?wait=true", "", map[string]any{"content": "v1"})
	mid := r.json(t)["id"].(string)
	r = call(t, s, "PATCH", "/api/webhooks/"+id+"/"+token+"/messages/"+mid, "", map[string]any{"content": "v2"})
	if r.status != 200 {
		t.Fatalf("edit: %v %s", r.status, r.body)
	}
	if got := s.Transcript(testChannel)[0].Content; got != "v2" {
		t.Errorf("content: got %v, want v2", got)
	}
	// The bot cannot edit a webhook's message through the channel route.
	r = botCall(t, s, "PATCH", "/channels/"+testChannel+"/messages/"+mid, map[string]any{"content": "v3"})
	if r.status != 403 || r.code(t) != CodeCannotEditOtherUserMessage {
		t.Errorf("bot edit of webhook message: got %v %s", r.status, r.body)
	}
}

func TestMultipartMessage(t *testing.T) {
	s := newTestServer(t, Options{})
	body := "--b\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n{\"content\":\"\"}\r\n" +
		"--b\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n"
	r := rawCall(t, s, "POST", "/api/v9/channels/"+testChannel+"/messages", "multipart/form-data; boundary=b", body)
	if r.status != 200 {
		t.Fatalf("multipart with only a file: got %v %s, want 200", r.status, r.body)
	}
}
