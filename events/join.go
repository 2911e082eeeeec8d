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
	// minSameOutletSimilarity is the similarity of the titles two
	// stories of one outlet need: one outlet's templated reports and
	// recurring columns look alike and are not one event.
	minSameOutletSimilarity = 0.9
	// minSameOutletWeight is the share of their headlines' word weight
	// two stories of one outlet must share.
	minSameOutletWeight = 0.9
	// minCopyTitleWords is how many rare words' weight a headline must
	// carry for the same headline in one outlet to be a copy of one story
	// though the texts differ (an aggregator's two snapshots): a
	// templated headline ("Scheduled ash forecast") carries little.
	minCopyTitleWords = 4
	// minCopyTextSimilarity is the similarity of title and lead of a copy
	// whose headline carries less: an agency's report on one volcano and
	// its report on the next differ only in the volcano's name.
	minCopyTextSimilarity = 0.97
	// maxCopyGap is how far apart an outlet publishes a story and its
	// copy.
	maxCopyGap = 30 * time.Minute
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
	// minLeadWordsLow and minLeadWords are how many rare words' weight
	// (in units of the weight of a word no headline of the window holds)
	// title and lead must share when the headlines share little: with a
	// share of minWeightedSimilarityLow, or when the headlines' shared
	// words cover minTitleCover of the lighter one.
	minLeadWordsLow = 2.5
	minLeadWords    = 5
	minTitleCover   = 0.35
	// maxNumberGap is how far apart two stories in different languages
	// that write the same number of the same subject may be when one
	// headline names nothing the tables know.
	maxNumberGap = 12 * time.Hour
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

// The rules that join two stories, from the strongest evidence.
const (
	// RuleLink: the same canonical link or guid.
	RuleLink = "link"
	// RuleNearDuplicate: nearly the same title, or title and lead.
	RuleNearDuplicate = "near-duplicate"
	// RuleRareWords: headlines sharing most of their rare words.
	RuleRareWords = "rare words"
	// RuleRareWordsLead: headlines sharing some rare words, with leads
	// sharing several more.
	RuleRareWordsLead = "rare words and lead"
	// RuleConcepts: across languages, the same concepts and names (or
	// numbers) close in time.
	RuleConcepts = "concepts"
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
	// Rule is the rule that joined them: RuleLink, RuleNearDuplicate,
	// RuleRareWords, RuleRareWordsLead or RuleConcepts.
	Rule string `json:"rule,omitempty"`
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
		why.Rule = RuleLink
		return Join{Score: 1, Why: why, rank: 4}, true
	}
	if gap > x.window {
		return Join{}, false
	}
	// Titles that both carry numbers, none of them shared, tell different
	// incidents: a magnitude 5.1 and a magnitude 4.3 quake, today's and
	// yesterday's market close.
	if len(a.titleNumbers) > 0 && len(b.titleNumbers) > 0 && !shareAny(a.titleNumbers, b.titleNumbers) {
		return Join{}, false
	}
	sameOutlet := a.feed == b.feed || a.outlet == b.outlet
	titleSim, shared := jaccardCount(a.title, b.title)
	allSim := jaccard(a.all, b.all)
	sim := max(titleSim, allSim)
	var tw overlap
	if sim >= minSimilarity || shared >= minSharedWords {
		tw = x.weigh(a.title, b.title)
	}
	wsim := tw.jaccard()
	if sameOutlet {
		// One outlet's templated reports ("Weather in Rosario today",
		// an agency's scheduled ash forecast for each volcano) and
		// recurring columns share their headline and most of their
		// text; only a copy of one story (under two links, or in two of
		// the outlet's feeds) joins: headline and text both nearly the
		// same, the headline's weight shared.
		// A copy is published with the story and writes the same
		// numbers; the outlet's next report of the same kind comes at
		// its next hour, with other times and figures.
		if gap <= maxCopyGap && titleSim >= minSameOutletSimilarity && wsim >= minSameOutletWeight && slices.Equal(a.numbers, b.numbers) &&
			(allSim >= minCopyTextSimilarity || tw.both/x.rareWeight() >= minCopyTitleWords) {
			why.Similarity, why.Rule = round2(sim), RuleNearDuplicate
			x.explainConcepts(&why, a, b)
			return Join{Score: round2(sim), Why: why, rank: 3 + sim}, true
		}
		return Join{}, false
	}
	// Templated headlines ("Weather in Rosario today", "Weather in
	// Pinamar today") share their frequent words and differ in a rare one:
	// near-duplicates must also share most of their headlines' weight.
	if sim >= minSimilarity && wsim >= minNearDuplicateWeight {
		why.Similarity, why.Rule = round2(sim), RuleNearDuplicate
		x.explainConcepts(&why, a, b)
		return Join{Score: round2(sim), Why: why, rank: 3 + sim}, true
	}
	// Headlines rewritten by another outlet share few words, but rare
	// ones: names, places, the thing that happened. Headlines that name
	// different names (two prime ministers sworn in) are two events.
	if gap <= maxWordsGap && !namesDiffer(a.titleNames, b.titleNames) {
		if tw.informative >= minSharedWords && wsim >= minWeightedSimilarity {
			why.Similarity, why.Rule = round2(wsim), RuleRareWords
			x.explainConcepts(&why, a, b)
			return Join{Score: round2(wsim), Why: why, rank: 2 + wsim}, true
		}
		// With fewer of the headlines' words shared, the leads must
		// share rare words too: the weight of several words no other
		// story of the window holds.
		// The leads are weighed only when the headlines qualify: it costs
		// a look-up of every word of both.
		if low, covered := wsim >= minWeightedSimilarityLow, tw.cover() >= minTitleCover; tw.informative >= minSharedWordsLow && (low || covered) {
			lead := x.weigh(a.all, b.all).both / x.rareWeight()
			if low && lead >= minLeadWordsLow || covered && lead >= minLeadWords {
				score := round2(max(wsim, tw.cover()*min(1, lead/(2*minLeadWords))))
				why.Similarity, why.Rule = score, RuleRareWordsLead
				x.explainConcepts(&why, a, b)
				return Join{Score: score, Why: why, rank: 2 + score}, true
			}
		}
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
	// A headline that names no name the tables know (a county, a bank)
	// joins one that does when both write the same number (a magnitude,
	// a toll) of the same subject within hours.
	named := shareAny(names, a.titleNames) && shareAny(names, b.titleNames)
	numbered := gap <= maxNumberGap && shareAny(a.titleNumbers, b.titleNumbers) &&
		(len(a.titleNames) == 0 || len(b.titleNames) == 0)
	if len(subjects) == 0 || !named && !numbered {
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
	why.Rule = RuleConcepts
	x.explainConcepts(&why, a, b)
	return Join{Score: score, Why: why, rank: 1 + score}, true
}

// rareWeight is the weight of a word no headline of the window holds.
func (x *Index) rareWeight() float64 { return math.Log(float64(x.Len() + 2)) }

// namesDiffer reports whether two headlines both name names and share
// none of them.
func namesDiffer(a, b []string) bool {
	return len(a) > 0 && len(b) > 0 && !shareAny(a, b)
}

// shareAny reports whether two sorted lists have a string in common,
// without building the intersection.
func shareAny(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
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
