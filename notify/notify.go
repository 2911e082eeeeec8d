// Package notify owns delivery: the contract every output keeps and the
// local outputs that keep it. An output (a Sender) delivers a digest
// message by message and reports each message's stories as the
// destination accepts it, so that they are marked delivered at once and a
// crash repeats at most the message in flight. Its failures come in the
// kinds this package names: permanent (the destination is gone or
// forbidden), rejected (this message, these stories), partial (these
// stories were accepted before it stopped) and retryable (anything else).
//
// Text writes readable digests to a terminal or a log and JSONLines
// appends one JSON object per story to a file. Discord lives in
// notify/discord, and any other destination belongs in a package of its
// own beside it.
package notify

import (
	"context"

	"github.com/wirewatch/wirewatch"
)

// Sender delivers digests to one destination. Send returns nil once every
// message of d was accepted. It tells p about each message before it first
// tries it and as soon as the destination accepted it, before it sends the
// next one; when p fails, Send stops and returns that error. A digest with
// nothing to show sends nothing.
type Sender interface {
	Send(ctx context.Context, d *wirewatch.Digest, p Progress) error
}

// Editor is a Sender whose alerts can be changed after they landed: an
// alert whose event grew says how widely the event is now carried instead
// of being posted again. EditAlert replaces the message with the given id
// (an id Progress.Accepted was given) by the alert of d, noting reach.
// Its failures come in this package's kinds: a *PermanentError when the
// message or its destination is gone or forbidden, a *RejectedError when
// the edit itself is refused; anything else may be tried again.
type Editor interface {
	EditAlert(ctx context.Context, messageID string, d *wirewatch.Digest, reach wirewatch.Reach) error
}

// Progress follows a delivery message by message.
type Progress interface {
	// Sending is called before the message carrying part is first tried.
	Sending(ctx context.Context, part Part) error
	// Accepted is called once the destination accepted the message
	// carrying part; id is the destination's id for the message when it
	// gives one, so that the message can be edited later.
	Accepted(ctx context.Context, part Part, id string) error
}

// Part is what one message carries.
type Part struct {
	// Shown are the stories the message shows, each followed by the
	// copies of it shown with it (Item.Also).
	Shown []*wirewatch.Item
	// Counted are the stories the message only counts, in "and N more".
	Counted []*wirewatch.Item
}

// Stories returns every story of the part: shown first, then counted.
func (p Part) Stories() []*wirewatch.Item {
	out := make([]*wirewatch.Item, 0, len(p.Shown)+len(p.Counted))
	return append(append(out, p.Shown...), p.Counted...)
}

// Len returns how many stories the part carries.
func (p Part) Len() int { return len(p.Shown) + len(p.Counted) }

// WholeDigest returns the part that carries all of d: the stories shown
// with their copies, and the stories only counted. Outputs that deliver a
// digest in one piece report it.
func WholeDigest(d *wirewatch.Digest) Part {
	var p Part
	for _, g := range d.Groups {
		for _, it := range g.Stories {
			p.Shown = append(append(p.Shown, it), it.Also...)
		}
		p.Counted = append(p.Counted, g.Rest...)
	}
	return p
}

// Discard is a Progress that records nothing, for deliveries nobody
// tracks (a preview, a test).
type Discard struct{}

// Sending does nothing.
func (Discard) Sending(context.Context, Part) error { return nil }

// Accepted does nothing.
func (Discard) Accepted(context.Context, Part, string) error { return nil }
