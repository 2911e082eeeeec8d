package discordtest

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Fault makes matching REST requests fail before Discord's own handling,
// as an overloaded edge would.
type Fault struct {
	// Method limits the fault to one HTTP method; "" matches any.
	Method string
	// Path is a prefix of the request path, with or without the
	// /api/v9 part (for example "/channels/123/messages"); "" matches any.
	Path string
	// Pattern, if set, must match the full request path.
	Pattern *regexp.Regexp
	// BodyContains, if set, must occur in the request body: a fault for
	// the messages that show a given story.
	BodyContains string
	// Status is the answer: 429 sends Discord's rate-limit body with
	// RetryAfter, 5xx a gateway error page, another 4xx Discord's JSON
	// error with Code and Message; 0 drops the connection without an
	// answer.
	Status int
	// Code and Message are the JSON error of a 4xx other than 429; zero
	// means 50035 Invalid Form Body.
	Code    int
	Message string
	// RetryAfter is the retry_after of a 429; zero means one second.
	RetryAfter time.Duration
	// Global marks a 429 as the global rate limit.
	Global bool
	// Count is how many requests fail; zero or less means all until
	// Until passes or ClearFaults is called.
	Count int
	// Until ends the fault at this time of the server's clock; zero means
	// no end.
	Until time.Time
}

type faultState struct {
	f    Fault
	left int
}

// Inject adds a fault. Faults are tried in the order they were added.
func (s *Server) Inject(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{f: f, left: f.Count})
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// RateLimitStorm answers every request under path with 429 and the given
// retry_after for the duration d of the server's clock.
func (s *Server) RateLimitStorm(path string, retryAfter, d time.Duration) {
	s.Inject(Fault{Path: path, Status: http.StatusTooManyRequests, RetryAfter: retryAfter, Until: s.now().Add(d)})
}

// applyFault answers r with a matching fault and reports whether it did.
// A fault that drops the connection records the request under route
// before it closes it, so that a client that sees the error finds it in
// Requests.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, route string) bool {
	full := r.Header.Get(fullPathHeader)
	body := s.peekBody(r)
	s.mu.Lock()
	var hit *Fault
	now := s.now()
	kept := s.faults[:0]
	for _, fs := range s.faults {
		expired := !fs.f.Until.IsZero() && !now.Before(fs.f.Until)
		if expired {
			continue
		}
		if hit == nil && fs.matches(r.Method, full, r.URL.Path, body) {
			f := fs.f
			hit = &f
			if fs.f.Count > 0 {
				fs.left--
				if fs.left <= 0 {
					continue
				}
			}
		}
		kept = append(kept, fs)
	}
	s.faults = kept
	s.mu.Unlock()
	if hit == nil {
		return false
	}
	switch {
	case hit.Status == 0:
		s.record(r, route, 0, "", true)
		if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = c.Close()
			return true
		}
		panic(http.ErrAbortHandler)
	case hit.Status == http.StatusTooManyRequests:
		ra := hit.RetryAfter
		if ra <= 0 {
			ra = time.Second
		}
		scope := "user"
		if hit.Global {
			scope = "global"
		}
		rateLimited(w, ra, hit.Global, scope)
	case hit.Status >= 400 && hit.Status < 500:
		code, msg := hit.Code, hit.Message
		if code == 0 {
			code, msg = CodeInvalidFormBody, "Invalid Form Body"
		}
		writeError(w, hit.Status, code, msg)
	default:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(hit.Status)
		_, _ = w.Write([]byte("<html><head><title>" + http.StatusText(hit.Status) + "</title></head><body><center><h1>" + http.StatusText(hit.Status) + "</h1></center><hr><center>cloudflare</center></body></html>\n"))
	}
	return true
}

// peekBody reads the request body, when a fault looks into bodies, and
// puts it back for the handler.
func (s *Server) peekBody(r *http.Request) []byte {
	s.mu.Lock()
	want := false
	for _, fs := range s.faults {
		want = want || fs.f.BodyContains != ""
	}
	s.mu.Unlock()
	if !want || r.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	r.Body = io.NopCloser(bytes.NewReader(b))
	return b
}

func (fs *faultState) matches(method, full, short string, body []byte) bool {
	f := fs.f
	if f.Method != "" && f.Method != method {
		return false
	}
	if f.BodyContains != "" && !bytes.Contains(body, []byte(f.BodyContains)) {
		return false
	}
	if f.Path != "" && !strings.HasPrefix(full, f.Path) && !strings.HasPrefix(short, f.Path) {
		return false
	}
	return f.Pattern == nil || f.Pattern.MatchString(full)
}

// DropGateway closes every gateway connection abruptly, without a close
// frame, as a network failure would. Sessions stay resumable.
func (s *Server) DropGateway() {
	s.mu.Lock()
	conns := s.connsLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.drop()
	}
}

// CloseGateway closes every gateway connection with a close frame carrying
// code (for example 4000, after which a client resumes).
func (s *Server) CloseGateway(code int, reason string) {
	s.mu.Lock()
	conns := s.connsLocked()
	s.mu.Unlock()
	for _, c := range conns {
		c.closeWith(code, reason)
	}
}

// RequestReconnect sends op 7 Reconnect on every gateway connection; the
// client is expected to reconnect and resume.
func (s *Server) RequestReconnect() {
	s.mu.Lock()
	conns := s.connsLocked()
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.sendOp(opReconnect, nil)
	}
}

// InvalidateSession sends op 9 Invalid Session on every gateway
// connection. When resumable is false the sessions end: resuming them
// fails with op 9 again, and the client must Identify anew (on the same
// connection or a new one).
func (s *Server) InvalidateSession(resumable bool) {
	s.mu.Lock()
	conns := s.connsLocked()
	if !resumable {
		for _, c := range conns {
			if c.sess != nil {
				c.sess.invalid = true
				c.sess.conn = nil
				c.sess = nil
			}
		}
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.sendOp(opInvalidSession, resumable)
	}
}
