package discordtest

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

const (
	testToken   = "test-token"
	testGuild   = "900000000000000001"
	testChannel = "900000000000000002"
	otherChan   = "900000000000000003"
)

// manualClock is a clock tests move by hand.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func newManualClock() *manualClock {
	return &manualClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newTestServer starts a fake with one guild and two channels.
func newTestServer(tb testing.TB, opts Options) *Server {
	tb.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.BotToken == "" {
		opts.BotToken = testToken
	}
	if opts.ApplicationID == "" {
		opts.ApplicationID = "800000000000000001"
	}
	s := New(opts)
	tb.Cleanup(s.Close)
	s.AddGuild(testGuild, "Newsroom")
	s.AddChannel(testGuild, testChannel, "wire")
	s.AddChannel(testGuild, otherChan, "alerts")
	return s
}

// response is a decoded REST answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(tb testing.TB) map[string]any {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		tb.Fatalf("decode %s: %v", r.body, err)
	}
	return m
}

// code returns the JSON error code of the answer.
func (r response) code(tb testing.TB) int {
	tb.Helper()
	v, _ := r.json(tb)["code"].(float64)
	return int(v)
}

// call sends a request to the fake; body may be a string (raw) or a value
// to encode; auth "" sends no Authorization header.
func call(tb testing.TB, s *Server, method, path, auth string, body any) response {
	tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			tb.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		tb.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}

func botCall(tb testing.TB, s *Server, method, path string, body any) response {
	tb.Helper()
	return call(tb, s, method, "/api/v9"+path, "Bot "+testToken, body)
}

// gwClient is a raw gateway client.
type gwClient struct {
	tb testing.TB
	ws *websocket.Conn
}

type gwFrame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  int64           `json:"s"`
	T  string          `json:"t"`
}

func dialGateway(tb testing.TB, s *Server) *gwClient {
	tb.Helper()
	ws, _, err := websocket.DefaultDialer.Dial(s.GatewayURL()+"?v=9&encoding=json", nil)
	if err != nil {
		tb.Fatalf("dial gateway: %v", err)
	}
	tb.Cleanup(func() { ws.Close() })
	return &gwClient{tb: tb, ws: ws}
}

// read returns the next payload, inflating zlib binary frames.
func (c *gwClient) read() gwFrame {
	c.tb.Helper()
	f, err := c.tryRead()
	if err != nil {
		c.tb.Fatalf("read gateway: %v", err)
	}
	return f
}

func (c *gwClient) tryRead() (gwFrame, error) {
	_ = c.ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	mt, data, err := c.ws.ReadMessage()
	if err != nil {
		return gwFrame{}, err
	}
	if mt == websocket.BinaryMessage {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return gwFrame{}, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return gwFrame{}, err
		}
	}
	var f gwFrame
	err = json.Unmarshal(data, &f)
	return f, err
}

// until reads until a dispatch of type t.
func (c *gwClient) until(t string) gwFrame {
	c.tb.Helper()
	for {
		f := c.read()
		if f.Op == 0 && f.T == t {
			return f
		}
	}
}

func (c *gwClient) send(op int, d any) {
	c.tb.Helper()
	if err := c.ws.WriteJSON(map[string]any{"op": op, "d": d}); err != nil {
		c.tb.Fatalf("write gateway: %v", err)
	}
}

// closeCode reads until the server closes and returns the close code.
func (c *gwClient) closeCode() int {
	c.tb.Helper()
	for {
		_, err := c.tryRead()
		if err == nil {
			continue
		}
		if ce, ok := err.(*websocket.CloseError); ok {
			return ce.Code
		}
		c.tb.Fatalf("want a close frame, got %v", err)
	}
}

// identify does Hello + Identify and returns READY's data.
func (c *gwClient) identify(token string) map[string]any {
	c.tb.Helper()
	if f := c.read(); f.Op != 10 {
		c.tb.Fatalf("first op = %d, want 10", f.Op)
	}
	c.send(2, map[string]any{"token": token, "intents": 1 << 0, "properties": map[string]string{"os": "linux"}})
	var d map[string]any
	if err := json.Unmarshal(c.until("READY").D, &d); err != nil {
		c.tb.Fatal(err)
	}
	return d
}

// registerCommands registers the slash commands the tests use.
func registerCommands(tb testing.TB, s *Server) {
	tb.Helper()
	manage := "16"
	r := botCall(tb, s, "PUT", "/applications/"+s.ApplicationID()+"/guilds/"+testGuild+"/commands", []map[string]any{
		{"name": "subscribe", "description": "Subscribe this channel to a topic", "default_member_permissions": manage,
			"options": []map[string]any{
				{"type": 3, "name": "topic", "description": "Topic id", "required": true, "autocomplete": true},
				{"type": 3, "name": "schedule", "description": "Digest schedule"},
			}},
		{"name": "status", "description": "Feed health"},
		{"name": "digest", "description": "Deliver the digest now"},
	})
	if r.status != 200 {
		tb.Fatalf("register commands: %d %s", r.status, r.body)
	}
}

// rawCall sends a bot request with a given content type and raw body.
func rawCall(tb testing.TB, s *Server, method, path, contentType, body string) response {
	tb.Helper()
	req, err := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "Bot "+testToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: data}
}
