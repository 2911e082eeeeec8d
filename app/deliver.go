package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/notify/discord"
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
	return a.deliverTo(ctx, outs, sortedNames(outs), force)
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

// deliverOutput sends one output's alerts and, when due, its digest.
func (a *App) deliverOutput(ctx context.Context, o *output, force bool) (int, error) {
	n, err := a.deliverKind(ctx, o, "alert")
	if err != nil {
		return n, err
	}
	now := a.now()
	last, err := a.store.LastDigest(ctx, o.name)
	if err != nil {
		return n, err
	}
	if !force && !o.sched.Due(last, a.started, now) {
		return n, nil
	}
	m, err := a.deliverKind(ctx, o, "digest")
	n += m
	if err != nil {
		return n, err
	}
	if err := a.store.SetLastDigest(ctx, o.name, now); err != nil {
		return n, err
	}
	return n, nil
}

// deliverKind sends the pending rows of one kind as one digest and marks
// what the output accepted.
func (a *App) deliverKind(ctx context.Context, o *output, kind string) (int, error) {
	pend, err := a.store.Pending(ctx, o.name, kind, maxPerDelivery)
	if err != nil || len(pend) == 0 {
		return 0, err
	}
	cfg := a.Config()
	items := make([]*wirewatch.Item, len(pend))
	for i, p := range pend {
		items[i] = p.Item
	}
	var order []wirewatch.TopicInfo
	if cfg.Matcher != nil {
		order = cfg.Matcher.Topics()
	}
	d := digest.Build(items, digest.Options{Output: o.name, Kind: kind, Topics: o.topics, Order: order, MaxPerGroup: cfg.Digest.MaxPerGroup, Now: a.now()})
	sendErr := o.sender.Send(ctx, d)
	ids := make([]int64, 0, len(pend))
	var failed []int64
	if sendErr == nil {
		for _, p := range pend {
			ids = append(ids, p.ID)
		}
	} else {
		var pe *discord.PartialError
		delivered := map[string]bool{}
		if errors.As(sendErr, &pe) {
			for _, id := range pe.Delivered {
				delivered[id] = true
			}
		}
		for _, p := range pend {
			if delivered[p.Item.ID] {
				ids = append(ids, p.ID)
			} else {
				failed = append(failed, p.ID)
			}
		}
	}
	if len(ids) > 0 {
		// The output accepted these: mark them even if ctx is ending, so a
		// restart does not send them again.
		if err := a.store.MarkDelivered(context.WithoutCancel(ctx), ids, a.now()); err != nil {
			return 0, fmt.Errorf("mark delivered: %w", err)
		}
	}
	if sendErr != nil {
		// Unknown or forbidden destinations move the stories to failed,
		// kept and shown by status; anything else stays pending for retry.
		var perm *discord.PermanentError
		permanent := errors.As(sendErr, &perm) && perm.Status != http.StatusTooManyRequests
		if err := a.store.MarkFailed(context.WithoutCancel(ctx), failed, sendErr.Error(), permanent); err != nil {
			a.log.Error("failed delivery not recorded", slog.String("output", o.name), slog.Any("error", err))
		}
		if permanent && perm.Gone() {
			reason := "Discord no longer knows this destination (404): " + sendErr.Error()
			if err := a.store.DisableOutput(context.WithoutCancel(ctx), o.name, reason); err != nil {
				a.log.Error("output not disabled", slog.String("output", o.name), slog.Any("error", err))
			}
			a.log.Error("output disabled: its Discord channel or webhook is gone", slog.String("output", o.name), slog.Any("error", sendErr))
		}
		return len(ids), sendErr
	}
	return len(ids), nil
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
