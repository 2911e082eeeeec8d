// Package events clusters stories from any feeds and languages into events:
// the same news told by several outlets, in several languages, within a
// window of time. It does no I/O: the store keeps what it decides, and the
// pipeline feeds it each new story as it arrives.
//
// Two stories join when they share a canonical link or guid, when their
// title and lead are near-duplicates (MinHash over normalised shingles,
// with character bigrams for Han and Kana and Korean particles stripped),
// when their headlines share rare words (weighed by how rare they are in
// the window, with the lead's rare words when the headlines share few),
// or, across languages and without translation, when they name the same
// concepts and names (the English-labelled tags of the topics package's
// Tagger) close together in time, with agreeing numbers. Stories of one
// outlet join only as copies of one story, so that its templated reports
// and recurring columns stay apart. Every join records its rule, why, and
// a score.
//
// Candidates are found through indexes (LSH bands, link and guid keys,
// pairs of a name and a subject), never by comparing a story with every
// other one, so the cost of a story stays flat as the window grows.
package events
