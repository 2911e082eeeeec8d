package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/notify/discord"
	"github.com/wirewatch/wirewatch/store"
)

// maxPerDelivery bounds the stories one digest takes from the outbox; the
// rest wait for the next one.
const maxPerDelivery = 500

// DeliveryReport sums up one delivery pass.
type DeliveryReport struct {
	// Delivered counts stories accepted, per output.
	Delivered map[string]int
	// Failed counts outputs whose delivery failed.
	Failed int
}

// Deliver sends each output's pending alerts, then its digest when its
// schedule is due (always, when force is set). Outputs are served side by
// side, so a slow or failing one never holds up the others. A story is
// marked delivered only after its output accepted it.
func (a *App) Deliver(ctx context.Context, force bool) (DeliveryReport, error) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return DeliveryReport{}, err
	}
	rep, err := a.deliverTo(ctx, outs, sortedNames(outs), force)
	a.mu.RLock()
	rep.Failed += len(a.broken)
	a.mu.RUnlock()
	return rep, err
}

func (a *App) deliverTo(ctx context.Context, outs map[string]*output, names []string, force bool) (DeliveryReport, error) {
	a.deliverMu.Lock()
	defer a.deliverMu.Unlock()
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		return DeliveryReport{}, err
	}
	rep := DeliveryReport{Delivered: map[string]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, name := range names {
		o := outs[name]
		if o == nil || o.sender == nil {
			continue
		}
		if reason, off := disabled[name]; off {
			a.log.Debug("output disabled", slog.String("output", name), slog.String("reason", reason))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := a.deliverOutput(ctx, o, force)
			mu.Lock()
			defer mu.Unlock()
			if n > 0 {
				rep.Delivered[o.name] += n
			}
			if err != nil {
				rep.Failed++
				a.log.Error("delivery failed", slog.String("output", o.name), slog.Any("error", err))
			}
		}()
	}
	wg.Wait()
	return rep, ctx.Err()
}

// maxAttempts bounds how often a story is tried on one output before it
// moves to the failed stories that status lists.
const maxAttempts = 20

// deliverOutput sends one output's alerts and, when due, its digest. A
// failure of the alerts does not hold up the digest.
func (a *App) deliverOutput(ctx context.Context, o *output, force bool) (int, error) {
	n, alertErr := a.deliverKind(ctx, o, wirewatch.KindAlert)
	now := a.now()
	last, err := a.store.LastDigest(ctx, o.name)
	if err != nil {
		return n, errors.Join(alertErr, err)
	}
	since := a.started
	a.mu.RLock()
	if a.dueWhenNever {
		since = time.Time{}
	}
	a.mu.RUnlock()
	if !force && !o.sched.Due(last, since, now) {
		return n, alertErr
	}
	m, err := a.deliverKind(ctx, o, wirewatch.KindDigest)
	n += m
	if err == nil {
		err = a.store.SetLastDigest(ctx, o.name, now)
	}
	return n, errors.Join(alertErr, err)
}

// deliverKind sends the pending rows of one kind and marks what the output
// accepted. Rows tried before and still pending were in flight when an
// earlier try ended, perhaps in a crash after the output accepted them:
// they go first, as a batch of their own, so that the retry is the same
// digest as before and Discord recognises its messages by their nonces.
func (a *App) deliverKind(ctx context.Context, o *output, kind wirewatch.Kind) (int, error) {
	pend, err := a.store.Pending(ctx, o.name, kind, maxPerDelivery)
	if err != nil || len(pend) == 0 {
		return 0, err
	}
	var retry, fresh []store.Pending
	for _, p := range pend {
		if p.Attempts > 0 {
			retry = append(retry, p)
		} else {
			fresh = append(fresh, p)
		}
	}
	total := 0
	for _, batch := range [][]store.Pending{retry, fresh} {
		if len(batch) == 0 {
			continue
		}
		n, err := a.sendBatch(ctx, o, kind, batch)
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// sendBatch sends one digest built from pend and records the outcome.
func (a *App) sendBatch(ctx context.Context, o *output, kind wirewatch.Kind, pend []store.Pending) (int, error) {
	cfg := a.Config()
	items := make([]*wirewatch.Item, len(pend))
	ids := make([]int64, len(pend))
	for i, p := range pend {
		items[i] = p.Item
		ids[i] = p.ID
	}
	var order []wirewatch.TopicInfo
	if cfg.Matcher != nil {
		order = cfg.Matcher.Topics()
	}
	capped := cfg.Digest.MaxPerGroup
	if !o.capped {
		capped = 0
	}
	d := digest.Build(items, digest.Options{Output: o.name, Kind: kind, Topics: o.topics, Order: order, MaxPerGroup: capped, Cluster: o.capped, Now: a.now()})
	if err := a.store.MarkAttempt(ctx, ids); err != nil {
		return 0, err
	}
	sendErr := o.sender.Send(ctx, d)
	// What the output accepted is marked even if ctx is ending, so that a
	// restart does not send it again.
	bg := context.WithoutCancel(ctx)
	done, failed := ids, []int64(nil)
	if sendErr != nil {
		done = nil
		var pe *discord.PartialError
		accepted := map[*wirewatch.Item]bool{}
		if errors.As(sendErr, &pe) {
			for _, it := range pe.Delivered {
				accepted[it] = true
			}
		}
		for _, p := range pend {
			if accepted[p.Item] {
				done = append(done, p.ID)
			} else {
				failed = append(failed, p.ID)
			}
		}
	}
	if len(done) > 0 {
		if err := a.store.MarkDelivered(bg, done, a.now()); err != nil {
			return 0, fmt.Errorf("mark delivered: %w", err)
		}
	}
	if sendErr == nil {
		return len(done), nil
	}
	a.recordFailure(bg, o, pend, failed, sendErr)
	return len(done), sendErr
}

// recordFailure keeps the stories an output did not accept: pending for
// another try when the failure may pass, failed (kept and listed by
// status) when it will not, and the output disabled when its destination
// is gone.
func (a *App) recordFailure(ctx context.Context, o *output, pend []store.Pending, failed []int64, sendErr error) {
	var perm *discord.PermanentError
	var api *discord.APIError
	permanent := errors.As(sendErr, &perm) && perm.Status != http.StatusTooManyRequests
	// A request Discord rejects as malformed will be rejected again.
	rejected := errors.As(sendErr, &api) && api.Status >= 400 && api.Status < 500 && api.Status != http.StatusTooManyRequests
	attempts := map[int64]int{}
	for _, p := range pend {
		attempts[p.ID] = p.Attempts + 1
	}
	var keep, drop []int64
	for _, id := range failed {
		if permanent || rejected || attempts[id] >= maxAttempts {
			drop = append(drop, id)
		} else {
			keep = append(keep, id)
		}
	}
	for _, batch := range []struct {
		ids       []int64
		permanent bool
	}{{keep, false}, {drop, true}} {
		if err := a.store.MarkFailed(ctx, batch.ids, sendErr.Error(), batch.permanent); err != nil {
			a.log.Error("failed delivery not recorded", slog.String("output", o.name), slog.Any("error", err))
		}
	}
	if permanent && perm.Gone() {
		reason := "Discord no longer knows this destination (404): " + sendErr.Error()
		if err := a.store.DisableOutput(ctx, o.name, reason); err != nil {
			a.log.Error("output not disabled", slog.String("output", o.name), slog.Any("error", err))
		}
		a.log.Error("output disabled: its Discord channel or webhook is gone", slog.String("output", o.name), slog.Any("error", sendErr))
	}
}

// deliverChannel delivers the pending digests of one Discord channel now.
func (a *App) deliverChannel(ctx context.Context, channel string) (int, error) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, name := range sortedNames(outs) {
		if outs[name].channel == channel {
			names = append(names, name)
		}
	}
	rep, err := a.deliverTo(ctx, outs, names, true)
	n := 0
	for _, c := range rep.Delivered {
		n += c
	}
	if err == nil && rep.Failed > 0 {
		err = fmt.Errorf("delivery to this channel failed; it will be retried")
	}
	return n, err
}
