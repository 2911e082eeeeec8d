package app

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/chart"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/store"
)

// Spike alerts compare a topic's stories and outlets of the last hour with
// what the store learned of the same hour of the day, or of the week once
// three weeks are known.
const (
	// learnedKey holds the last hour (hours since the Unix epoch) folded
	// into the topics' rates.
	learnedKey = "spikes/learned"
	// maxLearnHours bounds the hours learned at once, after a long stop.
	maxLearnHours = 7 * 24
	// smoothing is how many observations a rate averages before it starts
	// forgetting the oldest (an exponential average): eight days of an
	// hour of the day, eight weeks of an hour of the week.
	smoothing = 8
	// weekSlots is where the slots of the hours of the week start; slots
	// below are hours of the day.
	weekSlots = 100
	// minWeeks is how many weeks an hour of the week needs before it is
	// the baseline instead of the hour of the day.
	minWeeks = 3
	// sigmas is how many standard deviations above its usual rate a spike
	// must be, besides spikes.factor times it.
	sigmas = 3
	// trendSpan and trendStep shape the charts: 7 days in 6-hour steps.
	trendSpan = 7 * 24 * time.Hour
	trendStep = 6 * time.Hour
)

// spiker is an output that can post a spike alert with its chart: the
// Discord channels and webhooks.
type spiker interface {
	Spike(ctx context.Context, s *wirewatch.Spike) error
}

// spikeState is what the store keeps of a topic's spikes.
type spikeState struct {
	// Active is true while the topic stays past its usual rate: one
	// spike, one alert.
	Active bool `json:"active"`
	// Last is when the topic's last spike alert went out.
	Last time.Time `json:"last"`
}

func spikeStateKey(topic string) string { return "spikes/state/" + topic }

// hourOf returns the hour since the Unix epoch that t falls in.
func hourOf(t time.Time) int64 { return int64(math.Floor(float64(t.Unix()) / 3600)) }

// slotsOf returns the hour-of-day and hour-of-week slots of an hour since
// the epoch; weeks start on Monday 00:00 UTC (the epoch was a Thursday).
func slotsOf(h int64) (day, week int) {
	return int(h % 24), weekSlots + int((h+72)%168)
}

// observe adds an hour's counts to a rate.
func observe(r *store.Rate, stories, outlets float64) {
	r.Hours++
	w := 1 / float64(min(r.Hours, smoothing))
	r.Stories += w * (stories - r.Stories)
	r.StoriesSq += w * (stories*stories - r.StoriesSq)
	r.Outlets += w * (outlets - r.Outlets)
	r.OutletsSq += w * (outlets*outlets - r.OutletsSq)
}

// learnRates folds the hours that ended since the last time into each
// topic's rates, and returns the rates. The hour wirewatch first ran in is
// not learned: everything the feeds listed then arrived at once.
func (a *App) learnRates(ctx context.Context, cfg *config.Config, now time.Time) (map[string]map[int]store.Rate, error) {
	rates, err := a.store.Rates(ctx)
	if err != nil {
		return nil, err
	}
	cur := hourOf(now)
	v, ok, err := a.store.Get(ctx, learnedKey)
	if err != nil {
		return nil, err
	}
	last, perr := strconv.ParseInt(string(v), 10, 64)
	if !ok || perr != nil {
		return rates, a.store.Put(ctx, learnedKey, []byte(strconv.FormatInt(cur, 10)))
	}
	if last >= cur-1 {
		return rates, nil
	}
	from := max(last+1, cur-maxLearnHours)
	counts, err := a.store.TopicActivity(ctx, time.Unix(from*3600, 0), time.Unix(cur*3600, 0), time.Hour, time.Duration(cfg.Poll.MaxAge))
	if err != nil {
		return nil, err
	}
	seen := map[string]map[int]store.Count{}
	for _, c := range counts {
		if seen[c.Topic] == nil {
			seen[c.Topic] = map[int]store.Count{}
		}
		seen[c.Topic][c.Bucket] = c
	}
	var changed []store.Rate
	for _, t := range topicIDs(cfg) {
		if rates[t] == nil {
			rates[t] = map[int]store.Rate{}
		}
		touched := map[int]bool{}
		for h := from; h < cur; h++ {
			c := seen[t][int(h-from)]
			day, week := slotsOf(h)
			for _, slot := range []int{day, week} {
				r := rates[t][slot]
				r.Topic, r.Slot = t, slot
				observe(&r, float64(c.Stories), float64(c.Outlets))
				rates[t][slot] = r
				touched[slot] = true
			}
		}
		for slot := range touched {
			changed = append(changed, rates[t][slot])
		}
	}
	if err := a.store.SaveRates(ctx, changed, learnedKey, []byte(strconv.FormatInt(cur-1, 10))); err != nil {
		return nil, err
	}
	return rates, nil
}

// topicIDs returns the configured topics' ids.
func topicIDs(cfg *config.Config) []string {
	if cfg.Matcher == nil {
		return nil
	}
	var ids []string
	for _, t := range cfg.Matcher.Topics() {
		ids = append(ids, t.ID)
	}
	return ids
}

// baseline returns the rate a topic's last hour is compared with: its
// hour of the week once known for minWeeks weeks, else its hour of the day
// once known for minDays days; ok is false before that.
func baseline(rates map[int]store.Rate, h int64, minDays int) (store.Rate, bool) {
	day, week := slotsOf(h)
	if r := rates[week]; r.Hours >= minWeeks {
		return r, true
	}
	if r := rates[day]; r.Hours >= minDays {
		return r, true
	}
	return store.Rate{}, false
}

// past reports whether a count is a spike over a usual mean and mean
// square: at least least, factor times the mean and sigmas standard
// deviations above it.
func past(n int, mean, meanSq, factor float64, least int) bool {
	sd := math.Sqrt(max(0, meanSq-mean*mean))
	return n >= least && float64(n) > max(factor*mean, mean+sigmas*sd)
}

// checkSpikes learns the hours that ended, finds the topics whose last
// hour is a spike and posts one alert for each new spike to the outputs
// that take the topic's alerts. It runs once per poll.
func (a *App) checkSpikes(ctx context.Context, outs map[string]*output) {
	cfg := a.Config()
	if !a.afterPoll(&a.spikesChecked) || !cfg.Spikes.On() || cfg.Matcher == nil {
		return
	}
	spikes, err := a.Spikes(ctx)
	if err != nil {
		a.log.Warn("spikes not checked", slog.Any("error", err))
		return
	}
	for _, s := range spikes {
		a.postSpike(ctx, outs, s)
	}
}

// Spikes learns the hours that ended and returns the topics whose last
// hour is a new spike, each with its chart, recording that they were
// announced: each spike is returned once.
func (a *App) Spikes(ctx context.Context) ([]*wirewatch.Spike, error) {
	cfg := a.Config()
	now := a.now()
	rates, err := a.learnRates(ctx, cfg, now)
	if err != nil {
		return nil, fmt.Errorf("learn topic rates: %w", err)
	}
	counts, err := a.store.TopicActivity(ctx, now.Add(-time.Hour), now.Add(time.Nanosecond), time.Hour+time.Nanosecond, time.Duration(cfg.Poll.MaxAge))
	if err != nil {
		return nil, err
	}
	last := map[string]store.Count{}
	for _, c := range counts {
		last[c.Topic] = c
	}
	sc := cfg.Spikes
	minDays := int(time.Duration(sc.MinHistory) / (24 * time.Hour))
	var out []*wirewatch.Spike
	for _, t := range cfg.Matcher.Topics() {
		c := last[t.ID]
		base, known := baseline(rates[t.ID], hourOf(now.Add(-30*time.Minute)), minDays)
		spike := known && (past(c.Stories, base.Stories, base.StoriesSq, sc.Factor, sc.MinStories) ||
			past(c.Outlets, base.Outlets, base.OutletsSq, sc.Factor, sc.MinOutlets))
		var st spikeState
		if v, ok, err := a.store.Get(ctx, spikeStateKey(t.ID)); err != nil {
			return nil, err
		} else if ok {
			_ = json.Unmarshal(v, &st) // a state that does not decode starts afresh
		}
		fire := spike && !st.Active && now.Sub(st.Last) >= time.Duration(sc.Cooldown)
		if st.Active == spike && !fire {
			continue
		}
		st.Active = spike
		if fire {
			st.Last = now
			s := &wirewatch.Spike{Topic: t.ID, Name: t.Name, Mention: t.Mention, At: now, Stories: c.Stories, Outlets: c.Outlets,
				UsualStories: base.Stories, UsualOutlets: base.Outlets}
			if s.Languages, err = a.lastLanguages(ctx, t.ID, now); err != nil {
				return nil, err
			}
			trend, err := a.trend(ctx, t, now)
			if err != nil {
				return nil, err
			}
			if s.Chart, err = chart.PNG(trend); err != nil {
				return nil, err
			}
			out = append(out, s)
			a.log.Info("spike", slog.String("topic", t.ID), slog.Int("stories", c.Stories), slog.Int("outlets", c.Outlets),
				slog.Float64("usual_stories", base.Stories), slog.Float64("usual_outlets", base.Outlets))
		}
		b, _ := json.Marshal(st)
		if err := a.store.Put(ctx, spikeStateKey(t.ID), b); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lastLanguages returns the languages of a topic's stories of the last
// hour, most stories first.
func (a *App) lastLanguages(ctx context.Context, topic string, now time.Time) ([]string, error) {
	counts, err := a.store.TopicLanguages(ctx, topic, now.Add(-time.Hour), now.Add(time.Nanosecond), time.Hour+time.Nanosecond)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(counts, func(x, y store.LanguageCount) int { return cmp.Compare(y.Stories, x.Stories) })
	var out []string
	for _, c := range counts {
		out = append(out, c.Language)
	}
	return out, nil
}

// trend returns a topic's stories of the last 7 days by language, in
// 6-hour steps, the last one ending with the step now is in.
func (a *App) trend(ctx context.Context, t wirewatch.TopicInfo, now time.Time) (wirewatch.Trend, error) {
	end := now.UTC().Truncate(trendStep).Add(trendStep)
	start := end.Add(-trendSpan)
	steps := int(trendSpan / trendStep)
	counts, err := a.store.TopicLanguages(ctx, t.ID, start, end, trendStep)
	if err != nil {
		return wirewatch.Trend{}, err
	}
	byLang := map[string][]int{}
	for _, c := range counts {
		if byLang[c.Language] == nil {
			byLang[c.Language] = make([]int, steps)
		}
		if c.Bucket >= 0 && c.Bucket < steps {
			byLang[c.Language][c.Bucket] += c.Stories
		}
	}
	tr := wirewatch.Trend{Topic: t.ID, Name: t.Name, Start: start, Step: trendStep}
	for l, cs := range byLang {
		tr.Series = append(tr.Series, wirewatch.TrendSeries{Language: l, Counts: cs})
	}
	sum := func(s wirewatch.TrendSeries) int {
		n := 0
		for _, c := range s.Counts {
			n += c
		}
		return n
	}
	slices.SortFunc(tr.Series, func(x, y wirewatch.TrendSeries) int {
		return cmp.Or(cmp.Compare(sum(y), sum(x)), cmp.Compare(x.Language, y.Language))
	})
	return tr, nil
}

// Trend returns a topic's stories of the last 7 days by language, and
// the chart of them as a PNG image: what /trend shows.
func (a *App) Trend(ctx context.Context, topic string) (wirewatch.Trend, []byte, error) {
	id, ok := a.topicID(topic)
	if !ok {
		return wirewatch.Trend{}, nil, fmt.Errorf("unknown topic %q: /topics lists them", topic)
	}
	var info wirewatch.TopicInfo
	for _, t := range a.Topics() {
		if t.ID == id {
			info = t
		}
	}
	tr, err := a.trend(ctx, info, a.now())
	if err != nil {
		return tr, nil, err
	}
	png, err := chart.PNG(tr)
	return tr, png, err
}

// postSpike posts a spike alert once to each channel (or webhook) with an
// output that takes the topic's alerts; an output's role replaces the
// topic's.
func (a *App) postSpike(ctx context.Context, outs map[string]*output, s *wirewatch.Spike) {
	disabled, err := a.store.DisabledOutputs(ctx)
	if err != nil {
		a.log.Error("spike alert not sent", slog.String("topic", s.Topic), slog.Any("error", err))
		return
	}
	sent := map[string]bool{}
	for _, name := range sortedNames(outs) {
		o := outs[name]
		sp, ok := o.sender.(spiker)
		if _, off := disabled[name]; !ok || off || !o.alerts || (o.topics != nil && !slices.Contains(o.topics, s.Topic)) {
			continue
		}
		key := name
		if o.channel != "" {
			key = "channel " + o.channel
		}
		if sent[key] {
			continue
		}
		sent[key] = true
		alert := *s
		if o.mention != "" {
			alert.Mention = o.mention
		}
		if err := sp.Spike(ctx, &alert); err != nil {
			a.log.Warn("spike alert not delivered", slog.String("output", name), slog.String("topic", s.Topic), slog.Any("error", err))
			continue
		}
		a.log.Info("spike alert delivered", slog.String("output", name), slog.String("topic", s.Topic))
	}
}

// afterPoll reports whether a poll ended since *done, the last poll some
// work followed, and records that the work now follows this one.
func (a *App) afterPoll(done *time.Time) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lastPoll.IsZero() || !a.lastPoll.After(*done) {
		return false
	}
	*done = a.lastPoll
	return true
}
