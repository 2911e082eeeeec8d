// Package wirewatch holds the domain types shared by every part of the
// wire-feed monitor: stories read from feeds, what language detection and
// topic matching found in them, and the digests delivered to outputs.
//
// The packages below it each own one thing: feeds fetches and parses,
// detect finds languages and noise, topics matches watch-topics, store
// keeps state in SQLite, notify delivers, and cmd/wirewatch wires them.
package wirewatch

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Item is one normalised story read from a feed.
type Item struct {
	// ID is the story's stable identity within its feed: the guid, else the
	// canonical link, else a hash of title and summary (see feeds.Identity).
	ID string `json:"id"`
	// Feed is the configured name of the feed the story came from.
	Feed string `json:"feed"`
	// GUID is the feed's own identifier for the story, when it has one.
	GUID string `json:"guid,omitempty"`
	// Link is the canonical link, with tracking parameters removed.
	Link string `json:"link,omitempty"`
	// Title is the plain-text headline.
	Title string `json:"title"`
	// Summary is the plain-text summary: HTML removed, entities decoded.
	Summary string `json:"summary,omitempty"`
	// Content is the story's full plain text where the feed carries more
	// than the summary (RSS content:encoded, Atom content, JSON Feed
	// content_html or content_text); empty otherwise. Topic matching reads
	// it after the noise pass; it is not stored.
	Content string `json:"content,omitempty"`
	// Published is the story's own date, or FirstSeen when it has none.
	Published time.Time `json:"published"`
	// FirstSeen is when wirewatch first stored the story.
	FirstSeen time.Time `json:"first_seen"`
	// Authors and Categories are copied from the feed. Categories are the
	// feed's subject fields: <category>, dc:subject, media:keywords, Atom
	// categories and JSON Feed tags.
	Authors    []string `json:"authors,omitempty"`
	Categories []string `json:"categories,omitempty"`
	// DeclaredLanguage is the language the feed declares (channel language
	// or the configured hint), as an ISO 639-1 code; empty when unknown.
	DeclaredLanguage string `json:"declared_language,omitempty"`

	// Analysis is what language and noise detection found; nil until the
	// story has been analysed.
	Analysis *Analysis `json:"analysis,omitempty"`
	// Matches lists the watch-topics the story matched, with explanations.
	Matches []Match `json:"matches,omitempty"`

	// Event is the id of the event the story belongs to: the stories of
	// any feeds and languages judged to tell the same news (see package
	// events). Empty when the story was not clustered.
	Event string `json:"event,omitempty"`
	// Gloss says in English what a story in another language is about,
	// from the concepts it names ("about: North Korea · ICBM"): a gloss,
	// not a translation. Empty for stories in the reader's language.
	Gloss string `json:"gloss,omitempty"`
	// Translation is a machine translation of the title, when
	// translation is configured and the server gave one; empty otherwise.
	Translation string `json:"translation,omitempty"`

	// Also holds other copies of the same story (the same wire story
	// carried by other feeds) that a digest shows with this one instead of
	// repeating it. Only digests set it; it is not stored.
	Also []*Item `json:"also,omitempty"`
}

// Analysis is the result of language and noise detection on one story.
type Analysis struct {
	// Language is the ISO 639-1 code of the story's language, or "und".
	Language string `json:"language"`
	// Confidence is the detector's confidence in Language, from 0 to 1.
	Confidence float64 `json:"confidence"`
	// CleanTitle and CleanText are the title and summary with noise removed
	// and confusable characters folded; topic matching and delivery use them.
	CleanTitle string `json:"clean_title"`
	CleanText  string `json:"clean_text"`
	// NoiseRatio is the share of the text's runes judged to be noise.
	NoiseRatio float64 `json:"noise_ratio"`
	// Noise lists the segments removed, each with its reason.
	Noise []NoiseSegment `json:"noise,omitempty"`
	// Languages and Scripts are every language and script seen in the text.
	Languages []string `json:"languages,omitempty"`
	Scripts   []string `json:"scripts,omitempty"`
	// Flags name notable findings: "confusables", "mojibake-repaired",
	// "mojibake", "language-mismatch".
	Flags []string `json:"flags,omitempty"`
}

// NoiseSegment is one piece of text judged to be noise, and why.
type NoiseSegment struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Match is one watch-topic a story matched, with the terms that hit.
type Match struct {
	// Topic is the topic's stable id.
	Topic string `json:"id"`
	// Name is the topic's human-readable name.
	Name string `json:"name,omitempty"`
	// Alert is true when the topic asks for immediate delivery.
	Alert bool `json:"alert,omitempty"`
	// Score is the summed weight of the hits, for weighted topics.
	Score float64 `json:"score,omitempty"`
	// Hits explain the match.
	Hits []Hit `json:"hits"`
}

// Hit is one term occurrence that contributed to a match.
type Hit struct {
	// Term is the term as written in the configuration.
	Term string `json:"term"`
	// Field is the part of the story it occurred in: "title", "text" (the
	// summary), "subject" (the feed's subject fields) or "content" (the
	// full text beyond the summary).
	Field string `json:"field"`
	// Text is the matched text with a little context around it. Only the
	// first hits of a topic in each field carry one; it is empty for the
	// others.
	Text string `json:"text"`
	// Where says how much the hit weighs: in the title, the lead (the
	// start of the text), the feed's subject fields, or deep in the body.
	Where HitPlace `json:"where,omitempty"`
	// Concept is the id of the concept the term expresses, such as "icbm",
	// when the term is one of the built-in packs'; empty otherwise.
	Concept string `json:"concept,omitempty"`
	// ConceptLabel is the concept's English label, such as "ICBM".
	ConceptLabel string `json:"concept_label,omitempty"`
}

// HitPlace is where in a story a hit stood, which decides how much it
// counts: hits in the title, the lead and the subject fields count fully,
// a hit only deep in the body counts for less.
type HitPlace string

// The places a hit can stand.
const (
	// PlaceTitle is the headline.
	PlaceTitle HitPlace = "title"
	// PlaceLead is the start of the story's text (about 400 characters).
	PlaceLead HitPlace = "lead"
	// PlaceSubject is the feed's own subject fields (categories, tags,
	// keywords).
	PlaceSubject HitPlace = "subject"
	// PlaceBody is the rest of the text.
	PlaceBody HitPlace = "body"
)

// Language returns the story's detected language code, else its declared
// language, else "und".
func (it *Item) Language() string {
	if it.Analysis != nil && it.Analysis.Language != "" {
		return it.Analysis.Language
	}
	if it.DeclaredLanguage != "" {
		return it.DeclaredLanguage
	}
	return "und"
}

// DisplayTitle returns the clean title when the story has been analysed,
// else the title as read.
func (it *Item) DisplayTitle() string {
	if it.Analysis != nil && it.Analysis.CleanTitle != "" {
		return it.Analysis.CleanTitle
	}
	return it.Title
}

// DisplayText returns the clean summary when the story has been analysed,
// else the summary as read.
func (it *Item) DisplayText() string {
	if it.Analysis != nil {
		return it.Analysis.CleanText
	}
	return it.Summary
}

// Kind is how an output receives a story: in its next scheduled digest,
// or at once as an alert.
type Kind string

// The kinds of delivery.
const (
	// KindDigest waits for the output's next scheduled digest.
	KindDigest Kind = "digest"
	// KindAlert is delivered at once.
	KindAlert Kind = "alert"
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k == KindDigest || k == KindAlert }

// FetchResult is the outcome of a feed's last fetch.
type FetchResult string

// The outcomes of a fetch.
const (
	// ResultNone is a feed never fetched yet.
	ResultNone FetchResult = ""
	// ResultOK is a fetch that brought the feed's content.
	ResultOK FetchResult = "ok"
	// ResultNotModified is a conditional fetch answered 304.
	ResultNotModified FetchResult = "not-modified"
	// ResultError is a failed fetch, parse or store.
	ResultError FetchResult = "error"
	// ResultBackoff is a feed skipped because it is backing off after
	// failures.
	ResultBackoff FetchResult = "backoff"
	// ResultStopped is a feed skipped because it failed for so long that
	// its polling stopped, until it is resumed.
	ResultStopped FetchResult = "stopped"
)

// MatchedTerms returns the distinct terms that made the story match
// topic, in the order they hit, each with its concept's English label;
// none for "".
func (it *Item) MatchedTerms(topic string) []MatchedTerm {
	if topic == "" {
		return nil
	}
	var terms []MatchedTerm
	seen := map[string]bool{}
	for _, m := range it.Matches {
		if m.Topic != topic {
			continue
		}
		for _, h := range m.Hits {
			if h.Term != "" && !seen[h.Term] {
				seen[h.Term] = true
				terms = append(terms, MatchedTerm{Term: h.Term, Label: h.ConceptLabel})
			}
		}
	}
	return terms
}

// MatchedTerm is a term that made a story match, as digests show it.
type MatchedTerm struct {
	// Term is the term as written in the topic or pack.
	Term string
	// Label is the English label of its concept, if it has one.
	Label string
}

// String returns the term, followed by its concept's label in
// parentheses when the label says more than the term: "洲际弹道导弹 (ICBM)",
// but "ICBM*" alone.
func (t MatchedTerm) String() string {
	bare := strings.TrimSuffix(strings.TrimSpace(t.Term), "*")
	if t.Label == "" || strings.EqualFold(bare, t.Label) || strings.EqualFold(bare+"s", t.Label) {
		return t.Term
	}
	return t.Term + " (" + t.Label + ")"
}

// JoinTerms joins terms for display, each with its label.
func JoinTerms(terms []MatchedTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, ", ")
}

// AlsoIn returns the other feeds that carried the story (its Also
// copies), each once, without the story's own feed.
func (it *Item) AlsoIn() []string {
	var feeds []string
	seen := map[string]bool{it.Feed: true}
	for _, a := range it.Also {
		if !seen[a.Feed] {
			seen[a.Feed] = true
			feeds = append(feeds, a.Feed)
		}
	}
	return feeds
}

// Reach says how widely a story is carried, counting the copies shown
// with it (Also): "5 outlets · 4 languages (en, ko, ru, zh)". It is empty
// for a story shown alone.
func (it *Item) Reach() string {
	if len(it.Also) == 0 {
		return ""
	}
	feeds := map[string]bool{}
	var langs []string
	for _, s := range append([]*Item{it}, it.Also...) {
		feeds[s.Feed] = true
		if l := s.Language(); !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	slices.Sort(langs)
	outlets, languages := "outlets", "languages"
	if len(feeds) == 1 {
		outlets = "outlet"
	}
	if len(langs) == 1 {
		languages = "language"
	}
	return fmt.Sprintf("%d %s · %d %s (%s)", len(feeds), outlets, len(langs), languages, strings.Join(langs, ", "))
}

// Digest is what one output receives at one delivery: stories grouped
// under headings, newest first within each group.
type Digest struct {
	// Output names the output the digest is for.
	Output string `json:"output"`
	// Kind is KindDigest for scheduled digests and KindAlert for immediate
	// ones.
	Kind Kind `json:"kind"`
	// Created is when the digest was assembled.
	Created time.Time `json:"created"`
	// Groups hold the stories, in display order.
	Groups []Group `json:"groups"`
}

// Group is a heading in a digest and its stories: a topic's, or a feed's
// for stories that match no topic the output wants. Exactly one of Topic
// and Feed is set.
type Group struct {
	// Topic is the id of the topic the group's stories matched.
	Topic string `json:"topic,omitempty"`
	// Feed is the feed of a group of stories that matched no topic.
	Feed string `json:"feed,omitempty"`
	// Title is the heading shown to people.
	Title string `json:"title"`
	// Stories are newest first, at most the digest's cap.
	Stories []*Item `json:"stories"`
	// More counts the stories left out by the cap ("and N more"): the
	// stories of Rest with their copies.
	More int `json:"more,omitempty"`
	// Rest are the stories left out by the cap, newest first.
	Rest []*Item `json:"-"`
	// Mention is a role id to mention: for alert groups, the topic's
	// role (or the output's); for digest groups, the output's role, if
	// it names one. Empty mentions nobody.
	Mention string `json:"mention,omitempty"`
}

// Len returns the number of stories shown in the digest.
func (d *Digest) Len() int {
	n := 0
	for _, g := range d.Groups {
		n += len(g.Stories)
	}
	return n
}

// DefaultSubscriptionSchedule is the schedule of a subscription made
// without one: a morning digest.
const DefaultSubscriptionSchedule = "daily 08:00"

// Subscription is a Discord channel's subscription to one topic.
type Subscription struct {
	// Guild and Channel are Discord snowflake ids.
	Guild   string `json:"guild,omitempty"`
	Channel string `json:"channel"`
	// Topic is the topic id subscribed to.
	Topic string `json:"topic"`
	// Schedule is "instant", "hourly", "daily HH:MM" or a cron spec.
	Schedule string `json:"schedule"`
	// TimeZone is an IANA zone name used by the schedule; empty means UTC.
	TimeZone string `json:"time_zone,omitempty"`
	// Filter narrows the stories the channel gets beyond the topic.
	Filter Filter `json:"filter,omitzero"`
	// Mention is a role id that each delivery to the channel mentions:
	// the first message of a digest, and every alert; it replaces the
	// topic's own role. Empty mentions the topic's role on alerts only.
	Mention string `json:"mention,omitempty"`
	// Forum is true when Channel is a forum channel: each day's stories
	// of the topic go into one post, later ones as replies.
	Forum bool `json:"forum,omitempty"`
	// CreatedBy is the Discord user id that subscribed the channel.
	CreatedBy string `json:"created_by,omitempty"`
	// Created is when the subscription was made.
	Created time.Time `json:"created"`
	// Backfill is how far back a new subscription reaches into the stories
	// already stored; it is used when the subscription is made and not
	// kept.
	Backfill Backfill `json:"backfill,omitempty"`
}

// TopicInfo describes a configured topic to people choosing one.
type TopicInfo struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Alert bool   `json:"alert,omitempty"`
	// Mention is the role id the topic's alerts may mention, if any.
	Mention string `json:"mention,omitempty"`
}

// FeedStatus is the health of one feed, as shown by status commands.
type FeedStatus struct {
	Name string `json:"name"`
	URL  string `json:"url"`
	// LastFetch is when the feed was last fetched; zero if never.
	LastFetch time.Time `json:"last_fetch"`
	// Result is the outcome of the last fetch; ResultNone before the first.
	Result FetchResult `json:"result"`
	// Items is how many stories of the feed are stored; New how many the
	// last fetch added.
	Items int `json:"items"`
	New   int `json:"new"`
	// LastError is the last fetch error, kept until a fetch succeeds.
	LastError string `json:"last_error,omitempty"`
	// Failures counts consecutive failed fetches.
	Failures int `json:"failures"`
	// NextPoll is when the feed will be fetched next.
	NextPoll time.Time `json:"next_poll"`
	// FailingSince is when the current run of failures began; zero while
	// the feed works.
	FailingSince time.Time `json:"failing_since,omitzero"`
	// Stopped is when polling stopped because the feed failed for too
	// long; zero while it is polled.
	Stopped time.Time `json:"stopped,omitzero"`
}

// Status is the health of the pipeline, as status commands show it.
type Status struct {
	// Feeds is the health of each feed.
	Feeds []FeedStatus `json:"feeds"`
	// ItemsToday counts stories stored since midnight UTC.
	ItemsToday int `json:"items_today"`
	// LastPoll is when feeds were last polled.
	LastPoll time.Time `json:"last_poll"`
	// FailedDeliveries counts deliveries kept as failed.
	FailedDeliveries int `json:"failed_deliveries"`
	// Disabled maps disabled outputs to the reason.
	Disabled map[string]string `json:"disabled,omitempty"`
}

// Trend is how many stories of a topic came in over a span of time, by
// language: what a spike alert and /trend show as a chart.
type Trend struct {
	// Topic is the topic's id and Name its name.
	Topic string `json:"topic"`
	Name  string `json:"name,omitempty"`
	// Start is the start of the first step; each step lasts Step.
	Start time.Time     `json:"start"`
	Step  time.Duration `json:"step"`
	// Series holds the counts of each language, most stories first.
	Series []TrendSeries `json:"series"`
}

// TrendSeries is one language's stories per step of a Trend.
type TrendSeries struct {
	// Language is an ISO 639-1 code, "und", or "other" for the
	// languages a chart folds together.
	Language string `json:"language"`
	Counts   []int  `json:"counts"`
}

// Total returns how many stories the trend counts.
func (t Trend) Total() int {
	n := 0
	for _, s := range t.Series {
		for _, c := range s.Counts {
			n += c
		}
	}
	return n
}

// Spike is a topic whose stories or outlets in the last hour went well
// past its usual rate at that hour.
type Spike struct {
	// Topic is the topic's id and Name its name.
	Topic string `json:"topic"`
	Name  string `json:"name,omitempty"`
	// Mention is a role id the alert mentions; "" mentions nobody.
	Mention string `json:"mention,omitempty"`
	// At is when the spike was seen; the hour before it was counted.
	At time.Time `json:"at"`
	// Stories and Outlets (feeds) of the topic in the last hour.
	Stories int `json:"stories"`
	Outlets int `json:"outlets"`
	// UsualStories and UsualOutlets are the topic's usual counts in an
	// hour like this one.
	UsualStories float64 `json:"usual_stories"`
	UsualOutlets float64 `json:"usual_outlets"`
	// Languages are the languages of the last hour's stories, most
	// stories first.
	Languages []string `json:"languages,omitempty"`
	// Chart is a PNG image of the topic's last 7 days by language.
	Chart []byte `json:"-"`
}

// Reach is how widely an event is carried: its outlets (feeds) and
// languages. An alert says it when its event grows.
type Reach struct {
	Outlets int `json:"outlets"`
	// Languages are the event's languages, sorted.
	Languages []string `json:"languages"`
	// Title names the event's story when the alert shows several.
	Title string `json:"title,omitempty"`
}
