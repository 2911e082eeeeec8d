package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// trackingParams are query parameters that identify a campaign or a click,
// not a story. Names are compared in lower case; any "utm_" name matches
// too.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "mc_cid": true, "mc_eid": true, "yclid": true, "_hsenc": true,
	"_hsmi": true, "igshid": true, "ref_src": true, "ref_url": true, "cmpid": true,
	"ocid": true, "_ga": true, "_gl": true, "mkt_tok": true, "oly_anon_id": true,
	"oly_enc_id": true, "vero_id": true, "wt.mc_id": true, "wt_mc_id": true,
	"s_cid": true, "xtor": true, "icid": true, "ncid": true, "ito": true, "spm": true,
	"at_medium": true, "at_campaign": true, "at_custom1": true, "at_custom2": true,
	"at_custom3": true, "at_custom4": true,
}

// Identity returns a story's stable identity within its feed: the guid
// when there is one, else the (canonical) link, else "sha256:" and the
// first 32 hex digits of the SHA-256 of the normalised title and summary.
func Identity(guid, link, title, summary string) string {
	if g := strings.TrimSpace(guid); g != "" {
		return g
	}
	if l := strings.TrimSpace(link); l != "" {
		return l
	}
	return "sha256:" + hashHex(normaliseForHash(title)+"\n"+normaliseForHash(summary))
}

// normaliseForHash makes re-serialised copies of the same text hash alike:
// NFC, lower case, white space collapsed.
func normaliseForHash(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(s))), " ")
}

// CanonicalLink resolves raw against base and normalises it: scheme and
// host in lower case, default port dropped, fragment dropped, tracking
// parameters (utm_*, fbclid, gclid and the like) removed. The remaining
// query keeps its order. Only http and https links are kept: anything else
// (script, data or file links, links that do not parse, a bare fragment)
// gives "". The base's userinfo and query never leak into the result: they
// may hold the feed's credentials.
func CanonicalLink(raw, base string) string {
	// Browsers ignore tabs and newlines inside URLs, so they must not hide
	// a scheme from the checks below.
	raw = strings.TrimSpace(stripControl(raw))
	if raw == "" || strings.HasPrefix(raw, "#") {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		b, err := url.Parse(strings.TrimSpace(base))
		if err != nil || base == "" {
			return ""
		}
		b.User, b.RawQuery, b.ForceQuery, b.Fragment, b.RawFragment = nil, "", false, "", ""
		u = b.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		u.Host = strings.TrimSuffix(u.Host, ":"+port)
	}
	u.Fragment, u.RawFragment = "", ""
	if u.RawQuery != "" {
		u.RawQuery = stripTracking(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String()
}

// stripControl removes control characters.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// stripTracking drops tracking parameters from a raw query, keeping the
// others as written and in order.
func stripTracking(q string) string {
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "utm_") || trackingParams[name] {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}

// hashHex returns the first 32 hex digits of s's SHA-256.
func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
