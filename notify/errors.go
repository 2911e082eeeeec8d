package notify

import (
	"errors"
	"fmt"

	"github.com/wirewatch/wirewatch/internal/text"
)

// PermanentError is a failure that no retry fixes: the destination is
// gone (Gone: a deleted channel or webhook) or refuses this sender (a
// missing permission, a revoked token). Nothing more can be delivered to
// it until a person fixes the cause, so the output is disabled.
type PermanentError struct {
	// Gone is true when the destination no longer exists.
	Gone bool
	// Err is the destination's answer.
	Err error
}

// Error describes the failure.
func (e *PermanentError) Error() string {
	if e.Gone {
		return "destination gone: " + e.Err.Error()
	}
	return "destination refuses delivery: " + e.Err.Error()
}

// Unwrap returns the destination's answer.
func (e *PermanentError) Unwrap() error { return e.Err }

// RejectedError is one message the destination refused on its own merits
// (too long, malformed): sending it again unchanged would fail again.
// Outputs report it and go on with their next message; only the stories
// of Part are affected.
type RejectedError struct {
	// Part is what the refused message carried.
	Part Part
	// Err is the destination's reason.
	Err error
}

// Error describes the refusal.
func (e *RejectedError) Error() string {
	return fmt.Sprintf("message of %d %s rejected: %v", e.Part.Len(), text.Plural(e.Part.Len(), "story", "stories"), e.Err)
}

// Unwrap returns the destination's reason.
func (e *RejectedError) Unwrap() error { return e.Err }

// PartialError says a delivery stopped after some of its messages were
// accepted. Their stories were reported to Progress as they landed;
// Delivered counts them. Err is why the delivery stopped, and keeps its
// kind: a *PermanentError inside is still found by errors.As.
type PartialError struct {
	// Delivered counts the stories accepted before the delivery stopped.
	Delivered int
	// Err is why it stopped.
	Err error
}

// Error describes the failure.
func (e *PartialError) Error() string {
	return fmt.Sprintf("delivered %d %s, then: %v", e.Delivered, text.Plural(e.Delivered, "story", "stories"), e.Err)
}

// Unwrap returns why the delivery stopped.
func (e *PartialError) Unwrap() error { return e.Err }

// Rejections returns every *RejectedError in err's tree, in order: an
// output that had several messages refused joins them with errors.Join.
func Rejections(err error) []*RejectedError {
	var out []*RejectedError
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *RejectedError:
			out = append(out, e)
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

// Stopped returns the part of err that stopped a delivery, leaving out
// the messages rejected on their own: nil when every message was either
// accepted or rejected.
func Stopped(err error) error {
	switch e := err.(type) {
	case nil, *RejectedError:
		return nil
	case interface{ Unwrap() []error }:
		var rest []error
		for _, inner := range e.Unwrap() {
			if s := Stopped(inner); s != nil {
				rest = append(rest, s)
			}
		}
		return errors.Join(rest...)
	default:
		return err
	}
}
