package discordtest

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Gateway opcodes.
// See https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresenceUpdate = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatAck   = 11
)

// Gateway close codes.
// See https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes.
const (
	CloseUnknownError         = 4000
	CloseUnknownOpcode        = 4001
	CloseDecodeError          = 4002
	CloseNotAuthenticated     = 4003
	CloseAuthenticationFailed = 4004
	CloseAlreadyAuthenticated = 4005
	CloseInvalidSeq           = 4007
	CloseRateLimited          = 4008
	CloseSessionTimedOut      = 4009
	CloseInvalidShard         = 4010
	CloseInvalidAPIVersion    = 4012
	CloseInvalidIntents       = 4013
	CloseDisallowedIntents    = 4014
)

// Gateway limits.
// See https://discord.com/developers/docs/events/gateway#rate-limiting.
const (
	GatewaySendLimit  = 120
	GatewaySendWindow = 60 * time.Second
	// IdentifyLimit is the daily session start limit /gateway/bot reports.
	IdentifyLimit = 1000
	// SessionResumeWindow is how long a disconnected session stays
	// resumable and keeps receiving (buffered) events.
	SessionResumeWindow = 5 * time.Minute
	// replayBuffer is how many dispatched events a session keeps for
	// Resume.
	replayBuffer = 1000
	// privilegedIntents are GUILD_MEMBERS, GUILD_PRESENCES and
	// MESSAGE_CONTENT.
	privilegedIntents = 1<<1 | 1<<8 | 1<<15
	// knownIntents are the intent bits Discord defines.
	knownIntents = 1<<26 - 1
	writeTimeout = 5 * time.Second
)

// frame is a gateway payload.
type frame struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

type bufferedEvent struct {
	seq   int64
	frame []byte
}

// session is a gateway session, which outlives its connections.
type session struct {
	id       string
	intents  int64
	seq      int64
	events   []bufferedEvent
	conn     *conn
	invalid  bool
	lastSeen time.Time
}

// conn is one websocket connection.
type conn struct {
	ws       *websocket.Conn
	wmu      sync.Mutex
	compress bool
	sess     *session
	lastHB   time.Time
	sent     []time.Time
	done     chan struct{}
	once     sync.Once
}

func (c *conn) write(msgType int, data []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(writeTimeout))
	return c.ws.WriteMessage(msgType, data)
}

// send writes a payload, zlib-compressed as a binary frame when the client
// asked for compression.
func (c *conn) send(data []byte, compressible bool) error {
	if compressible && c.compress {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		_, _ = zw.Write(data)
		_ = zw.Close()
		return c.write(websocket.BinaryMessage, buf.Bytes())
	}
	return c.write(websocket.TextMessage, data)
}

func (c *conn) sendOp(op int, d any) error {
	raw, _ := json.Marshal(d)
	b, _ := json.Marshal(frame{Op: op, D: raw})
	return c.send(b, false)
}

// closeWith sends a close frame with code and closes the socket.
func (c *conn) closeWith(code int, reason string) {
	c.wmu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(writeTimeout))
	c.wmu.Unlock()
	c.drop()
}

// drop closes the socket abruptly, without a close frame.
func (c *conn) drop() {
	c.once.Do(func() { close(c.done) })
	_ = c.ws.UnderlyingConn().Close()
}

// dispatchLocked sends an event on the session, buffering it for Resume.
func (ss *session) dispatchLocked(s *Server, t string, d any) {
	ss.seq++
	raw, _ := json.Marshal(d)
	seq := ss.seq
	b, _ := json.Marshal(frame{Op: opDispatch, D: raw, S: &seq, T: &t})
	ss.events = append(ss.events, bufferedEvent{seq: seq, frame: b})
	if len(ss.events) > replayBuffer {
		ss.events = ss.events[len(ss.events)-replayBuffer:]
	}
	if ss.conn != nil {
		if err := ss.conn.send(b, true); err != nil {
			s.log.Debug("gateway send failed", slog.String("session_id", ss.id), slog.Any("error", err))
		}
	}
}

// liveSessionsLocked returns the sessions that receive events: valid ones
// that are connected or were within SessionResumeWindow.
func (s *Server) liveSessionsLocked() []*session {
	var out []*session
	now := s.now()
	for _, ss := range s.sessions {
		if ss.invalid {
			continue
		}
		if ss.conn != nil || now.Sub(ss.lastSeen) < SessionResumeWindow {
			out = append(out, ss)
		}
	}
	return out
}

// broadcast dispatches an event to every live session.
func (s *Server) broadcast(t string, d any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ss := range s.liveSessionsLocked() {
		ss.dispatchLocked(s, t, d)
	}
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway runs one gateway connection.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws, lastHB: time.Now(), done: make(chan struct{})}
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.mu.Unlock()
	defer s.detach(c)

	q := r.URL.Query()
	if v := q.Get("v"); v != "" && v != "9" && v != "10" {
		c.closeWith(CloseInvalidAPIVersion, "Invalid API version.")
		return
	}
	if e := q.Get("encoding"); e != "" && e != "json" {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return
	}
	if q.Get("compress") != "" {
		c.closeWith(CloseDecodeError, "Transport compression is not supported by this fake.")
		return
	}
	if err := c.sendOp(opHello, map[string]any{"heartbeat_interval": s.hbEvery.Milliseconds()}); err != nil {
		c.drop()
		return
	}
	go s.watchHeartbeats(c)
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			c.drop()
			return
		}
		if !s.handleFrame(c, data) {
			return
		}
	}
}

// detach forgets a closed connection, leaving its session resumable.
func (s *Server) detach(c *conn) {
	c.drop()
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.conns, c)
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
		c.sess.lastSeen = s.now()
	}
}

// watchHeartbeats closes a connection whose client stopped heartbeating
// for one and a half intervals.
func (s *Server) watchHeartbeats(c *conn) {
	limit := s.hbEvery + s.hbEvery/2
	t := time.NewTicker(s.hbEvery / 4)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			c.wmu.Lock()
			late := time.Since(c.lastHB) > limit
			c.wmu.Unlock()
			if late {
				s.log.Info("gateway client missed heartbeats, closing")
				c.closeWith(CloseSessionTimedOut, "Session timed out.")
				return
			}
		}
	}
}

// handleFrame handles one client payload; false ends the connection.
func (s *Server) handleFrame(c *conn, data []byte) bool {
	now := time.Now()
	c.sent = append(c.sent, now)
	for len(c.sent) > 0 && now.Sub(c.sent[0]) > GatewaySendWindow {
		c.sent = c.sent[1:]
	}
	if len(c.sent) > GatewaySendLimit {
		c.closeWith(CloseRateLimited, "You are being rate limited.")
		return false
	}
	var f frame
	if err := json.Unmarshal(data, &f); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return false
	}
	switch f.Op {
	case opHeartbeat:
		c.wmu.Lock()
		c.lastHB = time.Now()
		c.wmu.Unlock()
		return c.sendOp(opHeartbeatAck, nil) == nil
	case opIdentify:
		return s.identify(c, f.D)
	case opResume:
		return s.resume(c, f.D)
	case opPresenceUpdate, opVoiceState, opRequestMembers:
		s.mu.Lock()
		ok := c.sess != nil
		s.mu.Unlock()
		if !ok {
			c.closeWith(CloseNotAuthenticated, "Not authenticated.")
		}
		return ok
	default:
		c.closeWith(CloseUnknownOpcode, "Unknown opcode.")
		return false
	}
}

type identifyData struct {
	Token      string          `json:"token"`
	Intents    *int64          `json:"intents"`
	Compress   bool            `json:"compress"`
	Shard      *[2]int         `json:"shard"`
	Properties json.RawMessage `json:"properties"`
}

func (s *Server) identify(c *conn, raw json.RawMessage) bool {
	var d identifyData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case c.sess != nil:
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return false
	case !s.gatewayTokenOK(d.Token):
		c.closeWith(CloseAuthenticationFailed, "Authentication failed.")
		return false
	case d.Intents == nil || *d.Intents&^knownIntents != 0:
		c.closeWith(CloseInvalidIntents, "Invalid intent(s).")
		return false
	case *d.Intents&privilegedIntents&^s.privInt != 0:
		c.closeWith(CloseDisallowedIntents, "Disallowed intent(s).")
		return false
	case d.Shard != nil && (d.Shard[1] < 1 || d.Shard[0] < 0 || d.Shard[0] >= d.Shard[1]):
		c.closeWith(CloseInvalidShard, "Invalid shard.")
		return false
	}
	s.identifies++
	c.compress = d.Compress
	ss := &session{id: randomToken()[:32], intents: *d.Intents, conn: c, lastSeen: s.now()}
	s.lastIntents = *d.Intents
	s.sessions[ss.id] = ss
	c.sess = ss
	guilds := make([]any, 0, len(s.guildOrder))
	for _, id := range s.guildOrder {
		guilds = append(guilds, map[string]any{"id": id, "unavailable": true})
	}
	ready := map[string]any{
		"v": 9,
		"user": map[string]any{
			"id": s.bot.ID, "username": s.bot.Username, "discriminator": "0000", "global_name": nil,
			"avatar": nil, "bot": true, "verified": true, "mfa_enabled": false, "flags": 0,
		},
		"guilds":                  guilds,
		"session_id":              ss.id,
		"session_type":            "normal",
		"resume_gateway_url":      s.GatewayURL(),
		"application":             map[string]any{"id": s.appID, "flags": 0},
		"private_channels":        []any{},
		"relationships":           []any{},
		"presences":               []any{},
		"geo_ordered_rtc_regions": []any{},
	}
	if d.Shard != nil {
		ready["shard"] = d.Shard
	}
	ss.dispatchLocked(s, "READY", ready)
	for _, id := range s.guildOrder {
		ss.dispatchLocked(s, "GUILD_CREATE", s.guildCreateLocked(s.guilds[id]))
	}
	s.log.Info("gateway session identified", slog.String("session_id", ss.id))
	return true
}

type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

func (s *Server) resume(c *conn, raw json.RawMessage) bool {
	var d resumeData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(CloseDecodeError, "Error while decoding payload.")
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.sess != nil {
		c.closeWith(CloseAlreadyAuthenticated, "Already authenticated.")
		return false
	}
	if !s.gatewayTokenOK(d.Token) {
		c.closeWith(CloseAuthenticationFailed, "Authentication failed.")
		return false
	}
	ss := s.sessions[d.SessionID]
	if ss == nil || ss.invalid || (ss.conn == nil && s.now().Sub(ss.lastSeen) >= SessionResumeWindow) {
		return c.sendOp(opInvalidSession, false) == nil
	}
	if d.Seq > ss.seq {
		c.closeWith(CloseInvalidSeq, "Invalid seq.")
		return false
	}
	if len(ss.events) > 0 && d.Seq < ss.events[0].seq-1 {
		return c.sendOp(opInvalidSession, false) == nil
	}
	if old := ss.conn; old != nil && old != c {
		old.sess = nil
		old.closeWith(CloseUnknownError, "Session resumed elsewhere.")
	}
	ss.conn = c
	c.sess = ss
	replayed := 0
	for _, e := range ss.events {
		if e.seq > d.Seq {
			_ = c.send(e.frame, true)
			replayed++
		}
	}
	ss.dispatchLocked(s, "RESUMED", map[string]any{})
	s.log.Info("gateway session resumed", slog.String("session_id", ss.id), slog.Int("replayed", replayed))
	return true
}

// connsLocked lists the open connections.
func (s *Server) connsLocked() []*conn {
	out := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		out = append(out, c)
	}
	return out
}

// handleGateway answers GET /gateway.
func (s *Server) handleGateway(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.GatewayURL()})
}

// handleGatewayBot answers GET /gateway/bot.
func (s *Server) handleGatewayBot(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	remaining := max(IdentifyLimit-s.identifies, 0)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    s.GatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": IdentifyLimit, "remaining": remaining, "reset_after": 86400000, "max_concurrency": 1,
		},
	})
}

// SessionCount returns how many gateway sessions were started with
// Identify.
func (s *Server) SessionCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identifies
}

// Intents returns the gateway intents of the last Identify, 0 before
// any.
func (s *Server) Intents() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastIntents
}

// Connected reports whether a bot connection is identified or resumed on
// the gateway now.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.conns {
		if c.sess != nil {
			return true
		}
	}
	return false
}
