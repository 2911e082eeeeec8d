package topics

import (
	"fmt"

	"github.com/wirewatch/wirewatch"
)

// Tagger tags any story with the concepts it names: every concept of the
// built-in packs (icbm, nuclear-test, sanctions...), every name of the
// table of names (Kim Jong Un, Hwasong, Sea of Japan...) and every
// country by its CLDR names in the detector's languages, whatever topics
// are configured. Concepts carry English labels, so that stories in
// different languages about the same thing can be joined and glossed
// without translation. A Tagger is safe for concurrent use.
type Tagger struct {
	m *Matcher
	// meta holds each concept's description, by id.
	meta map[string]Concept
}

// ConceptHit is one concept a story names.
type ConceptHit struct {
	// ID is the concept's id, such as "icbm" or "north-korea".
	ID string `json:"id"`
	// Label is its English label, such as "ICBM" or "North Korea".
	Label string `json:"label"`
	// Kind and Class say what the concept is.
	Kind  ConceptKind `json:"kind"`
	Class string      `json:"class,omitempty"`
	// Where is the strongest place it stood: the title, the subject
	// fields, the lead, or only the body.
	Where wirewatch.HitPlace `json:"where"`
	// Terms are the concept's terms that occurred, as the tables write
	// them.
	Terms []string `json:"terms"`
}

// NewTagger compiles every concept into one matcher. It takes a fraction
// of a second and several megabytes: build one and share it.
func NewTagger() (*Tagger, error) {
	cs := countryConcepts(Concepts())
	t := &Tagger{meta: make(map[string]Concept, len(cs))}
	specs := make([]Spec, 0, len(cs))
	for _, c := range cs {
		if len(c.Terms) == 0 {
			continue
		}
		meta := c
		meta.Terms = nil
		t.meta[c.ID] = meta
		specs = append(specs, Spec{ID: c.ID, Name: c.Label, Any: c.Terms, Scope: ScopeAll})
	}
	m, _, err := compile(specs, false)
	if err != nil {
		return nil, fmt.Errorf("compile concepts: %w", err)
	}
	t.m = m
	return t, nil
}

// Tag returns the concepts the story names, in the order of the concept
// tables, in one pass over its fields.
func (t *Tagger) Tag(d Doc) []ConceptHit {
	ms := t.m.Match(d)
	if len(ms) == 0 {
		return nil
	}
	out := make([]ConceptHit, 0, len(ms))
	for _, mt := range ms {
		meta := t.meta[mt.Topic]
		h := ConceptHit{ID: meta.ID, Label: meta.Label, Kind: meta.Kind, Class: meta.Class, Where: wirewatch.PlaceBody}
		for _, hit := range mt.Hits {
			h.Terms = append(h.Terms, hit.Term)
			if placeRank(hit.Where) < placeRank(h.Where) {
				h.Where = hit.Where
			}
		}
		out = append(out, h)
	}
	return out
}

// Concepts returns the number of concepts the tagger knows.
func (t *Tagger) Concepts() int { return len(t.meta) }

// placeRank orders places from the strongest.
func placeRank(p wirewatch.HitPlace) int {
	switch p {
	case wirewatch.PlaceTitle:
		return 0
	case wirewatch.PlaceSubject:
		return 1
	case wirewatch.PlaceLead:
		return 2
	}
	return 3
}
