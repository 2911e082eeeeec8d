// Package topics compiles watch-topics (plain terms, phrases, prefixes,
// regular expressions and boolean queries, in any language) into one
// matcher and matches stories against it in a single pass.
//
// Every topic's literal terms go into one Aho-Corasick automaton over the
// normalised text (NFKC, Unicode case folding, punctuation mapped to
// separators), so the cost of matching a story hardly depends on how many
// terms are configured. Each automaton hit is then checked against the
// word-boundary rule of its script: whole words in scripts that separate
// words with spaces, word prefixes in Hangul, substrings in Han, Kana and
// Thai. Regular-expression terms are matched separately.
//
// The package also holds the built-in topic packs (see Packs) that a
// configured topic can include and extend.
package topics
