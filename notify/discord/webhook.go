package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/notify"
)

// webhookHosts are the hosts Discord serves webhooks from.
var webhookHosts = map[string]bool{
	"discord.com": true, "discordapp.com": true,
	"ptb.discord.com": true, "canary.discord.com": true,
}

// webhookPath matches /api[/vN]/webhooks/{id}/{token}.
var webhookPath = regexp.MustCompile(`^/api(?:/v\d+)?/webhooks/(\d{1,20})/([A-Za-z0-9_-]{1,128})/?$`)

// maxErrorBody caps how much of an error response is read.
const maxErrorBody = 64 << 10

// Webhook posts digests to one Discord webhook. It is safe for concurrent
// use; its String method never shows the token.
type Webhook struct {
	id       string
	endpoint string // execute URL; holds the token, never logged
	client   *http.Client
	send     sender
	log      *slog.Logger

	mu        sync.Mutex // guards the pacing below, never held across a request
	remaining int
	resetAt   time.Time
}

// NewWebhook returns a Webhook for a URL of the form
// https://discord.com/api/webhooks/{id}/{token}. When opts.APIBase is set,
// requests go there instead of to Discord. Errors never contain the token.
func NewWebhook(rawURL string, opts Options) (*Webhook, error) {
	opts = opts.withDefaults()
	m, tr, err := parseWebhook(rawURL, opts.APIBase)
	if err != nil {
		return nil, err
	}
	return &Webhook{
		id:       m[1],
		endpoint: discordgo.EndpointWebhookToken(m[1], m[2]) + "?wait=true",
		client:   &http.Client{Timeout: 30 * time.Second, Transport: tr},
		send:     sender{deadline: opts.SendDeadline, log: opts.Logger.With(slog.String("webhook_id", m[1])), rateLimited: opts.OnRateLimited},
		log:      opts.Logger.With(slog.String("webhook_id", m[1])),
	}, nil
}

// CheckWebhookURL checks that rawURL is a Discord webhook URL
// (https://discord.com/api/webhooks/ID/TOKEN, or on apiBase's host when it
// is set, for testing) and returns the webhook's id. Its errors never
// contain the token.
func CheckWebhookURL(rawURL, apiBase string) (id string, err error) {
	m, _, err := parseWebhook(rawURL, apiBase)
	if err != nil {
		return "", err
	}
	return m[1], nil
}

// parseWebhook validates a webhook URL and returns the id and token
// submatches and the transport for apiBase.
func parseWebhook(rawURL, apiBase string) ([]string, *transport, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, nil, errors.New("discord: webhook url does not parse")
	}
	m := webhookPath.FindStringSubmatch(u.Path)
	if m == nil {
		// The path is not echoed: a malformed one may still hold the token.
		return nil, nil, errors.New("discord: webhook url path must be /api/webhooks/{id}/{token}")
	}
	tr, err := newTransport(apiBase)
	if err != nil {
		return nil, nil, err
	}
	if tr.target == nil && (u.Scheme != "https" || !webhookHosts[u.Hostname()] || u.Port() != "") {
		return nil, nil, fmt.Errorf("discord: webhook url must be https on discord.com, got host %q", u.Host)
	}
	if tr.target != nil && (u.Scheme != "https" || !webhookHosts[u.Hostname()]) &&
		(u.Scheme != tr.target.Scheme || u.Host != tr.target.Host) {
		return nil, nil, fmt.Errorf("discord: webhook url host %q is neither discord.com nor the api base", u.Host)
	}
	return m, tr, nil
}

// String names the webhook by id, without its token.
func (w *Webhook) String() string { return "discord webhook " + w.id }

// Send posts a digest to the webhook, message by message in order,
// keeping notify.Sender's contract; an unknown webhook is a
// *notify.PermanentError that is Gone.
func (w *Webhook) Send(ctx context.Context, d *wirewatch.Digest, p notify.Progress) error {
	msgs := Messages(d)
	if len(msgs) == 0 {
		return nil
	}
	start := time.Now()
	err := w.send.deliver(ctx, msgs, w.post, p)
	w.log.Info("discord digest sent", slog.String("output", d.Output), slog.Int("messages", len(msgs)),
		slog.Int("stories", d.Len()), slog.Duration("took", time.Since(start)), slog.Bool("ok", err == nil))
	return err
}

// post makes one attempt at executing the webhook with m, after waiting for
// the webhook's rate limit to allow it, and returns the posted message's
// id (the webhook is executed with wait=true, so Discord answers with the
// message).
func (w *Webhook) post(ctx context.Context, m Message) (string, error) {
	if err := w.pace(ctx); err != nil {
		return "", err
	}
	contentType, body := "application/json", []byte(nil)
	var err error
	if len(m.files) > 0 {
		contentType, body, err = m.multipart()
	} else {
		body, err = json.Marshal(m.wire())
	}
	if err != nil {
		return "", fmt.Errorf("discord: encode message: %w", err)
	}
	raw, err := w.request(ctx, http.MethodPost, w.endpoint, contentType, body)
	if err != nil {
		return "", err
	}
	return messageID(raw), nil
}

// request makes one request of the webhook's and returns the answer's
// body, or Discord's error as an *APIError; it records the rate limit.
func (w *Webhook) request(ctx context.Context, method, endpoint, contentType string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, safeError(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", "wirewatch (https://github.com/wirewatch/wirewatch)")
	resp, err := w.client.Do(req)
	if err != nil {
		return nil, safeError(err)
	}
	defer resp.Body.Close()
	w.release(resp.Header)
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		return raw, nil
	}
	return nil, w.apiError(resp)
}

// apiError reads Discord's error answer.
func (w *Webhook) apiError(resp *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var e struct {
		Code       int     `json:"code"`
		Message    string  `json:"message"`
		RetryAfter float64 `json:"retry_after"`
	}
	_ = json.Unmarshal(raw, &e)
	ae := &APIError{Status: resp.StatusCode, Code: e.Code, Message: e.Message}
	if resp.StatusCode == http.StatusTooManyRequests {
		ae.Scope = scopeOf(resp.Header)
		ae.RetryAfter = seconds(e.RetryAfter)
		if h := retryAfter(resp.Header); h > ae.RetryAfter {
			ae.RetryAfter = h
		}
	}
	return ae
}

// messageID reads the id of the message Discord answered with; "" when
// the answer holds none.
func messageID(raw []byte) string {
	var m struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &m) != nil || !IsSnowflake(m.ID) {
		return ""
	}
	return m.ID
}

// pace waits until the webhook's bucket has room, or reports a 429 when
// that is past ctx's deadline.
func (w *Webhook) pace(ctx context.Context) error {
	w.mu.Lock()
	var wait time.Duration
	if w.remaining <= 0 && !w.resetAt.IsZero() {
		wait = time.Until(w.resetAt)
	}
	w.mu.Unlock()
	return waitForRoom(ctx, wait)
}

// release records the rate-limit headers of a response.
func (w *Webhook) release(h http.Header) {
	rem, err1 := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	after, err2 := strconv.ParseFloat(h.Get("X-RateLimit-Reset-After"), 64)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err1 == nil {
		w.remaining = rem
	} else {
		w.remaining = 1
	}
	if err2 == nil {
		w.resetAt = time.Now().Add(seconds(after))
	}
}
