package detect

import (
	"container/list"
	"encoding/json"
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Limits of boilerplate learning. A segment is boilerplate once it has been
// seen in boilerplateItems distinct items of one source. Each source keeps
// at most maxSegmentsPerSource segment counts and the detector at most
// maxSources sources, the least recently used going first, so memory stays
// bounded (about 100 bytes a segment: a few MB at the caps).
const (
	boilerplateItems     = 3
	maxSegmentsPerSource = 2048
	maxSources           = 512
	// maxBoilerplateRunes: longer lines are never taken for boilerplate; a
	// paragraph repeated across updates of a live story is still story.
	maxBoilerplateRunes = 300
)

// boilerplateVersion is the version of the MarshalBoilerplate format.
const boilerplateVersion = 1

// segmentSeen records the distinct items a segment was seen in.
type segmentSeen struct {
	hash uint64
	// items holds the hashes of the first items the segment was seen in,
	// up to boilerplateItems.
	items []uint64
}

// sourceSegments is one source's segment counts, most recently used first.
type sourceSegments struct {
	name  string
	order *list.List // of *segmentSeen
	index map[uint64]*list.Element
}

// boilerplate learns the segments that recur across the items of each
// source. It is safe for concurrent use.
type boilerplate struct {
	mu      sync.Mutex
	order   *list.List // of *sourceSegments, most recently used first
	sources map[string]*list.Element
}

// newBoilerplate returns an empty boilerplate learner.
func newBoilerplate() *boilerplate {
	return &boilerplate{order: list.New(), sources: make(map[string]*list.Element)}
}

// segmentHash returns the hash of a segment, insensitive to case and
// spacing: the 64-bit FNV-1a hash of its lower-cased words joined by one
// space, computed as it reads the segment.
func segmentHash(s string) uint64 {
	h := uint64(fnvOffset)
	var buf [utf8.UTFMax]byte
	started, space := false, false
	for _, r := range s {
		if isSpace(r) {
			space = started
			continue
		}
		if space {
			h = (h ^ ' ') * fnvPrime
			space = false
		}
		started = true
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			h = (h ^ uint64(r)) * fnvPrime
			continue
		}
		for _, b := range utf8.AppendRune(buf[:0], unicode.ToLower(r)) {
			h = (h ^ uint64(b)) * fnvPrime
		}
	}
	return h
}

// eligible reports whether a line can be learnt as boilerplate.
func eligibleBoilerplate(line string) bool {
	n := utf8.RuneCountInString(line)
	return n > 0 && n <= maxBoilerplateRunes
}

// observe records that the item identified by item holds the segments with
// the given hashes, and reports for each whether it is now boilerplate. An
// empty source learns nothing.
func (b *boilerplate) observe(source string, item uint64, hashes []uint64) []bool {
	out := make([]bool, len(hashes))
	if source == "" || len(hashes) == 0 {
		return out
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	src := b.source(source)
	for i, h := range hashes {
		seen := src.segment(h)
		if len(seen.items) < boilerplateItems && !containsHash(seen.items, item) {
			seen.items = append(seen.items, item)
		}
		out[i] = len(seen.items) >= boilerplateItems
	}
	return out
}

// source returns the named source's segments, creating it and evicting the
// least recently used source when over the cap. b.mu must be held.
func (b *boilerplate) source(name string) *sourceSegments {
	if e, ok := b.sources[name]; ok {
		b.order.MoveToFront(e)
		return e.Value.(*sourceSegments)
	}
	src := &sourceSegments{name: name, order: list.New(), index: make(map[uint64]*list.Element)}
	b.sources[name] = b.order.PushFront(src)
	for b.order.Len() > maxSources {
		last := b.order.Back()
		b.order.Remove(last)
		delete(b.sources, last.Value.(*sourceSegments).name)
	}
	return src
}

// segment returns the record of a segment, creating it and evicting the
// least recently seen segment when over the cap.
func (s *sourceSegments) segment(h uint64) *segmentSeen {
	if e, ok := s.index[h]; ok {
		s.order.MoveToFront(e)
		return e.Value.(*segmentSeen)
	}
	seen := &segmentSeen{hash: h}
	s.index[h] = s.order.PushFront(seen)
	for s.order.Len() > maxSegmentsPerSource {
		last := s.order.Back()
		s.order.Remove(last)
		delete(s.index, last.Value.(*segmentSeen).hash)
	}
	return seen
}

// containsHash reports whether hs holds h.
func containsHash(hs []uint64, h uint64) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// boilerplateState is the persisted form of what boilerplate learnt.
type boilerplateState struct {
	Version int `json:"version"`
	// Sources are least recently used first, so that restoring them in
	// order rebuilds the same recency.
	Sources []sourceState `json:"sources"`
}

// sourceState is one source's segments, least recently seen first.
type sourceState struct {
	Name     string         `json:"name"`
	Segments []segmentState `json:"segments"`
}

// segmentState is one segment's hash and the items it was seen in.
type segmentState struct {
	Hash  uint64   `json:"h"`
	Items []uint64 `json:"i"`
}

// marshal returns what was learnt as JSON.
func (b *boilerplate) marshal() ([]byte, error) {
	b.mu.Lock()
	st := boilerplateState{Version: boilerplateVersion, Sources: make([]sourceState, 0, b.order.Len())}
	for e := b.order.Back(); e != nil; e = e.Prev() {
		src := e.Value.(*sourceSegments)
		ss := sourceState{Name: src.name, Segments: make([]segmentState, 0, src.order.Len())}
		for se := src.order.Back(); se != nil; se = se.Prev() {
			seen := se.Value.(*segmentSeen)
			ss.Segments = append(ss.Segments, segmentState{Hash: seen.hash, Items: append([]uint64(nil), seen.items...)})
		}
		st.Sources = append(st.Sources, ss)
	}
	b.mu.Unlock()
	out, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("marshal boilerplate: %w", err)
	}
	return out, nil
}

// unmarshal replaces what was learnt by the state in data.
func (b *boilerplate) unmarshal(data []byte) error {
	var st boilerplateState
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("unmarshal boilerplate: %w", err)
	}
	if st.Version != boilerplateVersion {
		return fmt.Errorf("unmarshal boilerplate: unsupported version %d", st.Version)
	}
	fresh := newBoilerplate()
	for _, ss := range st.Sources {
		if ss.Name == "" {
			return fmt.Errorf("unmarshal boilerplate: source without a name")
		}
		src := fresh.source(ss.Name)
		for _, seg := range ss.Segments {
			seen := src.segment(seg.Hash)
			for _, it := range seg.Items {
				if len(seen.items) < boilerplateItems && !containsHash(seen.items, it) {
					seen.items = append(seen.items, it)
				}
			}
		}
	}
	b.mu.Lock()
	b.order, b.sources = fresh.order, fresh.sources
	b.mu.Unlock()
	return nil
}
