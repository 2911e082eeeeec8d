// Package article fetches the article pages of teaser stories, whose feed
// carries a line or two, so that topics are matched on the article's text.
//
// Extract finds the readable part of an HTML page with go-readability (the
// only package that uses it): the article's paragraphs without the site's
// navigation, related links and footer. A Fetcher gets each page through
// the feed fetcher, so that its limits on size, time, redirects and
// requests per host apply, caches the result by URL in the store, and
// spends a budget per poll (Poll) so that a feed of hundreds of teasers
// cannot turn one poll into hundreds of page loads. Links that leave the
// feed's own host must lead to public addresses. A page that fails leaves
// the story with its feed text.
//
// Mode is the fetch_article setting: which stories want their article.
package article
