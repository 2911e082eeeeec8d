package topics

// Packs returns the built-in topic packs, in a stable order. Each call
// returns fresh values that the caller may change.
//
// Every pack has terms in English, Russian, Ukrainian, Chinese, Japanese,
// Korean, Arabic, Persian, Urdu, French, German, Spanish, Portuguese,
// Italian, Turkish and Hindi, chosen to avoid known traps: bare Chinese
// and Japanese 核 (which is also "core" in 核心), Korean 핵 (also in 핵심),
// English "sanction" (also "approve"), Portuguese "sancionar" (to sign a
// law), Spanish "sin embargo" ("however"), German "Rakete" (also a space
// rocket) and Urdu and Hindi words for "ban" that also mean sanctions.
func Packs() []Spec {
	return []Spec{
		ballisticMissilesPack(),
		nuclearWeaponsPack(),
		sanctionsPack(),
		northKoreaPack(),
		iranNuclearPack(),
		cyberattacksPack(),
		earthquakesPack(),
	}
}

// Pack returns the built-in pack with the given id.
func Pack(id string) (Spec, bool) {
	for _, p := range Packs() {
		if p.ID == id {
			return p, true
		}
	}
	return Spec{}, false
}
