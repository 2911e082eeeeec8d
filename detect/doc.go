// Package detect finds the language of each story and the noise that
// scraping leaves in it: site chrome, widget text in another script,
// boilerplate repeated across a feed's stories, confusable characters that
// mix scripts inside one word, and text in a broken encoding (mojibake).
//
// It is the only package that uses lingua-go. A Detector is built once,
// with its language models preloaded, and is safe for concurrent use. Its
// Analyze method turns one story into a wirewatch.Analysis: the clean title
// and text, the noise segments with the reason for each, and the language
// detected on the clean text, helped by the feed's declared language.
package detect
