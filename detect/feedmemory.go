package detect

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"unicode"
)

// Limits of what the detector remembers of each feed's language. A feed
// whose last priorStories stories lingua found in one language, each with
// at least priorConfidence, has that language as its prior: its next
// stories are confirmed without lingua when their script, letters and
// stop words agree (see Detector.confirm). One story in checkEvery still
// goes to lingua, so that the prior is checked as it is used. A feed's
// state has a fixed size whatever its history; the detector keeps at most
// maxFeeds feeds, forgetting the least recently seen.
const (
	priorStories    = 8
	priorConfidence = 0.95
	checkEvery      = 16
	// maxFeedLetters is how many letters outside ASCII a feed's prior
	// keeps; a story with a letter its feed's stories never used is left
	// to lingua.
	maxFeedLetters = 48
	maxFeeds       = 20000
)

// feedMemoryVersion is the version of the MarshalFeedLanguages format.
const feedMemoryVersion = 1

// feedLanguage is what the detector knows of one feed's language.
type feedLanguage struct {
	// code is the language of the feed's last stories that lingua saw.
	code string
	// streak counts those stories, up to priorStories, and conf is the
	// lowest confidence among them.
	streak int
	conf   float64
	// unchecked counts the stories confirmed without lingua since
	// lingua last saw one.
	unchecked int
	// letters are the letters outside ASCII, lower-cased and sorted, of
	// the stories of the streak.
	letters []rune
	// seen orders feeds by recency, for eviction.
	seen uint64
}

// feedMemory is the language prior of every feed. It is safe for
// concurrent use.
type feedMemory struct {
	mu    sync.Mutex
	feeds map[string]*feedLanguage
	clock uint64
}

// newFeedMemory returns an empty memory.
func newFeedMemory() *feedMemory {
	return &feedMemory{feeds: make(map[string]*feedLanguage)}
}

// prior returns a copy of the feed's state when it has a prior and lingua
// need not check this story, and false otherwise. It counts the story as
// one lingua did not see when the caller confirms it (see confirmed).
func (m *feedMemory) prior(source string) (feedLanguage, bool) {
	if source == "" {
		return feedLanguage{}, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.feeds[source]
	if !ok || f.streak < priorStories || f.unchecked+1 >= checkEvery {
		return feedLanguage{}, false
	}
	return *f, true
}

// language returns the language of the feed's last stories while they
// are all in one language, or "".
func (m *feedMemory) language(source string) string {
	if source == "" {
		return ""
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.feeds[source]; ok && f.streak > 0 {
		return f.code
	}
	return ""
}

// confirmed records that a story of the feed was confirmed without lingua.
func (m *feedMemory) confirmed(source string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.feeds[source]; ok {
		f.unchecked++
		m.clock++
		f.seen = m.clock
	}
}

// learn records the language lingua found for a story of the feed, with
// the sample it read: a confident answer in the feed's language extends
// its streak, a confident answer in another starts a new one, and a doubt
// ends it.
func (m *feedMemory) learn(source string, g guess, sample string) {
	if source == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clock++
	f, ok := m.feeds[source]
	if !ok {
		f = &feedLanguage{seen: m.clock}
		m.feeds[source] = f
		m.evict()
	}
	f.seen = m.clock
	f.unchecked = 0
	switch {
	case g.code == "und" || g.conf < priorConfidence:
		f.streak = 0
		return
	case g.code != f.code || f.streak == 0:
		f.code, f.streak, f.conf, f.letters = g.code, 0, 1, f.letters[:0]
	}
	f.streak = min(f.streak+1, priorStories)
	f.conf = min(f.conf, g.conf)
	f.letters = addLetters(f.letters, sample)
}

// evict forgets the least recently seen feed when over maxFeeds. m.mu
// must be held.
func (m *feedMemory) evict() {
	if len(m.feeds) <= maxFeeds {
		return
	}
	oldest, at := "", ^uint64(0)
	for name, f := range m.feeds {
		if f.seen < at {
			oldest, at = name, f.seen
		}
	}
	delete(m.feeds, oldest)
}

// addLetters adds the letters of s outside ASCII, lower-cased, to the
// sorted set letters, which stops growing at maxFeedLetters.
func addLetters(letters []rune, s string) []rune {
	for _, r := range s {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		r = unicode.ToLower(r)
		i, found := slices.BinarySearch(letters, r)
		if found || len(letters) >= maxFeedLetters {
			continue
		}
		letters = slices.Insert(letters, i, r)
	}
	return letters
}

// knowsLetters reports whether every letter of s outside ASCII is in the
// sorted set letters.
func knowsLetters(letters []rune, s string) bool {
	for _, r := range s {
		if r < 0x80 || !unicode.IsLetter(r) {
			continue
		}
		if _, found := slices.BinarySearch(letters, unicode.ToLower(r)); !found {
			return false
		}
	}
	return true
}

// feedMemoryState is the persisted form of the memory.
type feedMemoryState struct {
	Version int                 `json:"version"`
	Feeds   []feedLanguageState `json:"feeds"`
}

// feedLanguageState is one feed's state.
type feedLanguageState struct {
	Name    string  `json:"name"`
	Code    string  `json:"code"`
	Streak  int     `json:"streak"`
	Conf    float64 `json:"conf"`
	Letters string  `json:"letters,omitempty"`
}

// marshal returns the memory as JSON, least recently seen feed first.
func (m *feedMemory) marshal() ([]byte, error) {
	m.mu.Lock()
	st := feedMemoryState{Version: feedMemoryVersion, Feeds: make([]feedLanguageState, 0, len(m.feeds))}
	order := make([]string, 0, len(m.feeds))
	for name := range m.feeds {
		order = append(order, name)
	}
	slices.SortFunc(order, func(a, b string) int {
		return cmp.Compare(m.feeds[a].seen, m.feeds[b].seen)
	})
	for _, name := range order {
		f := m.feeds[name]
		st.Feeds = append(st.Feeds, feedLanguageState{Name: name, Code: f.code, Streak: f.streak, Conf: f.conf, Letters: string(f.letters)})
	}
	m.mu.Unlock()
	out, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("marshal feed languages: %w", err)
	}
	return out, nil
}

// unmarshal replaces the memory by the state in data.
func (m *feedMemory) unmarshal(data []byte) error {
	var st feedMemoryState
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("unmarshal feed languages: %w", err)
	}
	if st.Version != feedMemoryVersion {
		return fmt.Errorf("unmarshal feed languages: unsupported version %d", st.Version)
	}
	feeds := make(map[string]*feedLanguage, len(st.Feeds))
	var clock uint64
	for _, fs := range st.Feeds {
		if fs.Name == "" {
			return fmt.Errorf("unmarshal feed languages: feed without a name")
		}
		clock++
		letters := addLetters(nil, fs.Letters)
		feeds[fs.Name] = &feedLanguage{code: fs.Code, streak: min(max(fs.Streak, 0), priorStories), conf: fs.Conf, letters: letters, seen: clock}
	}
	for len(feeds) > maxFeeds {
		oldest := st.Feeds[0].Name
		st.Feeds = st.Feeds[1:]
		delete(feeds, oldest)
	}
	m.mu.Lock()
	m.feeds, m.clock = feeds, clock
	m.mu.Unlock()
	return nil
}
