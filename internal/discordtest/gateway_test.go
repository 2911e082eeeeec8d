package discordtest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

func TestGatewayHandshake(t *testing.T) {
	s := newTestServer(t, Options{HeartbeatInterval: 2 * time.Second})
	c := dialGateway(t, s)
	hello := c.read()
	var h struct {
		HeartbeatInterval int `json:"heartbeat_interval"`
	}
	_ = json.Unmarshal(hello.D, &h)
	if hello.Op != 10 || h.HeartbeatInterval != 2000 {
		t.Fatalf("hello: got op %v interval %v, want 10 and 2000", hello.Op, h.HeartbeatInterval)
	}
	c.send(1, nil)
	if f := c.read(); f.Op != 11 {
		t.Fatalf("heartbeat answer: got op %v, want 11", f.Op)
	}
	c.send(2, map[string]any{"token": "Bot " + testToken, "intents": 513, "properties": map[string]string{}})
	ready := c.read()
	var d struct {
		V                int    `json:"v"`
		SessionID        string `json:"session_id"`
		ResumeGatewayURL string `json:"resume_gateway_url"`
		User             struct {
			ID  string `json:"id"`
			Bot bool   `json:"bot"`
		} `json:"user"`
		Guilds      []struct{ ID string } `json:"guilds"`
		Application struct {
			ID string `json:"id"`
		} `json:"application"`
	}
	if err := json.Unmarshal(ready.D, &d); err != nil {
		t.Fatal(err)
	}
	if ready.T != "READY" || ready.S != 1 || d.V != 9 || d.SessionID == "" || d.ResumeGatewayURL != s.GatewayURL() ||
		d.User.ID != s.ApplicationID() || !d.User.Bot || len(d.Guilds) != 1 || d.Application.ID != s.ApplicationID() {
		t.Fatalf("READY: got %s %s", ready.T, ready.D)
	}
	gc := c.read()
	if gc.T != "GUILD_CREATE" || gc.S != 2 {
		t.Fatalf("after READY: got %s seq %v", gc.T, gc.S)
	}
	var g struct {
		ID       string                `json:"id"`
		Channels []struct{ ID string } `json:"channels"`
	}
	_ = json.Unmarshal(gc.D, &g)
	if g.ID != testGuild || len(g.Channels) != 2 {
		t.Errorf("GUILD_CREATE: got %s", gc.D)
	}
	s.AddGuild("900000000000000099", "Second")
	if f := c.until("GUILD_CREATE"); f.S != 3 {
		t.Errorf("new guild seq: got %v, want 3", f.S)
	}
}

func TestGatewayCloseCodes(t *testing.T) {
	tests := []struct {
		name  string
		first map[string]any
		code  int
	}{
		{"bad token", map[string]any{"op": 2, "d": map[string]any{"token": "Bot nope", "intents": 1}}, CloseAuthenticationFailed},
		{"no intents", map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + testToken}}, CloseInvalidIntents},
		{"privileged intent", map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + testToken, "intents": 1 << 15}}, CloseDisallowedIntents},
		{"bad shard", map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + testToken, "intents": 1, "shard": []int{1, 1}}}, CloseInvalidShard},
		{"unknown opcode", map[string]any{"op": 42}, CloseUnknownOpcode},
		{"presence before identify", map[string]any{"op": 3, "d": map[string]any{}}, CloseNotAuthenticated},
		{"resume beyond seq", map[string]any{"op": 6, "d": map[string]any{"token": "Bot " + testToken, "session_id": "x", "seq": 1}}, 0},
	}
	s := newTestServer(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dialGateway(t, s)
			c.read()
			if err := c.ws.WriteJSON(tt.first); err != nil {
				t.Fatal(err)
			}
			if tt.code == 0 {
				// An unknown session is answered with op 9, not a close.
				if f := c.read(); f.Op != 9 || string(f.D) != "false" {
					t.Errorf("got op %v d %s, want op 9 false", f.Op, f.D)
				}
				return
			}
			if got := c.closeCode(); got != tt.code {
				t.Errorf("close code: got %v, want %v", got, tt.code)
			}
		})
	}
	t.Run("identify twice", func(t *testing.T) {
		c := dialGateway(t, s)
		c.identify(testToken)
		c.send(2, map[string]any{"token": testToken, "intents": 1})
		if got := c.closeCode(); got != CloseAlreadyAuthenticated {
			t.Errorf("close code: got %v, want %v", got, CloseAlreadyAuthenticated)
		}
	})
	t.Run("bad api version", func(t *testing.T) {
		ws, _, err := websocket.DefaultDialer.Dial(s.GatewayURL()+"?v=6", nil)
		if err != nil {
			t.Fatal(err)
		}
		defer ws.Close()
		c := &gwClient{tb: t, ws: ws}
		if got := c.closeCode(); got != CloseInvalidAPIVersion {
			t.Errorf("close code: got %v, want %v", got, CloseInvalidAPIVersion)
		}
	})
}

func TestGatewayResumeReplaysMissedEvents(t *testing.T) {
	s := newTestServer(t, Options{})
	registerCommands(t, s)
	c := dialGateway(t, s)
	ready := c.identify(testToken)
	last := c.until("GUILD_CREATE").S

	s.DropGateway()
	if _, err := c.tryRead(); err == nil {
		t.Fatal("read after DropGateway succeeded")
	}
	// An interaction while the bot is away is buffered for Resume.
	if _, err := s.Interact(t.Context(), Interaction{GuildID: testGuild, ChannelID: testChannel, Command: "status"}); err != nil {
		t.Fatal(err)
	}
	c2 := dialGateway(t, s)
	c2.read()
	c2.send(6, map[string]any{"token": "Bot " + testToken, "session_id": ready["session_id"], "seq": last})
	f := c2.read()
	if f.T != "INTERACTION_CREATE" || f.S != last+1 {
		t.Fatalf("first after resume: got %s seq %v, want INTERACTION_CREATE seq %v", f.T, f.S, last+1)
	}
	if f := c2.read(); f.T != "RESUMED" || f.S != last+2 {
		t.Fatalf("then: got %s seq %v, want RESUMED seq %v", f.T, f.S, last+2)
	}
	if s.SessionCount() != 1 {
		t.Errorf("sessions started: got %v, want 1", s.SessionCount())
	}
}

func TestGatewayReconnectAndInvalidSession(t *testing.T) {
	s := newTestServer(t, Options{})
	c := dialGateway(t, s)
	ready := c.identify(testToken)
	c.until("GUILD_CREATE")

	s.RequestReconnect()
	if f := c.read(); f.Op != 7 {
		t.Fatalf("got op %v, want 7", f.Op)
	}
	s.InvalidateSession(false)
	if f := c.read(); f.Op != 9 || string(f.D) != "false" {
		t.Fatalf("got op %v d %s, want 9 false", f.Op, f.D)
	}
	// The invalidated session cannot be resumed.
	c2 := dialGateway(t, s)
	c2.read()
	c2.send(6, map[string]any{"token": testToken, "session_id": ready["session_id"], "seq": 2})
	if f := c2.read(); f.Op != 9 {
		t.Fatalf("resume of invalid session: got op %v, want 9", f.Op)
	}
	// A fresh Identify on the first connection works, as discordgo does it.
	c.send(2, map[string]any{"token": "Bot " + testToken, "intents": 1})
	c.until("READY")
	if s.SessionCount() != 2 {
		t.Errorf("sessions started: got %v, want 2", s.SessionCount())
	}
}

func TestGatewayCompression(t *testing.T) {
	s := newTestServer(t, Options{})
	c := dialGateway(t, s)
	c.read()
	c.send(2, map[string]any{"token": testToken, "intents": 1, "compress": true})
	_ = c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	mt, _, err := c.ws.ReadMessage()
	if err != nil || mt != websocket.BinaryMessage {
		t.Fatalf("READY frame: type %v err %v, want binary", mt, err)
	}
}

func TestGatewayHeartbeatTimeout(t *testing.T) {
	s := newTestServer(t, Options{HeartbeatInterval: 100 * time.Millisecond})
	c := dialGateway(t, s)
	c.identify(testToken)
	if got := c.closeCode(); got != CloseSessionTimedOut {
		t.Errorf("close code: got %v, want %v", got, CloseSessionTimedOut)
	}
}
