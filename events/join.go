package events

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The rules that join two stories. Each was set on the development part of
// the labelled sets (see docs/EVALUATION.md), never on the hold-out.
const (
	// minSimilarity is the Jaccard index of shingles above which two
	// stories are near-duplicates: of their titles, or of title and lead.
	minSimilarity = 0.5
	// minSameFeedSimilarity is the similarity two stories of one feed
	// need: one outlet's templated reports and recurring columns look
	// alike and are not one event.
	minSameFeedSimilarity = 0.9
	// minNearDuplicateWeight is the share of their headlines' word weight
	// near-duplicates must share.
	minNearDuplicateWeight = 0.35
	// minWeightedSimilarity is the share of two headlines' word weight
	// (inverse document frequency in the window) they must share, with at
	// least minSharedWords words, published at most maxWordsGap apart.
	minWeightedSimilarity = 0.3
	minSharedWords        = 2
	// With more words shared, a smaller share is enough.
	minWeightedSimilarityLow = 0.2
	minSharedWordsLow        = 3
	maxWordsGap              = 36 * time.Hour
	// maxConceptGap is how far apart in time two stories joined only by
	// their concepts may be: two launches a week apart are two events.
	maxConceptGap = 24 * time.Hour
	// minConceptCover is the share of the smaller story's concepts the
	// other must name too.
	minConceptCover = 0.6
	// minConceptOverlap is the least Jaccard index of the two stories'
	// concepts: a story that names a few of an event's concepts in
	// passing (a game review that mentions ICBMs and North Korea) is not
	// part of it.
	minConceptOverlap = 0.4
	// minConceptScore is the least score of a join by concepts.
	minConceptScore = 0.5
)

// Join says why a story joined an event.
type Join struct {
	// With is the key of the story of the event it matched best.
	With string `json:"with"`
	// Score is how strongly it matched, from 0 to 1.
	Score float64 `json:"score"`
	// Why lists the evidence.
	Why Why `json:"why"`
	// rank orders joins by the strength of their kind of evidence, then
	// by score: a shared link over near-duplicate text, over rare
	// headline words, over concepts alone.
	rank float64
}

// Why is the evidence of a join.
type Why struct {
	// Link and GUID are set when the stories share their canonical link
	// or their guid.
	Link bool `json:"link,omitempty"`
	GUID bool `json:"guid,omitempty"`
	// Similarity is the Jaccard index of their shingles, when they are
	// near-duplicates.
	Similarity float64 `json:"similarity,omitempty"`
	// Concepts and Names are the English labels of the subjects and names
	// both name.
	Concepts []string `json:"concepts,omitempty"`
	Names    []string `json:"names,omitempty"`
	// Numbers are the numbers both write.
	Numbers []string `json:"numbers,omitempty"`
	// Apart is the time between their publications.
	Apart time.Duration `json:"apart"`
}

// String returns the evidence as people read it: "same link", "similar
// 0.82", "concepts: ICBM; names: North Korea; numbers: 70; 3h apart".
func (w Why) String() string {
	var parts []string
	if w.Link {
		parts = append(parts, "same link")
	}
	if w.GUID {
		parts = append(parts, "same guid")
	}
	if w.Similarity > 0 {
		parts = append(parts, fmt.Sprintf("similar text %.2f", w.Similarity))
	}
	if len(w.Concepts) > 0 {
		parts = append(parts, "concepts: "+strings.Join(w.Concepts, ", "))
	}
	if len(w.Names) > 0 {
		parts = append(parts, "names: "+strings.Join(w.Names, ", "))
	}
	if len(w.Numbers) > 0 {
		parts = append(parts, "numbers: "+strings.Join(w.Numbers, ", "))
	}
	parts = append(parts, apart(w.Apart))
	return strings.Join(parts, "; ")
}

func apart(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "published together"
	case d < time.Hour:
		return fmt.Sprintf("%dm apart", int(d.Minutes()))
	}
	return fmt.Sprintf("%.0fh apart", math.Round(d.Hours()))
}

// judge decides whether the new story a joins the event of the indexed
// story b, and why.
func (x *Index) judge(a, b *entry) (Join, bool) {
	gap := a.published.Sub(b.published).Abs()
	why := Why{Apart: gap, Numbers: intersect(a.numbers, b.numbers)}
	if a.link != "" && a.link == b.link {
		why.Link = true
	}
	if a.guid != "" && a.guid == b.guid {
		why.GUID = true
	}
	if why.Link || why.GUID {
		return Join{Score: 1, Why: why, rank: 4}, true
	}
	if gap > x.window {
		return Join{}, false
	}
	// Titles that both carry numbers, none of them shared, tell different
	// incidents: a magnitude 5.1 and a magnitude 4.3 quake, today's and
	// yesterday's market close.
	if len(a.titleNumbers) > 0 && len(b.titleNumbers) > 0 && len(intersect(a.titleNumbers, b.titleNumbers)) == 0 {
		return Join{}, false
	}
	sameFeed := a.feed == b.feed
	titleSim, shared := jaccardCount(a.title, b.title)
	sim := max(titleSim, jaccard(a.all, b.all))
	// Templated headlines ("Weather in Rosario today", "Weather in
	// Pinamar today") share their frequent words and differ in a rare one:
	// near-duplicates must also share most of their headlines' weight.
	var wsim float64
	if sim >= minSimilarity || shared >= minSharedWords {
		wsim, _ = x.weightedSimilarity(a.title, b.title)
	}
	if sim >= minSimilarity && wsim >= minNearDuplicateWeight && (!sameFeed || sim >= minSameFeedSimilarity) {
		why.Similarity = round2(sim)
		x.explainConcepts(&why, a, b)
		return Join{Score: round2(sim), Why: why, rank: 3 + sim}, true
	}
	if sameFeed {
		return Join{}, false
	}
	// Headlines rewritten by another outlet share few words, but rare
	// ones: names, places, the thing that happened.
	if gap <= maxWordsGap &&
		(shared >= minSharedWords && wsim >= minWeightedSimilarity || shared >= minSharedWordsLow && wsim >= minWeightedSimilarityLow) {
		why.Similarity = round2(wsim)
		x.explainConcepts(&why, a, b)
		return Join{Score: round2(wsim), Why: why, rank: 2 + wsim}, true
	}
	// Stories in one language that share no rare headline words are
	// joined by their concepts only across languages: in one language,
	// the same concepts without the same words are another development
	// of a running story (the next round of talks).
	if gap > maxConceptGap || a.lang == b.lang {
		return Join{}, false
	}
	names := intersect(a.names, b.names)
	subjects := intersect(a.subjects, b.subjects)
	// Both headlines must name one of the shared names: a story that
	// names the event's country only in passing is about something else.
	if len(subjects) == 0 || len(intersect(names, a.titleNames)) == 0 || len(intersect(names, b.titleNames)) == 0 {
		return Join{}, false
	}
	common := len(names) + len(subjects)
	sa, sb := len(a.names)+len(a.subjects), len(b.names)+len(b.subjects)
	cover := float64(common) / float64(min(sa, sb))
	overlap := float64(common) / float64(sa+sb-common)
	if cover < minConceptCover || overlap < minConceptOverlap {
		return Join{}, false
	}
	score := 0.25*(cover+overlap) + 0.1*float64(min(len(why.Numbers), 2)) + 0.3*(1-float64(gap)/float64(maxConceptGap))
	if sim > 0 {
		score += 0.2 * sim / minSimilarity
	}
	score = round2(min(score, 0.99))
	if score < minConceptScore {
		return Join{}, false
	}
	x.explainConcepts(&why, a, b)
	return Join{Score: score, Why: why, rank: 1 + score}, true
}

// explainConcepts fills the labels of the concepts and names both stories
// name.
func (x *Index) explainConcepts(w *Why, a, b *entry) {
	w.Concepts = x.labelsOf(intersect(a.subjects, b.subjects))
	w.Names = x.labelsOf(intersect(a.names, b.names))
}

func (x *Index) labelsOf(ids []string) []string {
	var out []string
	for _, id := range ids {
		if l := x.labels[id]; l != "" {
			out = append(out, l)
		} else {
			out = append(out, id)
		}
	}
	return out
}

// intersect returns the strings of two sorted lists that are in both.
func intersect(a, b []string) []string {
	var out []string
	for _, s := range a {
		if _, ok := slices.BinarySearch(b, s); ok {
			out = append(out, s)
		}
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
