package events

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/topics"
)

// DefaultWindow is how long an event stays open to new stories by default.
const DefaultWindow = 48 * time.Hour

// Rare title words: a word in at most maxRareShare of the window's
// stories (counted over at least minRareBase) and at most maxRareStories
// of them is rare; its stories are candidates.
const (
	maxRareShare   = 0.002
	minRareBase    = 5000
	maxRareStories = 200
)

// maxScan bounds how many of the newest stories under one index key are
// looked at, and maxCandidates how many a new story is judged against in
// all: a key shared by very many stories (a templated headline, a
// frequent pair of concepts) costs no more than a rare one, and the cost
// of a story does not grow with the window.
const (
	maxScan       = 24
	maxCandidates = 160
)

// Story is what clustering reads of a story.
type Story struct {
	// Key identifies the story in the index: its feed and id.
	Key string
	// Feed is the feed (outlet) that carried it.
	Feed string
	// Link is its canonical link and GUID its feed's guid; either joins
	// the stories that share it.
	Link, GUID string
	// Title and Lead are its clean title and the start of its text (see
	// Lead).
	Title, Lead string
	// Language is its ISO 639-1 code, or "und".
	Language string
	// Published is the story's date; Seen is when it arrived, which
	// decides when it leaves the window (Published when zero).
	Published, Seen time.Time
	// Concepts are the concepts and names it names, from topics.Tagger.
	Concepts []topics.ConceptHit
}

// Key returns the index key of a feed's story.
func Key(feed, id string) string { return feed + "\x00" + id }

// Assignment is where Add put a story.
type Assignment struct {
	// Event is the id of the story's event.
	Event string
	// Join says why the story joined an event that existed; nil when the
	// story began a new one.
	Join *Join
}

// DefaultMaxStories is how many stories the window holds at most by
// default: past it, the stories that arrived first leave it first,
// whatever the window's time.
const DefaultMaxStories = 20000

// Options tune an Index.
type Options struct {
	// Window is how far apart in time two stories may be and still join;
	// DefaultWindow when zero.
	Window time.Duration
	// MaxStories bounds the stories held; DefaultMaxStories when zero.
	MaxStories int
}

// Index holds the stories of the window and finds the event of each new
// one. It is not safe for concurrent use.
type Index struct {
	window     time.Duration
	maxStories int
	// entries holds the stories in order of arrival, numbered from 0;
	// they leave it in the same order.
	entries ring[entry]
	byKey   map[string]int64
	// keys finds the stories by link and guid, LSH band, title word and
	// pair of a name and a subject.
	keys chains
	// df counts the stories of each title word: rare words shared by two
	// headlines are evidence.
	df map[uint64]int32
	// labels are the English labels of the concepts seen.
	labels map[string]string
	// sizes counts each event's stories in the index.
	sizes map[string]int
	// names holds one copy of each feed name and language.
	names map[string]string
	// crowded counts the stories the bound on stories took out before
	// the window's time had passed, since Crowded was last called.
	crowded int
	// scratch is reused by each Add.
	scratch struct {
		links, bands, pairs []uint64
		seen                map[int64]struct{}
		found               []int64
	}
}

// entry is one story in the index.
type entry struct {
	key, feed string
	// outlet is the site of its link ("dw.com"), or its feed without one:
	// one outlet's two feeds are held to the rules of one feed.
	outlet string
	// link and guid are the digests of the story's link and guid (see
	// digest): they are only compared.
	link, guid string
	lang       string
	event      string
	published  time.Time
	seen       time.Time
	// endNode is the number of the node after the story's last one in
	// the index's keys.
	endNode    int64
	title, all []uint64
	// numbers are those of the title and lead; titleNumbers the title's.
	numbers, titleNumbers []string
	// names and subjects are the concept ids named in the title, the lead
	// or the subject fields; titleNames the names of the title, with the
	// countries they stand for.
	names, subjects, titleNames []string
}

// standsFor maps names that headlines use for their country to that
// country: "Pyongyang fires ICBM" names North Korea.
var standsFor = map[string]string{
	"pyongyang": "north-korea", "kim-jong-un": "north-korea", "kim-yo-jong": "north-korea", "kcna": "north-korea",
	"rodong-sinmun": "north-korea", "khamenei": "iran",
}

// New returns an empty index.
func New(opts Options) *Index {
	if opts.Window <= 0 {
		opts.Window = DefaultWindow
	}
	if opts.MaxStories <= 0 {
		opts.MaxStories = DefaultMaxStories
	}
	return &Index{
		window: opts.Window, maxStories: opts.MaxStories, byKey: map[string]int64{},
		df: map[uint64]int32{}, labels: map[string]string{}, sizes: map[string]int{}, names: map[string]string{},
	}
}

// Len returns the number of stories in the index.
func (x *Index) Len() int { return x.entries.len() }

// EventOf returns the event of a story in the index, by its key.
func (x *Index) EventOf(key string) (string, bool) {
	n, ok := x.byKey[key]
	if !ok {
		return "", false
	}
	return x.entries.at(n).event, true
}

// Size returns the number of stories of an event in the index.
func (x *Index) Size(event string) int { return x.sizes[event] }

// Add finds the event of a new story, joining the best-scoring event it
// matches or beginning a new one, and keeps it in the index. A story
// already in the index keeps its event.
func (x *Index) Add(s Story) Assignment {
	if n, ok := x.byKey[s.Key]; ok {
		return Assignment{Event: x.entries.at(n).event}
	}
	e := x.newEntry(s)
	x.entryKeys(e)
	var best *entry
	var bestJoin Join
	for _, n := range x.candidates(e.title) {
		c := x.entries.at(n)
		if j, ok := x.judge(e, c); ok && (best == nil || j.rank > bestJoin.rank) {
			best, bestJoin = c, j
		}
	}
	var a Assignment
	if best != nil {
		bestJoin.With = best.key
		e.event = best.event
		a = Assignment{Event: e.event, Join: &bestJoin}
	} else {
		e.event = NewID(s.Key)
		a = Assignment{Event: e.event}
	}
	x.insert(e)
	return a
}

// Restore puts a story back in the index under the event it was given
// before, as when the window is loaded from the store.
func (x *Index) Restore(s Story, event string) {
	if _, ok := x.byKey[s.Key]; ok || event == "" {
		return
	}
	e := x.newEntry(s)
	e.event = event
	x.entryKeys(e)
	x.insert(e)
}

// NewID returns the id of an event begun by the story with the given key:
// the same story always begins the same id.
func NewID(key string) string {
	return fmt.Sprintf("%012x", mix(hashString(key))>>16)
}

// Expire takes out of the index the stories that arrived before t.
func (x *Index) Expire(t time.Time) {
	for x.entries.len() > 0 && x.entries.at(x.entries.head).seen.Before(t) {
		x.removeOldest()
	}
}

func (x *Index) newEntry(s Story) *entry {
	tt := Tokens(s.Title, s.Language)
	lt := Tokens(s.Lead, s.Language)
	all := append(slices.Clip(tt), lt...)
	e := &entry{
		key: s.Key, feed: x.name(s.Feed), outlet: x.name(outletOf(s.Link, s.Feed)), link: digest(s.Link), guid: digest(s.GUID), lang: x.name(s.Language),
		published: s.Published, seen: s.Seen,
		title: hashSet(tt), all: hashSet(all),
		numbers: Numbers(all), titleNumbers: Numbers(tt),
	}
	if s.GUID == s.Link {
		e.guid = e.link
	}
	if e.seen.IsZero() {
		e.seen = s.Published
	}
	for _, c := range s.Concepts {
		if c.Where == wirewatch.PlaceBody {
			continue
		}
		x.labels[c.ID] = c.Label
		if c.Kind == topics.KindName {
			e.names = append(e.names, c.ID)
			if c.Where == wirewatch.PlaceTitle {
				e.titleNames = append(e.titleNames, c.ID)
				if country := standsFor[c.ID]; country != "" {
					e.titleNames = append(e.titleNames, country)
				}
			}
			if country := standsFor[c.ID]; country != "" {
				e.names = append(e.names, country)
			}
		} else {
			e.subjects = append(e.subjects, c.ID)
		}
	}
	for _, l := range []*[]string{&e.names, &e.subjects, &e.titleNames} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return e
}

// digest returns what the index keeps of a link or a guid, which it only
// compares: its 64-bit hash, as an 8-byte string; "" for "".
func digest(s string) string {
	if s == "" {
		return ""
	}
	return string(binary.LittleEndian.AppendUint64(nil, hashString(s)))
}

// name returns the index's copy of a feed name or a language.
func (x *Index) name(s string) string {
	if c, ok := x.names[s]; ok {
		return c
	}
	x.names[s] = s
	return s
}

// entryKeys computes the index keys of an entry into the scratch lists:
// its link and guid, its LSH bands (of the title, and of title and
// lead) and its pairs of a name and a subject. Its title words are keys
// too.
func (x *Index) entryKeys(e *entry) {
	sc := &x.scratch
	sc.links, sc.pairs = sc.links[:0], sc.pairs[:0]
	if e.link != "" {
		sc.links = append(sc.links, hashString("l:"+e.link))
	}
	if e.guid != "" {
		sc.links = append(sc.links, hashString("g:"+e.guid))
	}
	sc.bands = appendBandKeys(appendBandKeys(sc.bands[:0], e.title, 1), e.all, 2)
	for _, n := range e.names {
		for _, s := range e.subjects {
			sc.pairs = append(sc.pairs, hashString(n+"\x00"+s))
		}
	}
}

// insert keeps an entry, under the keys entryKeys computed last, and
// takes out the oldest stories past the index's bound.
func (x *Index) insert(e *entry) {
	n := x.entries.tail
	sc := &x.scratch
	for _, l := range [][]uint64{sc.links, sc.bands, sc.pairs, e.title} {
		for _, k := range l {
			x.keys.add(k, n)
		}
	}
	for _, h := range e.title {
		x.df[h]++
	}
	e.endNode = x.keys.nodes.tail
	x.byKey[e.key] = n
	x.sizes[e.event]++
	x.entries.push(*e)
	for x.entries.len() > x.maxStories {
		if !x.entries.at(x.entries.head).seen.Before(e.seen.Add(-x.window)) {
			x.crowded++
		}
		x.removeOldest()
	}
}

// Crowded returns how many stories the bound on stories (MaxStories) has
// taken out of the index while they were still inside the window, since
// it was last called, and the time the index covers now: a later story
// can join no event older than that. It is zero while the bound keeps
// the whole window.
func (x *Index) Crowded() (stories int, covers time.Duration) {
	stories, x.crowded = x.crowded, 0
	if n := x.entries.len(); n > 0 {
		covers = x.entries.at(x.entries.tail - 1).seen.Sub(x.entries.at(x.entries.head).seen)
	}
	return stories, covers
}

// removeOldest takes the story that arrived first out of the index.
func (x *Index) removeOldest() {
	e := x.entries.at(x.entries.head)
	delete(x.byKey, e.key)
	if x.sizes[e.event]--; x.sizes[e.event] <= 0 {
		delete(x.sizes, e.event)
	}
	for _, h := range e.title {
		if x.df[h]--; x.df[h] <= 0 {
			delete(x.df, h)
		}
	}
	for x.keys.nodes.head < e.endNode {
		x.keys.dropOldest()
	}
	x.entries.pop()
}

// candidates returns the stories that share one of the keys entryKeys
// computed last or a rare word of the title, the newest maxScan of each
// key, each once.
func (x *Index) candidates(title []uint64) []int64 {
	sc := &x.scratch
	if sc.seen == nil {
		sc.seen = map[int64]struct{}{}
	}
	clear(sc.seen)
	out := sc.found[:0]
	head := x.entries.head
	scan := func(key uint64) {
		// Every story looked at counts, found before or not: a long
		// chain of stories already found costs maxScan, not its length.
		k := 0
		x.keys.chain(key, func(id int64) bool {
			if k >= maxScan || len(out) >= maxCandidates {
				return false
			}
			k++
			n := head + int64(uint32(id)-uint32(head))
			if _, ok := sc.seen[n]; !ok {
				sc.seen[n] = struct{}{}
				out = append(out, n)
			}
			return true
		})
	}
	for _, k := range sc.links {
		scan(k)
	}
	for _, k := range sc.bands {
		scan(k)
	}
	for _, h := range title {
		if x.rare(h) {
			scan(h)
		}
	}
	for _, k := range sc.pairs {
		scan(k)
	}
	sc.found = out
	return out
}

// rare reports whether a title word is rare enough in the window to be
// evidence: at most maxRareShare of the stories, and never more than
// maxRareStories of them.
func (x *Index) rare(h uint64) bool {
	n := int(x.df[h])
	return n <= maxRareStories && float64(n) <= maxRareShare*float64(max(x.Len(), minRareBase))
}

// idf is the weight of a title word: high for the rare ones.
func (x *Index) idf(h uint64) float64 {
	return math.Log(float64(x.Len()+2) / float64(x.df[h]+1))
}

// weightedSimilarity is the share of the two titles' word weight (idf)
// that they share.
func (x *Index) weightedSimilarity(a, b []uint64) (sim float64, shared int) {
	w := x.weigh(a, b)
	return w.jaccard(), w.shared
}

// overlap is the weight (idf) of two sets of words: of each, and of the
// words both hold.
type overlap struct {
	a, b, both float64
	// shared counts the words both hold, and informative those of them
	// rare enough to tell stories apart (not "to", "in", "says").
	shared, informative int
}

// minInformative is the least weight of an informative word, as a share
// of the weight of a word no headline of the window holds: in a window of
// 4,000 stories, a word in at most about 150 of them.
const minInformative = 0.4

// jaccard is the share of the union's weight both hold.
func (o overlap) jaccard() float64 {
	if u := o.a + o.b - o.both; u > 0 {
		return o.both / u
	}
	return 0
}

// cover is the share of the lighter set's weight the other holds too: a
// short headline inside a long one covers all of it.
func (o overlap) cover() float64 {
	if m := min(o.a, o.b); m > 0 {
		return o.both / m
	}
	return 0
}

// weigh returns the weight of two sorted sets of word hashes and of the
// words they share, each word weighing its idf among the window's
// headlines (a word of a lead that no headline holds weighs most).
func (x *Index) weigh(a, b []uint64) overlap {
	var o overlap
	floor := minInformative * x.rareWeight()
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			o.a += x.idf(a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			o.b += x.idf(b[j])
			j++
		default:
			w := x.idf(a[i])
			o.a += w
			o.b += w
			o.both += w
			o.shared++
			if w >= floor {
				o.informative++
			}
			i++
			j++
		}
	}
	return o
}
