package events

import (
	"net/url"
	"strings"
)

// outletOf returns the outlet of a story: the host of its link without
// the prefixes that tell one site's servers apart ("www.", "m.",
// "feeds."), or its feed when it has no link. Two feeds of one site (a
// broadcaster's science and business feeds) are one outlet.
func outletOf(link, feed string) string {
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return "feed:" + feed
	}
	h := strings.ToLower(u.Hostname())
	for _, p := range []string{"www.", "m.", "feeds.", "rss.", "amp."} {
		h = strings.TrimPrefix(h, p)
	}
	return h
}
