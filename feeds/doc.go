// Package feeds fetches news feeds and turns them into stories.
//
// A Fetcher does the HTTP itself (timeouts, conditional GET, gzip with a
// capped decompressed size, Retry-After, redirect limits and bounded
// concurrency, globally and per host) and also reads local files. Parse
// decodes the body to UTF-8 whatever its legacy encoding, parses RSS, Atom
// or JSON Feed with gofeed, and normalises each entry into a
// wirewatch.Item: plain-text title and summary, canonical link without
// tracking parameters, a stable identity, and dates with sensible
// fallbacks.
package feeds
