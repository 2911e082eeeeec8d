package feedgen

// Topics are watch-topics as a newsroom would write them for these feeds,
// as a `topics:` YAML block: four built-in packs (one of them an alert)
// and a topic of its own.
const Topics = `
topics:
  - id: missiles
    include: ballistic-missiles
    alert: true
  - id: sanctions
    include: sanctions
  - id: nuclear
    include: nuclear-weapons
  - id: dprk
    include: north-korea
  - id: rates
    name: Interest rates
    any: [interest rate*, key rate*, ключев* ставк*, 기준금리, 利率, tipos de interés]
`
