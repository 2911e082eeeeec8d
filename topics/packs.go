package topics

import "sort"

// packDef is a built-in pack as written: its terms grouped by concept.
type packDef struct {
	id, name string
	// concepts hold the terms of which one must occur.
	concepts []Concept
	// all are groups of concepts each of which must occur too.
	all [][]Concept
	// none are terms any of which rejects a story.
	none []Term
	// include are the ids of packs whose match is a match of this pack
	// too, each with its own none terms.
	include []string
}

// spec turns the pack into a topic spec.
func (p packDef) spec() Spec {
	sp := Spec{ID: p.id, Name: p.name, Any: termsOf(p.concepts...), None: p.none, Include: p.include, Scope: ScopeLead}
	for _, g := range p.all {
		sp.All = append(sp.All, termsOf(g...))
	}
	return sp
}

// packDefs returns the built-in packs as written, in a stable order.
func packDefs() []packDef {
	return []packDef{
		ballisticMissilesPack(),
		nuclearWeaponsPack(),
		nuclearTestsPack(),
		sanctionsPack(),
		northKoreaPack(),
		iranNuclearPack(),
		cyberattacksPack(),
		earthquakesPack(),
	}
}

// Packs returns the built-in topic packs, in a stable order. Each call
// returns fresh values that the caller may change. Every term of a pack
// carries its concept and language; packs count hits by ScopeLead.
//
// Every pack has terms in English, Russian, Ukrainian, Chinese, Japanese,
// Korean, Arabic, Persian, Urdu, French, German, Spanish, Portuguese,
// Italian, Turkish and Hindi, chosen to avoid known traps, each with a
// guard or a none term: bare Chinese and Japanese 核 (which is also
// "core" in 核心), Korean 핵 (also in 핵심, and 결핵 "tuberculosis"),
// English "sanction" (also "approve"), Portuguese "sancionar" (to sign a
// law), Spanish "sin embargo" ("however"), German "Rakete" (also a space
// rocket), Korean 이란 (Iran, but also the ending "that is called"), 북
// (North Korea, but also a drum) and Urdu and Hindi words for "ban" that
// also mean sanctions.
func Packs() []Spec {
	defs := packDefs()
	specs := make([]Spec, len(defs))
	for i, p := range defs {
		specs[i] = p.spec()
	}
	return specs
}

// Pack returns the built-in pack with the given id.
func Pack(id string) (Spec, bool) {
	for _, p := range packDefs() {
		if p.id == id {
			return p.spec(), true
		}
	}
	return Spec{}, false
}

// PackConcepts returns the concepts of the pack with the given id, in the
// order the pack lists them: those of which one must occur, and the
// groups of concepts each of which must occur too.
func PackConcepts(id string) (anyOf []Concept, allOf [][]Concept, ok bool) {
	for _, p := range packDefs() {
		if p.id == id {
			return p.concepts, p.all, true
		}
	}
	return nil, nil, false
}

// PackIDs returns the ids of the built-in packs, sorted.
func PackIDs() []string {
	defs := packDefs()
	ids := make([]string, len(defs))
	for i, p := range defs {
		ids[i] = p.id
	}
	sort.Strings(ids)
	return ids
}
