package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/events"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// clusterer puts each new story of the pipeline in an event: it keeps
// the stories of the window, loaded from the store at the first poll.
type clusterer struct {
	tagger *topics.Tagger
	mu     sync.Mutex
	c      *Clusterer
	// opts are those c was made with.
	opts events.Options
	// warned is when the log last said that the bound on stories cut the
	// window short; it says so at most once an hour. leftEarly counts the
	// stories that left early since.
	warned    time.Time
	leftEarly int
}

// Clusterer sorts stories into events with the tagger's concepts. It is
// what `match` and the pipeline share: a batch (or a poll) goes through
// Assign, story by story.
type Clusterer struct {
	tagger *topics.Tagger
	idx    *events.Index
	// readers are the readers' languages: stories in others get a gloss.
	readers []string
}

// NewClusterer returns a Clusterer over an empty window.
func NewClusterer(t *topics.Tagger, opts events.Options, readers []string) *Clusterer {
	return &Clusterer{tagger: t, idx: events.New(opts), readers: readers}
}

// Assign puts a story, analysed and matched, in its event: it sets
// it.Event, and it.Gloss when the story is not in a reader's language,
// and returns why it joined (nil when it began a new event).
func (c *Clusterer) Assign(it *wirewatch.Item, seen time.Time) *events.Join {
	s, concepts := storyOf(c.tagger, it, seen)
	a := c.idx.Add(s)
	it.Event = a.Event
	it.Gloss = glossFor(it, concepts, c.readers)
	return a.Join
}

// Size returns the number of stories of an event.
func (c *Clusterer) Size(event string) int { return c.idx.Size(event) }

// storyOf returns what clustering reads of a story, and its concepts.
func storyOf(t *topics.Tagger, it *wirewatch.Item, seen time.Time) (events.Story, []topics.ConceptHit) {
	text := it.DisplayText()
	concepts := t.Tag(topics.Doc{Title: it.DisplayTitle(), Text: text, Subjects: it.Categories, Language: it.Language()})
	pub := it.Published
	if pub.IsZero() {
		pub = seen
	}
	return events.Story{
		Key: events.Key(it.Feed, it.ID), Feed: it.Feed, Link: it.Link, GUID: it.GUID,
		Title: it.DisplayTitle(), Lead: events.Lead(text), Language: it.Language(),
		Published: pub, Seen: seen, Concepts: concepts,
	}, concepts
}

// glossFor returns a story's gloss: none in a reader's language.
func glossFor(it *wirewatch.Item, concepts []topics.ConceptHit, readers []string) string {
	if slices.Contains(readers, it.Language()) {
		return ""
	}
	return events.Gloss(concepts)
}

// assignEvents puts each new story of a poll in its event, before it is
// stored, so that routing sees it.Event; it returns the memberships to
// record once the stories are stored. Without a tagger it does nothing.
func (a *App) assignEvents(ctx context.Context, cfg *config.Config, items []*wirewatch.Item) []store.EventMember {
	c := a.clusters
	if c == nil || len(items) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := a.now()
	window := time.Duration(cfg.Events.Window)
	opts := events.Options{Window: window, MaxStories: cfg.Events.MaxStories}
	if c.c == nil || c.opts != opts {
		c.c, c.opts = NewClusterer(c.tagger, opts, nil), opts
		a.loadWindow(ctx, c, now)
	}
	c.c.readers = cfg.Digest.Languages
	c.c.idx.Expire(now.Add(-window))
	ms := make([]store.EventMember, 0, len(items))
	for _, it := range items {
		j := c.c.Assign(it, now)
		m := store.EventMember{Feed: it.Feed, ID: it.ID, Event: it.Event, Joined: now, Gloss: it.Gloss}
		if j != nil {
			m.Score = j.Score
			m.WithFeed, m.WithID, _ = strings.Cut(j.With, "\x00")
			m.Why = j.Why.String()
			m.WhyJSON, _ = json.Marshal(j.Why)
		}
		ms = append(ms, m)
	}
	n, covers := c.c.idx.Crowded()
	if c.leftEarly += n; c.leftEarly > 0 && now.Sub(c.warned) >= time.Hour {
		c.warned = now
		a.log.Warn("the window of events is full: stories leave it before events.window has passed, so a later story cannot join their event; raise events.max_stories (each story costs about 2 KB)",
			slog.Int("max_stories", opts.MaxStories), slog.Duration("covers", covers.Round(time.Minute)),
			slog.Duration("window", window), slog.Int("left_early", c.leftEarly))
		c.leftEarly = 0
	}
	return ms
}

// loadWindow puts back in the index the stories of the window, with the
// events the store has for them, so that a story arriving after a restart
// joins yesterday's event.
// It reads them one at a time, the newest the window holds, so that a
// start holds no more than the window.
func (a *App) loadWindow(ctx context.Context, c *clusterer, now time.Time) {
	n := 0
	err := a.store.EachEventMemberSince(ctx, now.Add(-c.opts.Window), c.opts.MaxStories, func(m store.EventStory) error {
		s, _ := storyOf(c.tagger, m.Item, m.Joined)
		c.c.idx.Restore(s, m.Event)
		n++
		return nil
	})
	if err != nil {
		a.log.Warn("events of the window not loaded in full; new stories may begin new events", slog.Int("stories", n), slog.Any("error", err))
		return
	}
	a.log.Debug("events window loaded", slog.Int("stories", n))
}
