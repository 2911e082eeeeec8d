// Package discordtest is a faithful fake of Discord's API v9 for tests: REST
// (channel messages, commands, interaction responses, webhooks), the gateway
// (Hello, Identify, Ready, heartbeats, Resume, reconnect requests), Discord's
// limits, error bodies and rate-limit headers, fault injection, and a
// transcript of what each channel shows.
//
// It runs on net/http/httptest on 127.0.0.1 and speaks Discord's wire
// protocol with its own types, so any Discord client can be pointed at it.
package discordtest

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultHeartbeatInterval is the heartbeat interval sent in Hello when
// Options.HeartbeatInterval is zero; it is the value Discord sends.
const DefaultHeartbeatInterval = 41250 * time.Millisecond

// discordEpoch is the first millisecond of 2015, the epoch of snowflakes.
// See https://discord.com/developers/docs/reference#snowflakes.
const discordEpoch = 1420070400000

// Options configures a Server.
type Options struct {
	// Logger receives the fake's diagnostics; nil discards them.
	Logger *slog.Logger
	// ApplicationID is the bot's application (and user) id; "" picks one.
	ApplicationID string
	// BotToken is the token bot routes require ("Bot " prefix optional
	// here); "" accepts any non-empty "Bot x".
	BotToken string
	// BotUsername is the bot user's name; "" means "wirewatch-fake".
	BotUsername string
	// HeartbeatInterval is sent in Hello; zero means
	// DefaultHeartbeatInterval.
	HeartbeatInterval time.Duration
	// Clock tells the time used for rate limits, nonces, interaction
	// deadlines and snowflakes; nil means time.Now.
	Clock func() time.Time
	// Addr is the address to listen on; "" means 127.0.0.1:0.
	Addr string
	// PrivilegedIntents is the set of privileged gateway intents the
	// application is allowed (members 1<<1, presences 1<<8, message
	// content 1<<15); identifying with others closes the socket with 4014.
	PrivilegedIntents int64
}

// Server is a running fake Discord. All methods are safe for concurrent use.
type Server struct {
	log     *slog.Logger
	clockFn func() time.Time
	ts      *httptest.Server
	token   string
	appID   string
	bot     User
	hbEvery time.Duration
	privInt int64

	mu           sync.Mutex
	lastID       uint64
	guilds       map[string]*guild
	guildOrder   []string
	channels     map[string]*channel
	webhooks     map[string]*webhook
	commands     map[string][]Command
	interactions map[string]*interaction
	byToken      map[string]*interaction
	nonces       map[nonceKey]nonceEntry
	requests     []RequestLog
	buckets      map[string]*bucket
	global       *bucket
	faults       []*faultState
	sessions     map[string]*session
	conns        map[*conn]struct{}
	identifies   int
	lastIntents  int64
}

// RequestLog is one REST request the fake answered.
type RequestLog struct {
	Method string
	// Path is the URL path as sent, without the query.
	Path string
	// Route is the matched route, such as
	// "POST /channels/{channel}/messages", or "" when none matched.
	Route string
	// Status is the answer's status; 0 when an injected fault dropped the
	// connection without an answer.
	Status int
	Time   time.Time
	// Bucket is the X-RateLimit-Bucket sent, if any.
	Bucket string
	// Fault is set when an injected fault answered the request.
	Fault bool
}

// New starts a fake Discord on 127.0.0.1 (or opts.Addr).
func New(opts Options) *Server {
	s := &Server{
		log:          opts.Logger,
		clockFn:      opts.Clock,
		token:        strings.TrimPrefix(opts.BotToken, "Bot "),
		hbEvery:      opts.HeartbeatInterval,
		privInt:      opts.PrivilegedIntents,
		guilds:       map[string]*guild{},
		channels:     map[string]*channel{},
		webhooks:     map[string]*webhook{},
		commands:     map[string][]Command{},
		interactions: map[string]*interaction{},
		byToken:      map[string]*interaction{},
		nonces:       map[nonceKey]nonceEntry{},
		buckets:      map[string]*bucket{},
		sessions:     map[string]*session{},
		conns:        map[*conn]struct{}{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clockFn == nil {
		s.clockFn = time.Now
	}
	if s.hbEvery <= 0 {
		s.hbEvery = DefaultHeartbeatInterval
	}
	s.appID = opts.ApplicationID
	if s.appID == "" {
		s.appID = s.newID()
	}
	name := opts.BotUsername
	if name == "" {
		name = "wirewatch-fake"
	}
	s.bot = User{ID: s.appID, Username: name, Bot: true}
	s.global = &bucket{}

	s.ts = httptest.NewUnstartedServer(s.handler())
	if opts.Addr != "" {
		l, err := net.Listen("tcp", opts.Addr)
		if err != nil {
			panic("discordtest: listen on " + opts.Addr + ": " + err.Error())
		}
		s.ts.Listener.Close()
		s.ts.Listener = l
	}
	s.ts.Start()
	s.log.Info("fake discord started", slog.String("url", s.ts.URL), slog.String("application_id", s.appID))
	return s
}

// URL returns the base URL, http://127.0.0.1:PORT. REST is served under
// /api/v9/..., webhooks also under /api/webhooks/..., the gateway at
// ws://127.0.0.1:PORT/gw.
func (s *Server) URL() string { return s.ts.URL }

// GatewayURL returns the gateway's websocket URL.
func (s *Server) GatewayURL() string { return "ws" + strings.TrimPrefix(s.ts.URL, "http") + "/gw" }

// ApplicationID returns the bot's application id, which is also its user id.
func (s *Server) ApplicationID() string { return s.appID }

// Close closes every gateway connection and stops the server.
func (s *Server) Close() {
	s.mu.Lock()
	conns := make([]*conn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// Requests returns every REST request answered so far, in order.
func (s *Server) Requests() []RequestLog {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RequestLog, len(s.requests))
	copy(out, s.requests)
	return out
}

func (s *Server) now() time.Time { return s.clockFn() }

// newID returns a fresh snowflake built from the clock.
func (s *Server) newID() string {
	ms := uint64(s.now().UnixMilli() - discordEpoch)
	id := ms << 22
	if id <= s.lastID {
		id = s.lastID + 1
	}
	s.lastID = id
	return strconv.FormatUint(id, 10)
}

// handler routes the fake's HTTP surface.
func (s *Server) handler() http.Handler {
	api := http.NewServeMux()
	for _, rt := range s.routes() {
		api.Handle(rt.pattern, s.wrap(rt))
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/gw", s.serveGateway)
	// discordgo appends a slash to the URL /gateway returns.
	mux.HandleFunc("/gw/{$}", s.serveGateway)
	mux.Handle("/_fake/", s.controlHandler())
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		rest := strings.TrimPrefix(r.URL.Path, "/api")
		for _, v := range []string{"/v9/", "/v10/"} {
			if strings.HasPrefix(rest, v) {
				rest = rest[len(v)-1:]
				break
			}
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = rest
		r2.URL.RawPath = ""
		r2.Header.Set(fullPathHeader, r.URL.Path)
		if _, pattern := api.Handler(r2); pattern == "" {
			s.record(r, "", http.StatusNotFound, "", false)
			writeError(w, http.StatusNotFound, CodeGeneral, "404: Not Found")
			return
		}
		api.ServeHTTP(w, r2)
	})
	return mux
}

// fullPathHeader carries the original path through the version strip.
const fullPathHeader = "X-Fakediscord-Path"

func (s *Server) record(r *http.Request, route string, status int, bucket string, fault bool) {
	path := r.Header.Get(fullPathHeader)
	if path == "" {
		path = r.URL.Path
	}
	s.mu.Lock()
	s.requests = append(s.requests, RequestLog{Method: r.Method, Path: path, Route: route, Status: status, Time: s.now(), Bucket: bucket, Fault: fault})
	s.mu.Unlock()
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// botAuthorized reports whether r carries the bot's "Bot <token>".
func (s *Server) botAuthorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(h, "Bot ")
	if !ok || tok == "" {
		return false
	}
	return s.token == "" || tok == s.token
}

func (s *Server) gatewayTokenOK(tok string) bool {
	tok = strings.TrimPrefix(tok, "Bot ")
	if tok == "" {
		return false
	}
	return s.token == "" || tok == s.token
}
