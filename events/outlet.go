package events

import "strings"

// outletOf returns the outlet of a story: the host of its link, lower
// case, without a port and without the prefixes that tell one site's
// servers apart ("www.", "m.", "feeds."), or its feed when it has no
// link with a host. Two feeds of one site (a broadcaster's science and
// business feeds) are one outlet. It reads the link by hand, without
// allocating: it runs for every story.
func outletOf(link, feed string) string {
	i := strings.Index(link, "://")
	if i < 0 {
		return "feed:" + feed
	}
	h := link[i+3:]
	if j := strings.IndexAny(h, "/?#"); j >= 0 {
		h = h[:j]
	}
	if j := strings.LastIndexByte(h, '@'); j >= 0 {
		h = h[j+1:]
	}
	if j := strings.LastIndexByte(h, ':'); j >= 0 && !strings.Contains(h[j:], "]") {
		h = h[:j]
	}
	if h == "" {
		return "feed:" + feed
	}
	h = strings.ToLower(h)
	for _, p := range []string{"www.", "m.", "feeds.", "rss.", "amp."} {
		h = strings.TrimPrefix(h, p)
	}
	return h
}
