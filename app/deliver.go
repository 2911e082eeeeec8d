package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/digest"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// maxPerDelivery bounds the stories one digest takes from the outbox; the
// rest wait for the next one.
const maxPerDelivery = 500

// deliverConcurrency bounds the outputs served at once; the destinations'
// own rate limits (the Discord bot's global pace) bound the requests.
const deliverConcurrency = 32

// maxAttempts bounds how often a story is tried on one output before it
// moves to the failed stories that status lists.
const maxAttempts = 20

// DeliveryReport sums up one delivery pass, per output.
type DeliveryReport struct {
	// Delivered counts the stories shown in messages the outputs accepted.
	Delivered map[string]int
	// Counted counts the stories capped digests counted in "and N more"
	// without showing them.
	Counted map[string]int
	// Rejected counts stories an output refused even alone: they are kept
	// as failed, listed by status, and requeued by retry.
	Rejected map[string]int
	// Stopped holds, per output, why its delivery stopped before the end;
	// what it did not deliver stays queued for the next pass.
	Stopped map[string]error
	// Disabled holds the outputs that are disabled, with why, and Broken
	// those that could not be built.
	Disabled map[string]string
	Broken   map[string]error
}

// Incomplete reports whether anything owed was not delivered: an output
// stopped, refused stories, is disabled or could not be built.
func (r DeliveryReport) Incomplete() bool {
	return len(r.Stopped)+len(r.Rejected)+len(r.Disabled)+len(r.Broken) > 0
}

func newReport() DeliveryReport {
	return DeliveryReport{Delivered: map[string]int{}, Counted: map[string]int{}, Rejected: map[string]int{},
		Stopped: map[string]error{}, Disabled: map[string]string{}, Broken: map[string]error{}}
}

// Deliver sends each output's pending alerts, then its digest when its
// schedule is due (always, when force is set). Outputs are served side by
// side, so a slow or failing one never holds up the others. A story is
// marked delivered as soon as its output accepted the message that
// carried it. Disabled outputs are reported, and warned about, at every
// pass.
func (a *App) Deliver(ctx context.Context, force bool) (DeliveryReport, error) {
	outs, err := a.currentOutputs(ctx)
	if err != nil {
		return DeliveryReport{}, err
	}
	rep, err := a.deliverTo(ctx, outs, sortedNames(outs), force)
	if ctx.Err() == nil {
		a.announceFeeds(ctx, outs)
		if a.leading() {
			// One replica learns rates, posts spikes and edits alerts.
			a.checkSpikes(ctx, outs)
			a.growAlerts(ctx, outs)
		}
	}
	a.mu.RLock()
	for name, berr := range a.broken {
		rep.Broken[name] = berr
	}
	a.mu.RUnlock()
	for name, berr := range rep.Broken {
		if a.shouldWarn(name) {
			a.log.Warn("output cannot be used; fix the configuration", slog.String("output", name), slog.Any("error", berr))
		}
	}
	return rep, err
}

// warnEvery bounds how often one broken or disabled output is warned
// about while wirewatch runs; each once warns about it anew.
const warnEvery = time.Hour

// shouldWarn reports whether output's trouble is due to be warned about
// again, and records that it was.
func (a *App) shouldWarn(output string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if last, ok := a.warned[output]; ok && now.Sub(last) < warnEvery {
		return false
	}
	if a.warned == nil {
		a.warned = map[string]time.Time{}
	}
	a.warned[output] = now
	return true
}

func (a *App) deliverTo(ctx context.Context, outs map[string]*output, names []string, force bool) (DeliveryReport, error) {
	a.deliverMu.Lock()
	defer a.deliverMu.Unlock()
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		return DeliveryReport{}, err
	}
	rep := newReport()
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, deliverConcurrency)
	for _, name := range names {
		o := outs[name]
		if o == nil || o.sender == nil {
			continue
		}
		if reason, off := disabled[name]; off {
			rep.Disabled[name] = reason
			if a.shouldWarn(name) {
				a.log.Warn("output disabled: nothing is delivered to it until `wirewatch retry -output NAME` after the cause is fixed",
					slog.String("output", name), slog.String("reason", reason))
			}
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			r := a.deliverOutput(ctx, o, force)
			mu.Lock()
			defer mu.Unlock()
			r.into(&rep, o.name)
			if r.stopped != nil {
				a.log.Error("delivery stopped; what was not delivered stays queued", slog.String("output", o.name), slog.Any("error", r.stopped))
			}
			if r.disabled != "" {
				rep.Disabled[o.name] = r.disabled
			}
		}()
	}
	wg.Wait()
	return rep, ctx.Err()
}

// outcome is what delivering to one output did.
type outcome struct {
	delivered, counted, rejected int
	// stopped is why the delivery stopped early, if it did.
	stopped error
	// disabled is why the output was disabled during the delivery.
	disabled string
}

// add sums o into r.
func (r *outcome) add(o outcome) {
	r.delivered += o.delivered
	r.counted += o.counted
	r.rejected += o.rejected
	r.stopped = errors.Join(r.stopped, o.stopped)
	if o.disabled != "" {
		r.disabled = o.disabled
	}
}

// into records the outcome of output name in rep.
func (r outcome) into(rep *DeliveryReport, name string) {
	if r.delivered > 0 {
		rep.Delivered[name] += r.delivered
	}
	if r.counted > 0 {
		rep.Counted[name] += r.counted
	}
	if r.rejected > 0 {
		rep.Rejected[name] += r.rejected
	}
	if r.stopped != nil {
		rep.Stopped[name] = r.stopped
	}
}

// deliverOutput sends one output's alerts and, when due, its digest. A
// failure of the alerts does not hold up the digest.
func (a *App) deliverOutput(ctx context.Context, o *output, force bool) outcome {
	r := a.deliverKind(ctx, o, wirewatch.KindAlert)
	if r.disabled != "" {
		return r
	}
	now := a.now()
	last, err := a.store.LastDigest(ctx, o.name)
	if err != nil {
		r.stopped = errors.Join(r.stopped, err)
		return r
	}
	since := a.started
	a.mu.RLock()
	if a.dueWhenNever {
		since = time.Time{}
	}
	a.mu.RUnlock()
	if !force && !o.sched.Due(last, since, now) {
		return r
	}
	if !o.sched.Instant() && !a.leading() {
		// Scheduled digests are the leader's, so that one replica decides
		// when each is due; instant outputs are anyone's.
		return r
	}
	d := a.deliverKind(ctx, o, wirewatch.KindDigest)
	if d.stopped == nil && d.disabled == "" {
		d.stopped = a.store.SetLastDigest(ctx, o.name, now)
	}
	r.add(d)
	return r
}

// deliverKind sends the pending rows of one kind. Rows tried before and
// still pending were in flight when an earlier try ended, perhaps in a
// crash after the output accepted them: they go first, as a batch of
// their own, so that the retry is the same message as before and Discord
// recognises it by its nonce. A batch that stops keeps the rest for the
// next pass, in order.
func (a *App) deliverKind(ctx context.Context, o *output, kind wirewatch.Kind) outcome {
	pend, release, err := a.pending(ctx, o.name, kind)
	if err != nil || len(pend) == 0 {
		return outcome{stopped: err}
	}
	defer release()
	held := false
	if kind == wirewatch.KindAlert {
		// One alert per event: see oncePerEvent.
		if pend, held, err = a.oncePerEvent(ctx, o, pend); err != nil {
			return outcome{stopped: err}
		}
	}
	var retry, fresh []store.Pending
	for _, p := range pend {
		if p.Attempts > 0 {
			retry = append(retry, p)
		} else {
			fresh = append(fresh, p)
		}
	}
	var total outcome
	for _, batch := range [][]store.Pending{retry, fresh} {
		if len(batch) == 0 {
			continue
		}
		r := a.sendBatch(ctx, o, kind, batch)
		total.add(r)
		if r.stopped != nil || r.disabled != "" {
			return total
		}
	}
	if held {
		// The alerts of their events have landed: the stories held back
		// are done with them.
		if rest, err := a.store.Pending(ctx, o.name, kind, maxPerDelivery); err != nil {
			total.stopped = err
		} else if _, _, err := a.oncePerEvent(ctx, o, rest); err != nil {
			total.stopped = err
		}
	}
	return total
}

// sendBatch sends one digest built from pend. Each message is marked as
// the output accepts it; a message the destination refuses is tried again
// one story at a time; a delivery that stops leaves what it did not send
// pending.
func (a *App) sendBatch(ctx context.Context, o *output, kind wirewatch.Kind, pend []store.Pending) outcome {
	items := make([]*wirewatch.Item, len(pend))
	for i, p := range pend {
		items[i] = p.Item
	}
	l := a.newLedger(o, kind, pend)
	err := o.sender.Send(ctx, a.digestFor(o, kind, items), l)
	for _, rej := range notify.Rejections(err) {
		if stop := a.sendAlone(ctx, o, kind, rej, l); stop != nil {
			err = errors.Join(notify.Stopped(err), stop)
			break
		}
	}
	r := outcome{delivered: l.delivered, counted: l.counted, rejected: l.rejected}
	stop := notify.Stopped(err)
	if stop == nil {
		return r
	}
	// What the output accepted was marked as it landed, even if ctx is
	// ending; the failure is recorded the same way.
	bg := context.WithoutCancel(ctx)
	var perm *notify.PermanentError
	a.metrics.DeliveryFailed(o.name, errors.As(stop, &perm))
	if errors.As(stop, &perm) {
		r.disabled = perm.Error()
		if err := a.store.DisableOutput(bg, o.name, r.disabled); err != nil {
			a.log.Error("output not disabled", slog.String("output", o.name), slog.Any("error", err))
		}
		a.log.Error("output disabled: its destination is gone or refuses delivery; fix it, then run `wirewatch retry -output NAME`",
			slog.String("output", o.name), slog.Any("error", stop))
		// Its stories stay pending, for when it is enabled again.
		return r
	}
	r.stopped = stop
	l.failTried(bg, stop.Error())
	return r
}

// sendAlone sends the stories of a refused message one digest each, once.
// A story refused again is kept as failed with the destination's reason.
// It returns why the output stopped, if it did.
func (a *App) sendAlone(ctx context.Context, o *output, kind wirewatch.Kind, rej *notify.RejectedError, l *ledger) error {
	for _, it := range rej.Part.Stories() {
		d := a.digestFor(o, kind, []*wirewatch.Item{withoutCopies(it)})
		err := o.sender.Send(ctx, d, l)
		if again := notify.Rejections(err); len(again) > 0 {
			l.fail(context.WithoutCancel(ctx), it, again[0].Err)
		}
		if stop := notify.Stopped(err); stop != nil {
			return stop
		}
	}
	return nil
}

// digestFor builds the digest of items for an output.
func (a *App) digestFor(o *output, kind wirewatch.Kind, items []*wirewatch.Item) *wirewatch.Digest {
	cfg := a.Config()
	var order []wirewatch.TopicInfo
	if cfg.Matcher != nil {
		order = cfg.Matcher.Topics()
	}
	d := digest.Build(items, digest.Options{Output: o.name, Kind: kind, Topics: o.topics, Order: order,
		MaxPerGroup: o.maxPerGroup, Fold: o.fold, Languages: readerLanguages(o, cfg), Now: a.now()})
	if o.mention != "" {
		// The output's role replaces the topics' on alerts, and is
		// mentioned by digests too.
		for i := range d.Groups {
			d.Groups[i].Mention = o.mention
		}
	}
	return d
}

// readerLanguages returns the languages an output's readers read, most
// wanted first: its filter's, then digest.languages.
func readerLanguages(o *output, cfg *config.Config) []string {
	return append(slices.Clone(o.filter.Languages), cfg.Digest.Languages...)
}

// withoutCopies returns the story alone, without the copies a digest
// folded into it: each is sent on its own.
func withoutCopies(it *wirewatch.Item) *wirewatch.Item {
	cp := *it
	cp.Also = nil
	return &cp
}

// ledger is the notify.Progress of one batch: it marks the batch's outbox
// rows as the output tries and accepts its messages.
type ledger struct {
	a      *App
	output string
	kind   wirewatch.Kind
	// rows maps a story (feed and id) to its outbox row.
	rows map[storyKey]*store.Pending
	// tried holds the rows of messages tried and not yet accepted.
	tried map[int64]*store.Pending

	mu                           sync.Mutex
	delivered, counted, rejected int
}

// storyKey identifies a story across feeds.
type storyKey struct{ feed, id string }

func (a *App) newLedger(o *output, kind wirewatch.Kind, pend []store.Pending) *ledger {
	l := &ledger{a: a, output: o.name, kind: kind, rows: map[storyKey]*store.Pending{}, tried: map[int64]*store.Pending{}}
	for i := range pend {
		p := &pend[i]
		l.rows[storyKey{p.Item.Feed, p.Item.ID}] = p
	}
	return l
}

// ids returns the outbox rows of stories.
func (l *ledger) ids(stories []*wirewatch.Item) []int64 {
	var ids []int64
	for _, it := range stories {
		if p, ok := l.rows[storyKey{it.Feed, it.ID}]; ok {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// Sending counts an attempt on the part's rows before the message is
// tried: a row still pending with attempts was in flight when a run
// ended, and goes first next time.
func (l *ledger) Sending(ctx context.Context, part notify.Part) error {
	ids := l.ids(part.Stories())
	if err := l.a.store.MarkAttempt(ctx, ids); err != nil {
		return fmt.Errorf("record attempt: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, it := range part.Stories() {
		if p, ok := l.rows[storyKey{it.Feed, it.ID}]; ok {
			p.Attempts++
			l.tried[p.ID] = p
		}
	}
	return nil
}

// Accepted marks the part's rows done as soon as the output accepted the
// message: shown stories delivered, counted ones counted. It marks even
// when ctx is ending, so that a restart does not send them again.
func (l *ledger) Accepted(ctx context.Context, part notify.Part, id string) error {
	bg := context.WithoutCancel(ctx)
	now := l.a.now()
	shown, counted := l.ids(part.Shown), l.ids(part.Counted)
	if err := l.a.store.MarkDelivered(bg, shown, now, id); err != nil {
		return fmt.Errorf("mark delivered: %w", err)
	}
	if err := l.a.store.MarkCounted(bg, counted, now, id); err != nil {
		return fmt.Errorf("mark counted: %w", err)
	}
	if id != "" {
		// A reaction or a pick on the message names a story by its place.
		if err := l.a.store.SetPlaces(bg, l.places(part.Shown)); err != nil {
			return fmt.Errorf("record places: %w", err)
		}
		if l.kind == wirewatch.KindAlert {
			l.a.recordAlerts(bg, l.output, id, part.Shown)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, ids := range [][]int64{shown, counted} {
		for _, id := range ids {
			delete(l.tried, id)
		}
	}
	l.delivered += len(shown)
	l.counted += len(counted)
	l.a.metrics.Delivered(l.output, l.kind, len(shown)+len(counted))
	return nil
}

// places returns where the rows of shown stories stood in their message:
// each story shown counts from 1, and the copies shown with it (its Also,
// which follow it in shown) take its place.
func (l *ledger) places(shown []*wirewatch.Item) []store.Place {
	var (
		out  []store.Place
		pos  int
		lead *wirewatch.Item
	)
	for _, it := range shown {
		isCopy := lead != nil && slices.ContainsFunc(lead.Also, func(c *wirewatch.Item) bool {
			return c.Feed == it.Feed && c.ID == it.ID
		})
		if !isCopy {
			pos++
			lead = it
		}
		if p, ok := l.rows[storyKey{it.Feed, it.ID}]; ok {
			out = append(out, store.Place{ID: p.ID, Position: pos, Copy: isCopy})
		}
	}
	return out
}

// fail keeps a story its output refused even alone as failed, with the
// destination's reason.
func (l *ledger) fail(ctx context.Context, it *wirewatch.Item, reason error) {
	ids := l.ids([]*wirewatch.Item{it})
	if err := l.a.store.MarkFailed(ctx, ids, reason.Error(), true); err != nil {
		l.a.log.Error("failed delivery not recorded", slog.String("output", l.output), slog.Any("error", err))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		delete(l.tried, id)
	}
	l.rejected += len(ids)
	l.a.metrics.DeliveryFailed(l.output, true)
	l.a.log.Error("story refused by its output even alone; kept as failed", slog.String("output", l.output),
		slog.String("feed", it.Feed), slog.String("story", it.ID), slog.Any("error", reason))
}

// failTried records why the delivery stopped on the rows that were tried
// and not accepted; they stay pending for another try, until they have
// been tried maxAttempts times. Rows never tried are left as they were.
func (l *ledger) failTried(ctx context.Context, msg string) {
	l.mu.Lock()
	var keep, drop []int64
	for id, p := range l.tried {
		if p.Attempts >= maxAttempts {
			drop = append(drop, id)
		} else {
			keep = append(keep, id)
		}
	}
	l.mu.Unlock()
	for _, batch := range []struct {
		ids       []int64
		permanent bool
	}{{keep, false}, {drop, true}} {
		if err := l.a.store.MarkFailed(ctx, batch.ids, msg, batch.permanent); err != nil {
			l.a.log.Error("failed delivery not recorded", slog.String("output", l.output), slog.Any("error", err))
		}
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
	if err == nil && rep.Incomplete() {
		err = fmt.Errorf("delivery to this channel did not finish; what was not delivered stays queued")
	}
	return n, err
}
