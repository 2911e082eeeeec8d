package discordtest

import "testing"

func TestCouldPing(t *testing.T) {
	none := &AllowedMentions{Parse: []string{}}
	tests := []struct {
		name string
		m    Message
		want bool
	}{
		{"plain text", Message{Content: "hello"}, false},
		{"everyone without allowed_mentions", Message{Content: "@everyone look"}, true},
		{"here without allowed_mentions", Message{Content: "@here"}, true},
		{"everyone with empty parse", Message{Content: "@everyone", AllowedMentions: none}, false},
		{"everyone with null parse", Message{Content: "@everyone", AllowedMentions: &AllowedMentions{}}, false},
		{"everyone allowed", Message{Content: "@everyone", AllowedMentions: &AllowedMentions{Parse: []string{"everyone"}}}, true},
		{"user mention default", Message{Content: "hi <@123>"}, true},
		{"nickname mention default", Message{Content: "hi <@!123>"}, true},
		{"user mention suppressed", Message{Content: "hi <@123>", AllowedMentions: none}, false},
		{"user listed", Message{Content: "hi <@123>", AllowedMentions: &AllowedMentions{Users: []string{"123"}}}, true},
		{"other user listed", Message{Content: "hi <@123>", AllowedMentions: &AllowedMentions{Users: []string{"9"}}}, false},
		{"role in embed title default", Message{Embeds: []Embed{{Title: "<@&555> news"}}}, true},
		{"role in field suppressed", Message{Embeds: []Embed{{Fields: []EmbedField{{Name: "n", Value: "<@&555>"}}}}, AllowedMentions: none}, false},
		{"only the listed role", Message{Content: "<@&1> <@&2>", AllowedMentions: &AllowedMentions{Roles: []string{"1"}}}, true},
		{"roles parse does not allow everyone", Message{Content: "@everyone", AllowedMentions: &AllowedMentions{Parse: []string{"roles"}}}, false},
		{"escaped everyone is still text", Message{Content: "@\u200beveryone"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.CouldPing(); got != tt.want {
				t.Errorf("CouldPing() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTranscriptRecordsWhatWasSent(t *testing.T) {
	s := newTestServer(t, Options{})
	r := botCall(t, s, "POST", "/channels/"+testChannel+"/messages", `{"content":"","embeds":[{"title":"Story","url":"https://example.org/a","fields":[{"name":"Source","value":"AFP","inline":true}],"footer":{"text":"wirewatch"}}],"allowed_mentions":{"parse":[]},"nonce":"n1","enforce_nonce":true,"flags":4096,"components":null}`)
	if r.status != 200 {
		t.Fatalf("post: %v %s", r.status, r.body)
	}
	msgs := s.Transcript(testChannel)
	if len(msgs) != 1 {
		t.Fatalf("got %v messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Embeds[0].Type != "rich" || m.Embeds[0].Fields[0].Value != "AFP" || m.Embeds[0].Footer.Text != "wirewatch" {
		t.Errorf("embed: got %+v", m.Embeds[0])
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions: got %+v", m.AllowedMentions)
	}
	if m.Flags != FlagSuppressNotifications || m.Nonce != `"n1"` || m.Author.ID != s.ApplicationID() || m.CouldPing() {
		t.Errorf("message: got %+v", m)
	}
	if s.Transcript("nope") != nil {
		t.Errorf("unknown channel transcript: want nil")
	}
}
