package feeds

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// declPeek is how far into a body the XML declaration is looked for.
const declPeek = 1024

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF16LE = []byte{0xFF, 0xFE}

	xmlEncodingAttr = regexp.MustCompile(`(?i)\bencoding\s*=\s*["']([^"']*)["']`)
)

// toUTF8 returns body as UTF-8, with any XML declaration saying so, so
// that the XML parser does not convert it a second time. It returns the
// name of the encoding it decoded from.
//
// The order of evidence is: a byte order mark; UTF-16 without one; bytes
// that are valid (or almost entirely valid) UTF-8, whatever is declared;
// then, for anything else, the candidate decoding that reads most like
// text (see detectEncoding), where the XML declaration's encoding and the
// Content-Type charset are favoured but can be overruled.
func toUTF8(body []byte, contentType string) ([]byte, string) {
	return toUTF8Declared(body, contentType, xmlDeclaredEncoding(body))
}

// toUTF8Declared is toUTF8 with the document's own declaration given: the
// XML declaration's encoding for feeds, the meta charset for HTML pages.
func toUTF8Declared(body []byte, contentType, declaredLabel string) ([]byte, string) {
	switch {
	case bytes.HasPrefix(body, bomUTF8):
		return finishUTF8(body[len(bomUTF8):]), "utf-8"
	case bytes.HasPrefix(body, bomUTF16BE), bytes.HasPrefix(body, bomUTF16LE):
		return finishDecoded(decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), body)), "utf-16"
	case bytes.HasPrefix(body, []byte("\x00<\x00")):
		return finishDecoded(decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), body)), "utf-16be"
	case bytes.HasPrefix(body, []byte("<\x00?\x00")), bytes.HasPrefix(body, []byte("<\x00r\x00")), bytes.HasPrefix(body, []byte("<\x00f\x00")):
		return finishDecoded(decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), body)), "utf-16le"
	}

	declared := lookupEncoding(declaredLabel)
	fromHTTP := lookupEncoding(httpCharset(contentType))

	if utf8.Valid(body) {
		// A 7-bit stateful encoding is valid UTF-8 byte for byte; trust its
		// declaration only when its escape sequences are present.
		for _, e := range []namedEncoding{declared, fromHTTP} {
			if strings.HasPrefix(e.name, "iso-2022") && bytes.IndexByte(body, 0x1B) >= 0 {
				return finishDecoded(decodeWith(e.enc, body)), e.name
			}
		}
		return finishDecoded(body), "utf-8"
	}
	if mostlyUTF8(body) {
		return finishUTF8(body), "utf-8"
	}
	best := detectEncoding(body, []namedEncoding{declared, fromHTTP})
	return finishDecoded(decodeWith(best.enc, body)), best.name
}

// namedEncoding is an encoding with its WHATWG name; enc is nil when the
// label was empty or unknown.
type namedEncoding struct {
	name string
	enc  encoding.Encoding
}

// lookupEncoding resolves a charset label ("latin1", "cp1251", "gb2312")
// the way browsers do. ISO-8859-1 and ASCII resolve to windows-1252.
func lookupEncoding(label string) namedEncoding {
	label = strings.TrimSpace(label)
	if label == "" {
		return namedEncoding{}
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return namedEncoding{}
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		name = strings.ToLower(label)
	}
	return namedEncoding{name: name, enc: e}
}

// xmlDeclaredEncoding returns the encoding named in the XML declaration,
// if the body starts with one.
func xmlDeclaredEncoding(body []byte) string {
	decl := xmlDecl(body)
	if decl == nil {
		return ""
	}
	m := xmlEncodingAttr.FindSubmatch(decl)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// xmlDecl returns the "<?xml ... ?>" declaration at the start of body
// (after white space), or nil.
func xmlDecl(body []byte) []byte {
	head := bytes.TrimLeft(body[:min(len(body), declPeek)], " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return nil
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return nil
	}
	return head[:end+2]
}

// httpCharset returns the charset parameter of a Content-Type.
func httpCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// mostlyUTF8 reports whether body is UTF-8 with a few stray bytes: at
// least a handful of valid multi-byte sequences and at most one invalid
// byte in a hundred non-ASCII ones.
func mostlyUTF8(body []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(body); {
		if body[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid += size
		}
		i += size
	}
	return valid >= 16 && invalid*100 <= valid
}

// decodeWith decodes body, turning bytes the encoding cannot map into
// U+FFFD rather than failing.
func decodeWith(e encoding.Encoding, body []byte) []byte {
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}

// finishUTF8 repairs invalid sequences and marks the declaration UTF-8.
func finishUTF8(body []byte) []byte {
	if !utf8.Valid(body) {
		body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return finishDecoded(body)
}

// finishDecoded trims white space before the first tag and rewrites the
// XML declaration's encoding, if any, to UTF-8.
func finishDecoded(body []byte) []byte {
	body = bytes.TrimLeft(body, " \t\r\n\uFEFF")
	decl := xmlDecl(body)
	if decl == nil {
		return body
	}
	loc := xmlEncodingAttr.FindSubmatchIndex(decl)
	if loc == nil || strings.EqualFold(string(decl[loc[2]:loc[3]]), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[2]]...)
	out = append(out, "UTF-8"...)
	out = append(out, body[loc[3]:]...)
	return out
}
