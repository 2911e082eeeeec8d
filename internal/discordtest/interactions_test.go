package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

// interactionEvent is the part of INTERACTION_CREATE the tests read.
type interactionEvent struct {
	ID    string `json:"id"`
	Token string `json:"token"`
	Type  int    `json:"type"`
	Data  struct {
		Name    string `json:"name"`
		Options []struct {
			Name    string `json:"name"`
			Value   any    `json:"value"`
			Focused bool   `json:"focused"`
		} `json:"options"`
	} `json:"data"`
	Member struct {
		Permissions string `json:"permissions"`
	} `json:"member"`
	AppPermissions string `json:"app_permissions"`
}

func startBot(tb testing.TB, s *Server) *gwClient {
	tb.Helper()
	registerCommands(tb, s)
	c := dialGateway(tb, s)
	c.identify(testToken)
	return c
}

func receive(tb testing.TB, c *gwClient) interactionEvent {
	tb.Helper()
	var ev interactionEvent
	if err := json.Unmarshal(c.until("INTERACTION_CREATE").D, &ev); err != nil {
		tb.Fatal(err)
	}
	return ev
}

func callback(tb testing.TB, s *Server, ev interactionEvent, body any) response {
	tb.Helper()
	return call(tb, s, "POST", "/api/v9/interactions/"+ev.ID+"/"+ev.Token+"/callback", "", body)
}

func TestInteractionRespond(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	c := startBot(t, s)
	res, err := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, UserID: "42",
		Permissions: 16, Command: "subscribe", Options: map[string]any{"topic": "quakes"}})
	if err != nil {
		t.Fatal(err)
	}
	ev := receive(t, c)
	if ev.ID != res.ID || ev.Type != 2 || ev.Data.Name != "subscribe" || len(ev.Data.Options) != 1 ||
		ev.Data.Options[0].Value != "quakes" || ev.Member.Permissions != "16" || ev.AppPermissions == "" {
		t.Fatalf("INTERACTION_CREATE: got %+v", ev)
	}
	clock.Advance(2 * time.Second)
	r := callback(t, s, ev, map[string]any{"type": 4, "data": map[string]any{"content": "Subscribed", "flags": 64, "embeds": nil, "components": nil}})
	if r.status != 204 {
		t.Fatalf("callback: %v %s", r.status, r.body)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	if err := res.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	m, ok := res.Original()
	if !ok || m.Content != "Subscribed" || m.Flags != FlagEphemeral || res.CallbackType() != 4 {
		t.Errorf("original: got %+v %v", m, ok)
	}
	r = callback(t, s, ev, map[string]any{"type": 4, "data": map[string]any{"content": "again"}})
	if r.status != 400 || r.code(t) != CodeAlreadyAcknowledged {
		t.Errorf("second ack: got %v %s, want 400 40060", r.status, r.body)
	}
	// A follow-up within 15 minutes works; after, the token is dead.
	clock.Advance(10 * time.Minute)
	r = call(t, s, "POST", "/api/v9/webhooks/"+s.ApplicationID()+"/"+ev.Token+"?wait=true", "", map[string]any{"content": "more"})
	if r.status != 200 || len(res.Followups()) != 1 {
		t.Fatalf("follow-up: %v %s", r.status, r.body)
	}
	clock.Advance(6 * time.Minute)
	r = call(t, s, "PATCH", "/api/v9/webhooks/"+s.ApplicationID()+"/"+ev.Token+"/messages/@original", "", map[string]any{"content": "late"})
	if r.status != 401 || r.code(t) != CodeInvalidWebhookToken {
		t.Errorf("edit after 15 min: got %v %s, want 401 50027", r.status, r.body)
	}
}

func TestInteractionLateResponse(t *testing.T) {
	clock := newManualClock()
	s := newTestServer(t, Options{Clock: clock.Now})
	c := startBot(t, s)
	if _, err := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "status"}); err != nil {
		t.Fatal(err)
	}
	ev := receive(t, c)
	clock.Advance(InteractionResponseDeadline + time.Millisecond)
	r := callback(t, s, ev, map[string]any{"type": 4, "data": map[string]any{"content": "too late"}})
	if r.status != 404 || r.code(t) != CodeUnknownInteraction {
		t.Errorf("late callback: got %v %s, want 404 10062", r.status, r.body)
	}
	if n := len(s.Transcript(testChannel)); n != 0 {
		t.Errorf("transcript: got %v messages, want 0", n)
	}
}

func TestInteractionDeferred(t *testing.T) {
	s := newTestServer(t, Options{})
	c := startBot(t, s)
	res, err := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "digest"})
	if err != nil {
		t.Fatal(err)
	}
	ev := receive(t, c)
	if r := callback(t, s, ev, map[string]any{"type": 5}); r.status != 204 {
		t.Fatalf("defer: %v %s", r.status, r.body)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := res.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait before the edit: got %v, want deadline exceeded", err)
	}
	if m := s.Transcript(testChannel); len(m) != 1 || m[0].Flags&FlagLoading == 0 {
		t.Fatalf("loading message: got %+v", m)
	}
	done := make(chan error, 1)
	go func() { done <- res.Wait(t.Context()) }()
	r := call(t, s, "PATCH", "/api/v9/webhooks/"+s.ApplicationID()+"/"+ev.Token+"/messages/@original", "",
		map[string]any{"embeds": []map[string]any{{"title": "Digest"}}})
	if r.status != 200 {
		t.Fatalf("edit original: %v %s", r.status, r.body)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m, _ := res.Original()
	if m.Flags&FlagLoading != 0 || len(m.Embeds) != 1 || m.Embeds[0].Title != "Digest" {
		t.Errorf("original after edit: got %+v", m)
	}
}

func TestInteractionDeferredFollowupEditsLoadingMessage(t *testing.T) {
	s := newTestServer(t, Options{})
	c := startBot(t, s)
	res, _ := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "digest"})
	ev := receive(t, c)
	// A follow-up before any response is refused.
	r := call(t, s, "POST", "/api/v9/webhooks/"+s.ApplicationID()+"/"+ev.Token, "", map[string]any{"content": "early"})
	if r.status != 404 || r.code(t) != CodeUnknownWebhook {
		t.Fatalf("early follow-up: got %v %s", r.status, r.body)
	}
	callback(t, s, ev, map[string]any{"type": 5})
	for _, text := range []string{"part 1", "part 2"} {
		if r := call(t, s, "POST", "/api/v9/webhooks/"+s.ApplicationID()+"/"+ev.Token, "", map[string]any{"content": text}); r.status != 204 {
			t.Fatalf("follow-up: %v %s", r.status, r.body)
		}
	}
	if err := res.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	msgs := s.Transcript(testChannel)
	if len(msgs) != 2 || msgs[0].Content != "part 1" || msgs[1].Content != "part 2" {
		t.Fatalf("transcript: got %+v", msgs)
	}
}

func TestInteractionAutocomplete(t *testing.T) {
	s := newTestServer(t, Options{})
	c := startBot(t, s)
	res, err := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "subscribe",
		Permissions: 16, Type: InteractionAutocomplete, Focused: "topic", Options: map[string]any{"topic": "qu"}})
	if err != nil {
		t.Fatal(err)
	}
	ev := receive(t, c)
	if ev.Type != 4 || !ev.Data.Options[0].Focused {
		t.Fatalf("autocomplete event: got %+v", ev)
	}
	if r := callback(t, s, ev, map[string]any{"type": 4, "data": map[string]any{"content": "no"}}); r.status != 400 {
		t.Errorf("message answer to autocomplete: got %v, want 400", r.status)
	}
	r := callback(t, s, ev, map[string]any{"type": 8, "data": map[string]any{"choices": []map[string]any{{"name": "Quakes", "value": "quakes"}}}})
	if r.status != 204 {
		t.Fatalf("choices: %v %s", r.status, r.body)
	}
	if err := res.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if ch := res.Choices(); len(ch) != 1 || ch[0].Value != "quakes" {
		t.Errorf("choices: got %+v", ch)
	}
}

func TestInteractErrors(t *testing.T) {
	s := newTestServer(t, Options{})
	registerCommands(t, s)
	tests := []struct {
		name string
		in   Interaction
		want error
	}{
		{"no bot connected", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "status"}, ErrNoGateway},
		{"unknown command", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "nope"}, ErrUnknownCommand},
		{"unknown channel", Interaction{GuildID: testGuild, ChannelID: "1", Command: "status"}, ErrUnknownChannel},
		{"lacks manage channels", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "subscribe", Options: map[string]any{"topic": "x"}}, ErrCommandHidden},
		{"missing required option", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "subscribe", Permissions: 16}, ErrBadOption},
		{"undeclared option", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "status", Options: map[string]any{"x": "y"}}, ErrBadOption},
		{"wrong option type", Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "subscribe", Permissions: 16, Options: map[string]any{"topic": 5}}, ErrBadOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Interact(t.Context(), tt.in)
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
		if tt.want == ErrNoGateway {
			c := dialGateway(t, s)
			c.identify(testToken)
		}
	}
	// An admin override lets a member without the permission run it.
	in := Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "subscribe", Options: map[string]any{"topic": "x"}, IgnoreCommandPermissions: true}
	if _, err := s.Interact(t.Context(), in); err != nil {
		t.Errorf("with override: %v", err)
	}
}
