package topics

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// ConceptKind says what a concept is.
type ConceptKind string

// The kinds of concept.
const (
	// KindSubject is something a story can be about: a kind of weapon,
	// an event, a measure (icbm, nuclear-test, sanctions).
	KindSubject ConceptKind = "subject"
	// KindName is a proper name written across scripts: a person, a
	// place, a country, an organisation or a named weapon system.
	KindName ConceptKind = "name"
)

// Classes of names.
const (
	ClassPerson       = "person"
	ClassPlace        = "place"
	ClassCountry      = "country"
	ClassOrganization = "organization"
	ClassWeapon       = "weapon"
)

// Concept is one idea that terms in many languages express, with an
// English label: icbm is "ICBM", 洲际弹道导弹, 대륙간탄도미사일,
// межконтинентальная баллистическая ракета. Every term of a built-in
// pack belongs to one.
type Concept struct {
	// ID is the concept's stable id, such as "icbm" or "kim-jong-un".
	ID string `json:"id"`
	// Label is its English label, such as "ICBM" or "Kim Jong Un".
	Label string `json:"label"`
	// Kind says whether it is a subject or a name.
	Kind ConceptKind `json:"kind"`
	// Class narrows a name: one of the Class constants; empty for
	// subjects.
	Class string `json:"class,omitempty"`
	// Region is the ISO 3166-1 code of a country, such as "KP".
	Region string `json:"region,omitempty"`
	// Terms are its terms in every language, each with Concept and Lang
	// set.
	Terms []Term `json:"terms"`
}

// langTerms is one language's terms of a concept, while packs are
// written: each item is a string or a Term.
type langTerms struct {
	lang  string
	items []any
}

// Terms of one language, for writing concepts.
func en(items ...any) langTerms { return langTerms{"en", items} }
func fr(items ...any) langTerms { return langTerms{"fr", items} }
func de(items ...any) langTerms { return langTerms{"de", items} }
func es(items ...any) langTerms { return langTerms{"es", items} }
func pt(items ...any) langTerms { return langTerms{"pt", items} }
func it(items ...any) langTerms { return langTerms{"it", items} }
func tr(items ...any) langTerms { return langTerms{"tr", items} }
func ru(items ...any) langTerms { return langTerms{"ru", items} }
func uk(items ...any) langTerms { return langTerms{"uk", items} }
func zh(items ...any) langTerms { return langTerms{"zh", items} }
func ja(items ...any) langTerms { return langTerms{"ja", items} }
func ko(items ...any) langTerms { return langTerms{"ko", items} }
func ar(items ...any) langTerms { return langTerms{"ar", items} }
func fa(items ...any) langTerms { return langTerms{"fa", items} }
func ur(items ...any) langTerms { return langTerms{"ur", items} }
func hi(items ...any) langTerms { return langTerms{"hi", items} }

// anyLang holds terms written alike in every language: acronyms, codes.
func anyLang(items ...any) langTerms { return langTerms{"", items} }

// guarded returns a term with a guard.
func guarded(text string, g Guard) Term { return Term{Text: text, Guard: &g} }

// subject builds a subject concept from its terms by language.
func subject(id, label string, groups ...langTerms) Concept {
	return buildConcept(Concept{ID: id, Label: label, Kind: KindSubject}, groups)
}

// name builds a name concept of a class.
func name(id, label, class string, groups ...langTerms) Concept {
	return buildConcept(Concept{ID: id, Label: label, Kind: KindName, Class: class}, groups)
}

// country builds the name concept of a country with its ISO 3166-1 code;
// the tagger adds the country's CLDR names in many languages.
func country(id, label, region string, groups ...langTerms) Concept {
	c := name(id, label, ClassCountry, groups...)
	c.Region = region
	return c
}

func buildConcept(c Concept, groups []langTerms) Concept {
	for _, g := range groups {
		for _, item := range g.items {
			var t Term
			switch v := item.(type) {
			case string:
				t = Term{Text: v}
			case Term:
				t = v
			default:
				panic(fmt.Sprintf("concept %s: term %v is a %T, not a string or a Term", c.ID, item, item))
			}
			t.Concept, t.Lang = c.ID, g.lang
			c.Terms = append(c.Terms, t)
		}
	}
	return c
}

// termsOf returns the terms of concepts, in order.
func termsOf(cs ...Concept) []Term {
	var out []Term
	for _, c := range cs {
		out = append(out, c.Terms...)
	}
	return out
}

// Concepts returns every concept of the built-in packs and of the table of
// names written across scripts (see Names), in a stable order, each with
// the terms of every pack that uses it. Each call returns fresh values.
func Concepts() []Concept {
	var out []Concept
	index := map[string]int{}
	add := func(c Concept) {
		if i, ok := index[c.ID]; ok {
			for _, t := range c.Terms {
				if !slices.ContainsFunc(out[i].Terms, func(u Term) bool { return u.Text == t.Text && u.Lang == t.Lang }) {
					out[i].Terms = append(out[i].Terms, t)
				}
			}
			return
		}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	for _, p := range packDefs() {
		for _, c := range p.concepts {
			add(c)
		}
		for _, g := range p.all {
			for _, c := range g {
				add(c)
			}
		}
	}
	for _, c := range Names() {
		add(c)
	}
	return out
}

// LookupConcept returns the concept with the given id.
func LookupConcept(id string) (Concept, bool) {
	for _, c := range Concepts() {
		if c.ID == id {
			return c, true
		}
	}
	return Concept{}, false
}

// conceptTable is what the matcher needs to know about concepts: each
// one's label, and the concept of every pack term, by the key of its
// pattern, so that a topic's own term written like a pack's reports the
// same concept.
type conceptTable struct {
	labels map[string]string
	byKey  map[string]string
	// byLit lists the unguarded pack patterns by their automaton literal,
	// to find a pack term that covers a topic's own term.
	byLit map[string][]conceptPattern
}

// conceptPattern is a pack term's pattern and its concept.
type conceptPattern struct {
	p       *pattern
	concept string
}

// conceptOf returns the concept of a topic's own term: that of the pack
// term with the same pattern, else of an unguarded pack term that matches
// the term's text (ICBM* covers ICBM and ICBMs); "" when there is none.
func (ct *conceptTable) conceptOf(p *pattern) string {
	if c, ok := ct.byKey[p.key()]; ok {
		return c
	}
	if p.re != nil || len(p.toks) == 0 {
		return ""
	}
	var text strings.Builder
	for i, tk := range p.toks {
		if i > 0 {
			text.WriteByte(' ')
		}
		text.WriteString(tk.text)
	}
	for i := range p.lit {
		if i == 0 || !utf8.RuneStart(p.lit[i]) {
			continue
		}
		for _, cp := range ct.byLit[p.lit[:i]] {
			if cp.p.matchesText(text.String()) {
				return cp.concept
			}
		}
	}
	for _, cp := range ct.byLit[p.lit] {
		if cp.p.matchesText(text.String()) {
			return cp.concept
		}
	}
	return ""
}

// concepts returns the concept table, built once: the packs never change
// while the program runs.
var concepts = sync.OnceValue(func() *conceptTable {
	ct := &conceptTable{labels: map[string]string{}, byKey: map[string]string{}, byLit: map[string][]conceptPattern{}}
	for _, c := range Concepts() {
		ct.labels[c.ID] = c.Label
		for _, t := range c.Terms {
			if t.Guard != nil {
				continue // a guarded pattern differs from the bare word
			}
			p, err := parseTerm(t)
			if err != nil {
				continue
			}
			if _, ok := ct.byKey[p.key()]; !ok {
				ct.byKey[p.key()] = c.ID
				if p.re == nil && p.caseToks == nil {
					ct.byLit[p.lit] = append(ct.byLit[p.lit], conceptPattern{p, c.ID})
				}
			}
		}
	}
	return ct
})
