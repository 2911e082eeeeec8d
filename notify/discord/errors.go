package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/wirewatch/wirewatch/notify"
)

// Discord JSON error codes the package acts on. See
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes.
const (
	codeUnknownChannel    = 10003
	codeUnknownWebhook    = 10015
	codeCannotSendInForum = 40058
	codeNonTextChannel    = 50008
	codeArchivedThread    = 50083
	codeThreadLocked      = 160005
)

// APIError is an error response from Discord.
type APIError struct {
	// Status is the HTTP status code.
	Status int
	// Code is Discord's JSON error code, or 0 when the body had none.
	Code int
	// Message is Discord's error message, with any token redacted.
	Message string
	// RetryAfter is how long Discord asked to wait, for a 429.
	RetryAfter time.Duration
	// Scope is the scope of a 429 ("user", "global" or "shared"), from
	// X-RateLimit-Scope; "local" for a wait the bot's own pacing refused
	// before asking Discord.
	Scope string
}

// scopeOf reads the scope of a 429 from its headers.
func scopeOf(h http.Header) string {
	if h.Get("X-RateLimit-Global") == "true" {
		return "global"
	}
	return h.Get("X-RateLimit-Scope")
}

// Error describes the response.
func (e *APIError) Error() string {
	s := fmt.Sprintf("discord: http %d", e.Status)
	if e.Code != 0 {
		s += fmt.Sprintf(" code %d", e.Code)
	}
	if e.Message != "" {
		s += ": " + redact(e.Message)
	}
	return s
}

// secretPath matches the token part of webhook and interaction URLs.
var secretPath = regexp.MustCompile(`(/(?:webhooks|interactions)/[^/\s?"']+/)[^/\s?"']+`)

// redact replaces webhook and interaction tokens in s.
func redact(s string) string {
	return secretPath.ReplaceAllString(s, "${1}REDACTED")
}

// safeError returns err with every webhook or interaction token removed,
// keeping the chain when it is already safe. A *url.Error keeps its type
// with the URL redacted.
func safeError(err error) error {
	if err == nil {
		return nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		inner := ue.Err
		if redact(inner.Error()) != inner.Error() {
			inner = errors.New(redact(inner.Error()))
		}
		return &url.Error{Op: ue.Op, URL: redact(ue.URL), Err: inner}
	}
	if s := err.Error(); redact(s) != s {
		return errors.New(redact(s))
	}
	return err
}

// classify decides what a failed attempt means. It is the one place that
// reads Discord's statuses: a 429 waits as long as Discord asks, 5xx and
// network errors are retried with backoff, 401, 403 and 404 (and Unknown
// Channel or Webhook) mean the destination is forbidden or gone, and any
// other 4xx refuses this message on its own merits. final is non-nil when
// retrying cannot help.
func classify(err error) (wait time.Duration, final error) {
	var ae *APIError
	if !errors.As(err, &ae) {
		// Network errors and unreadable responses are worth another try.
		return 0, nil
	}
	switch {
	case ae.Status == http.StatusTooManyRequests:
		return ae.RetryAfter, nil
	case ae.Status >= 500:
		return 0, nil
	case ae.Status == http.StatusNotFound, ae.Code == codeUnknownChannel, ae.Code == codeUnknownWebhook:
		return 0, &notify.PermanentError{Gone: true, Err: ae}
	case ae.Status == http.StatusUnauthorized, ae.Status == http.StatusForbidden,
		// A forum or a locked thread takes no message from the bot: the
		// destination refuses every one, not this one.
		ae.Code == codeCannotSendInForum, ae.Code == codeNonTextChannel,
		ae.Code == codeArchivedThread, ae.Code == codeThreadLocked:
		return 0, &notify.PermanentError{Err: ae}
	case ae.Status >= 400:
		return 0, &notify.RejectedError{Err: ae}
	default:
		return 0, nil
	}
}
