package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

const (
	testToken        = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-bot-token"
	testWebhookToken = "sEcReT-webhook-token_abc123"
	testChannel      = "100000000000000001"
)

// reply is one scripted response of the test server.
type reply struct {
	status int
	header map[string]string
	body   string
}

// script is an httptest server answering message posts with scripted
// replies (then 200) and recording the bodies it received.
type script struct {
	mu      sync.Mutex
	replies []reply
	always  *reply // when set, answers every request
	bodies  []wireMessage
	srv     *httptest.Server
}

// newScript starts a scripted server closed at the end of the test.
func newScript(tb testing.TB, replies ...reply) *script {
	tb.Helper()
	s := &script{replies: replies}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.srv.Close)
	return s
}

func (s *script) serve(w http.ResponseWriter, r *http.Request) {
	var m wireMessage
	_ = json.NewDecoder(r.Body).Decode(&m)
	s.mu.Lock()
	s.bodies = append(s.bodies, m)
	rep := reply{status: 200, body: `{"id":"1","channel_id":"1"}`}
	switch {
	case s.always != nil:
		rep = *s.always
	case len(s.replies) > 0:
		rep, s.replies = s.replies[0], s.replies[1:]
	}
	s.mu.Unlock()
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	fmt.Fprint(w, rep.body)
}

// received returns the bodies posted so far.
func (s *script) received() []wireMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]wireMessage(nil), s.bodies...)
}

// target is one way of sending: through the bot or a webhook.
type target struct {
	name string
	send func(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error
}

// targets returns a bot and a webhook pointed at srv, logging to logs.
func targets(tb testing.TB, srv *httptest.Server, deadline time.Duration, logs *bytes.Buffer) []target {
	tb.Helper()
	opts := Options{Token: testToken, APIBase: srv.URL, SendDeadline: deadline,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	bot, err := NewBot(opts, nopBackend{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { bot.Close() })
	wh, err := NewWebhook("https://discord.com/api/webhooks/200000000000000002/"+testWebhookToken, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return []target{
		{"bot", bot.Channel(testChannel).Send},
		{"webhook", wh.Send},
	}
}

func TestSendClassifiesFailures(t *testing.T) {
	tooMany := func(after string) reply {
		return reply{status: 429, header: map[string]string{"Retry-After": after},
			body: `{"message":"You are being rate limited.","retry_after":` + after + `,"global":false}`}
	}
	tests := []struct {
		name      string
		replies   []reply
		always    *reply
		deadline  time.Duration
		wantPosts int
		wantErr   func(error) bool
	}{
		{"429 then success", []reply{tooMany("0.05")}, nil, 5 * time.Second, 2, isNil},
		{"429 without json body then success", []reply{{status: 429, header: map[string]string{"Retry-After": "0.05"}, body: "slow down"}}, nil, 5 * time.Second, 2, isNil},
		{"502 then success", []reply{{status: 502, body: "bad gateway"}}, nil, 5 * time.Second, 2, isNil},
		{"500 twice then success", []reply{{status: 500, body: `{"message":"x","code":0}`}, {status: 503}}, nil, 5 * time.Second, 3, isNil},
		{"404 unknown channel", []reply{{status: 404, body: `{"message":"Unknown Channel","code":10003}`}}, nil, 5 * time.Second, 1, isPermanent(404, 10003)},
		{"404 unknown webhook", []reply{{status: 404, body: `{"message":"Unknown Webhook","code":10015}`}}, nil, 5 * time.Second, 1, isPermanent(404, 10015)},
		{"403 missing access", []reply{{status: 403, body: `{"message":"Missing Access","code":50001}`}}, nil, 5 * time.Second, 1, isPermanent(403, 50001)},
		{"400 invalid form body", []reply{{status: 400, body: `{"message":"Invalid Form Body","code":50035}`}}, nil, 5 * time.Second, 1, isRejected(400)},
		{"429 storm past the deadline", nil, &reply{status: 429, header: map[string]string{"Retry-After": "0.2"},
			body: `{"message":"You are being rate limited.","retry_after":0.2,"global":false}`}, 700 * time.Millisecond, 0, isTransient},
		{"502 storm past the deadline", nil, &reply{status: 502}, 600 * time.Millisecond, 0, isTransient},
	}
	for _, tt := range tests {
		for i := range 2 {
			var logs bytes.Buffer
			s := newScript(t, tt.replies...)
			s.always = tt.always
			tg := targets(t, s.srv, tt.deadline, &logs)[i]
			t.Run(tt.name+"/"+tg.name, func(t *testing.T) {
				start := time.Now()
				err := tg.send(context.Background(), smallDigest(wirewatch.KindDigest), notify.Discard{})
				if !tt.wantErr(err) {
					t.Fatalf("Send() error = %v (%T), not what the case wants", err, err)
				}
				if took := time.Since(start); took > tt.deadline+time.Second {
					t.Errorf("Send took %v, want within the deadline %v", took, tt.deadline)
				}
				got := s.received()
				if tt.wantPosts > 0 && len(got) != tt.wantPosts {
					t.Errorf("posts = %d, want %d", len(got), tt.wantPosts)
				}
				for _, m := range got {
					if m.Nonce != got[0].Nonce || !m.EnforceNonce {
						t.Errorf("retry nonce %q enforce %v, want %q enforced", m.Nonce, m.EnforceNonce, got[0].Nonce)
					}
					if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
						t.Errorf("allowed_mentions = %+v, want parse []", m.AllowedMentions)
					}
				}
				assertNoSecrets(t, logs.String(), err)
			})
		}
	}
}

func isNil(err error) bool { return err == nil }

// isPermanent wants a *notify.PermanentError from Discord's status and
// code; 404s are gone.
func isPermanent(status, code int) func(error) bool {
	return func(err error) bool {
		var pe *notify.PermanentError
		var ae *APIError
		return errors.As(err, &pe) && pe.Gone == (status == 404) && errors.As(err, &ae) && ae.Status == status && ae.Code == code
	}
}

// isRejected wants the message refused on its own: a
// *notify.RejectedError and nothing that stopped the delivery.
func isRejected(status int) func(error) bool {
	return func(err error) bool {
		var ae *APIError
		return len(notify.Rejections(err)) == 1 && notify.Stopped(err) == nil && errors.As(err, &ae) && ae.Status == status
	}
}

// isTransient wants a failure worth retrying later: neither permanent nor
// a refusal.
func isTransient(err error) bool {
	var pe *notify.PermanentError
	return err != nil && !errors.As(err, &pe) && len(notify.Rejections(err)) == 0
}

// assertNoSecrets fails tb when the bot token or webhook token appears in
// logs or in err.
func assertNoSecrets(tb testing.TB, logs string, err error) {
	tb.Helper()
	for _, secret := range []string{testToken, testWebhookToken} {
		if strings.Contains(logs, secret) {
			tb.Errorf("logs contain a secret:\n%s", logs)
		}
		if err != nil && (strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", err), secret)) {
			tb.Errorf("error %q contains a secret", err)
		}
	}
}

// progressLog is a notify.Progress that keeps what it was told.
type progressLog struct {
	mu                sync.Mutex
	sending, accepted []notify.Part
	ids               []string
}

func (p *progressLog) Sending(_ context.Context, part notify.Part) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sending = append(p.sending, part)
	return nil
}

func (p *progressLog) Accepted(_ context.Context, part notify.Part, id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.accepted = append(p.accepted, part)
	p.ids = append(p.ids, id)
	return nil
}

// storyIDs lists the ids of the stories of parts.
func storyIDs(parts ...notify.Part) string {
	var ids []string
	for _, p := range parts {
		for _, it := range p.Stories() {
			ids = append(ids, it.ID)
		}
	}
	return strings.Join(ids, ",")
}

// Each message is reported as it lands; a destination that becomes
// forbidden stops the delivery with a permanent error, and the messages
// after it are never tried.
func TestSendReportsEachMessageAndStops(t *testing.T) {
	d := bigDigest(60, wirewatch.KindDigest)
	msgs := Messages(d)
	if len(msgs) < 4 {
		t.Fatalf("digest renders to %d messages, want at least 4", len(msgs))
	}
	for i := range 2 {
		replies := []reply{{status: 200, body: `{"id":"700000000000000001"}`}, {status: 200, body: `{"id":"700000000000000002"}`},
			{status: 403, body: `{"message":"Missing Permissions","code":50013}`}}
		var logs bytes.Buffer
		s := newScript(t, replies...)
		tg := targets(t, s.srv, time.Second, &logs)[i]
		var p progressLog
		err := tg.send(context.Background(), d, &p)
		var partial *notify.PartialError
		if !errors.As(err, &partial) || !isPermanent(403, 50013)(err) {
			t.Fatalf("%s: Send() error = %v, want a permanent 403 inside a *notify.PartialError", tg.name, err)
		}
		if got, want := storyIDs(p.accepted...), storyIDs(msgs[0].Part, msgs[1].Part); got != want {
			t.Errorf("%s: accepted %s, want the first two messages' %s", tg.name, got, want)
		}
		if partial.Delivered != msgs[0].Part.Len()+msgs[1].Part.Len() {
			t.Errorf("%s: Delivered = %d, want %d", tg.name, partial.Delivered, msgs[0].Part.Len()+msgs[1].Part.Len())
		}
		if fmt.Sprint(p.ids) != "[700000000000000001 700000000000000002]" {
			t.Errorf("%s: message ids = %v, want Discord's", tg.name, p.ids)
		}
		if len(p.sending) != 3 || len(s.received()) != 3 {
			t.Errorf("%s: tried %d messages (%d posts), want 3: none after the permanent failure", tg.name, len(p.sending), len(s.received()))
		}
	}
}

// A message Discord refuses (400) costs only its own stories: the next
// messages are sent, and the refusal names the stories it carried.
func TestSendRejectedMessageGoesOn(t *testing.T) {
	d := bigDigest(60, wirewatch.KindDigest)
	msgs := Messages(d)
	for i := range 2 {
		replies := []reply{{status: 200, body: "{}"}, {status: 400, body: `{"message":"Invalid Form Body","code":50035}`}}
		var logs bytes.Buffer
		s := newScript(t, replies...)
		tg := targets(t, s.srv, time.Second, &logs)[i]
		var p progressLog
		err := tg.send(context.Background(), d, &p)
		rej := notify.Rejections(err)
		if len(rej) != 1 || notify.Stopped(err) != nil {
			t.Fatalf("%s: Send() error = %v, want one rejection and nothing that stopped it", tg.name, err)
		}
		if got, want := storyIDs(rej[0].Part), storyIDs(msgs[1].Part); got != want {
			t.Errorf("%s: rejected stories %s, want message 2's %s", tg.name, got, want)
		}
		var rest []notify.Part
		for j, m := range msgs {
			if j != 1 {
				rest = append(rest, m.Part)
			}
		}
		if got, want := storyIDs(p.accepted...), storyIDs(rest...); got != want {
			t.Errorf("%s: accepted %s, want every other message's %s", tg.name, got, want)
		}
	}
}

func TestSendCancelled(t *testing.T) {
	var logs bytes.Buffer
	s := newScript(t)
	s.always = &reply{status: 503}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	for _, tg := range targets(t, s.srv, time.Minute, &logs) {
		start := time.Now()
		err := tg.send(ctx, smallDigest(wirewatch.KindDigest), notify.Discard{})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: Send() error = %v, want context.DeadlineExceeded", tg.name, err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: Send took %v after its context ended", tg.name, took)
		}
	}
}

func TestSendOtherChannelsNotBlocked(t *testing.T) {
	// One channel stalls on a long rate limit while another delivers.
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if strings.Contains(r.URL.Path, "/channels/100000000000000001/") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(429)
			fmt.Fprint(w, `{"message":"slow","retry_after":0.3}`)
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	defer srv.Close()
	bot, err := NewBot(Options{Token: testToken, APIBase: srv.URL, SendDeadline: 2 * time.Second}, nopBackend{})
	if err != nil {
		t.Fatal(err)
	}
	defer bot.Close()
	slow := make(chan error, 1)
	go func() {
		slow <- bot.Channel("100000000000000001").Send(context.Background(), smallDigest(wirewatch.KindDigest), notify.Discard{})
	}()
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if err := bot.Channel("100000000000000002").Send(context.Background(), smallDigest(wirewatch.KindDigest), notify.Discard{}); err != nil {
		t.Fatalf("Send to a healthy channel: %v", err)
	}
	if took := time.Since(start); took > 200*time.Millisecond {
		t.Errorf("healthy channel took %v while another was rate limited", took)
	}
	if err := <-slow; !isTransient(err) {
		t.Errorf("rate-limited channel error = %v, want a failure to retry later", err)
	}
}

func TestNewWebhookRejectsBadURLs(t *testing.T) {
	tests := []struct {
		url     string
		apiBase string
		ok      bool
	}{
		{"https://discord.com/api/webhooks/123/" + testWebhookToken, "", true},
		{"https://discordapp.com/api/v10/webhooks/123/" + testWebhookToken, "", true},
		{"http://discord.com/api/webhooks/123/" + testWebhookToken, "", false},
		{"https://evil.example/api/webhooks/123/" + testWebhookToken, "", false},
		{"https://discord.com/api/webhooks/abc/" + testWebhookToken, "", false},
		{"https://discord.com/api/webhooks/123/" + testWebhookToken + "/extra", "", false},
		{"http://127.0.0.1:9/api/v9/webhooks/123/" + testWebhookToken, "http://127.0.0.1:9", true},
		{"http://127.0.0.1:8/api/v9/webhooks/123/" + testWebhookToken, "http://127.0.0.1:9", false},
		{"::not a url " + testWebhookToken, "", false},
	}
	for _, tt := range tests {
		_, err := NewWebhook(tt.url, Options{APIBase: tt.apiBase})
		if got := err == nil; got != tt.ok {
			t.Errorf("NewWebhook(%q) error = %v, want ok %v", redact(tt.url), err, tt.ok)
		}
		assertNoSecrets(t, "", err)
	}
}

func TestNetworkErrorRedacted(t *testing.T) {
	// A closed server gives a *url.Error naming the webhook URL.
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	var logs bytes.Buffer
	tgs := targets(t, srv, 300*time.Millisecond, &logs)
	for _, tg := range tgs {
		err := tg.send(context.Background(), smallDigest(wirewatch.KindDigest), notify.Discard{})
		if err == nil {
			t.Fatalf("%s: Send to a closed server succeeded", tg.name)
		}
		assertNoSecrets(t, logs.String(), err)
	}
	if !strings.Contains(logs.String(), "REDACTED") {
		t.Errorf("logs do not show the redacted webhook url:\n%s", logs.String())
	}
}

// nopBackend is a Backend with nothing in it.
type nopBackend struct{}

func (nopBackend) Topics() []wirewatch.TopicInfo { return nil }
func (nopBackend) TopicCounts(context.Context, time.Time) (map[string]int, error) {
	return nil, nil
}
func (nopBackend) Subscribe(context.Context, wirewatch.Subscription) (bool, error) { return false, nil }
func (nopBackend) Unsubscribe(context.Context, string, string) (bool, error)       { return false, nil }
func (nopBackend) Subscriptions(context.Context, string) ([]wirewatch.Subscription, error) {
	return nil, nil
}
func (nopBackend) DigestNow(context.Context, string) (int, error) { return 0, nil }
func (nopBackend) Status(context.Context, string) (wirewatch.Status, error) {
	return wirewatch.Status{}, nil
}
func (nopBackend) Preview(context.Context, string, string, int, bool) (*wirewatch.Digest, error) {
	return nil, nil
}
func (nopBackend) FeedNames() []string                                        { return nil }
func (nopBackend) Languages() []wirewatch.LanguageInfo                        { return nil }
func (nopBackend) StoriesShown(context.Context, string) (int, error)          { return 0, nil }
func (nopBackend) Curate(context.Context, wirewatch.Curation) (string, error) { return "", nil }
func (nopBackend) Trend(context.Context, string) (wirewatch.Trend, []byte, error) {
	return wirewatch.Trend{}, nil, nil
}
