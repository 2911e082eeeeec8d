package feeds

import (
	"net/url"
	"strings"
)

// redacted replaces secret parts of URLs in errors and logs.
const redacted = "xxxxx"

// RedactURL returns raw with its userinfo and the values of its query
// parameters replaced by "xxxxx" and its fragment dropped, so that tokens
// carried in feed URLs never reach errors or logs. Parameter names, the
// host and the path are kept. A string that does not parse as a URL is
// cut before its query, and any userinfo is masked.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return redactUnparsed(raw)
	}
	if u.User != nil {
		u.User = url.User(redacted)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		u.RawQuery = redactQuery(u.RawQuery)
	}
	if u.Opaque != "" {
		// mailto:user@host?x=y and similar: keep only the scheme.
		return u.Scheme + ":" + redacted
	}
	return u.String()
}

// redactQuery keeps the parameter names of a raw query, in order, and
// replaces every value.
func redactQuery(q string) string {
	parts := strings.Split(q, "&")
	for i, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		parts[i] = name + "=" + redacted
	}
	return strings.Join(parts, "&")
}

// redactUnparsed masks what it can of a string url.Parse rejected.
func redactUnparsed(raw string) string {
	s := raw
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i] + "?" + redacted
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		end := strings.IndexAny(rest, "/?")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
			s = s[:i+3] + redacted + rest[at:]
		}
	}
	return s
}
