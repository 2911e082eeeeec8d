package discord

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/wirewatch/wirewatch"
)

// Discord JSON error codes the package acts on. See
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes.
const (
	codeUnknownChannel = 10003
	codeUnknownWebhook = 10015
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

// PermanentError is a delivery failure that retrying will not fix: the
// channel or webhook is unknown or forbidden (401, 403, 404), or Discord
// kept rate limiting past the send deadline. Outputs should keep the
// stories pending and report the failure; a webhook whose Code is 10015 is
// gone for good.
type PermanentError struct {
	// Status is the HTTP status of the last response.
	Status int
	// Code is Discord's JSON error code, or 0.
	Code int
	// Err is the underlying error.
	Err error
}

// Error describes the failure.
func (e *PermanentError) Error() string {
	return "discord: permanent failure: " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// Gone reports whether the channel or webhook no longer exists (404,
// Unknown Channel, Unknown Webhook), so that the output should be disabled
// rather than retried.
func (e *PermanentError) Gone() bool {
	return e.Status == http.StatusNotFound || e.Code == codeUnknownChannel || e.Code == codeUnknownWebhook
}

// PartialError reports that the first messages of a digest were accepted
// and a later one failed. Stories in Delivered may be marked delivered; the
// others stay pending.
type PartialError struct {
	// Delivered are the stories of the messages Discord accepted, the
	// same pointers as in the digest.
	Delivered []*wirewatch.Item
	// Err is why the next message failed.
	Err error
}

// Error describes the failure.
func (e *PartialError) Error() string {
	return fmt.Sprintf("discord: delivered %d %s before failing: %v",
		len(e.Delivered), plural(len(e.Delivered), "story", "stories"), e.Err)
}

// Unwrap returns the underlying error.
func (e *PartialError) Unwrap() error { return e.Err }

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

// classify decides what a failed attempt means: retry after wait, or give
// up with a permanent error.
func classify(err error) (wait time.Duration, retry bool, perm *PermanentError) {
	var ae *APIError
	if !errors.As(err, &ae) {
		// Network errors and unreadable responses are worth another try.
		return 0, true, nil
	}
	switch {
	case ae.Status == http.StatusTooManyRequests:
		return ae.RetryAfter, true, nil
	case ae.Status >= 500:
		return 0, true, nil
	case ae.Status == http.StatusUnauthorized, ae.Status == http.StatusForbidden, ae.Status == http.StatusNotFound,
		ae.Code == codeUnknownChannel, ae.Code == codeUnknownWebhook:
		return 0, false, &PermanentError{Status: ae.Status, Code: ae.Code, Err: ae}
	default:
		return 0, false, nil
	}
}
