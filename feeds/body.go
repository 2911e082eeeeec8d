package feeds

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
)

// readLimited reads all of r, failing with ErrTooLarge as soon as more than
// limit bytes arrive: a body is never silently truncated.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, tooLarge(limit)
	}
	return buf.Bytes(), nil
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w of %d bytes", ErrTooLarge, limit)
}

// decodeContent wraps r to undo a Content-Encoding: gzip, x-gzip or
// deflate (zlib-wrapped, or raw as some servers send it). Identity and an
// empty encoding pass through; anything else is an error.
func decodeContent(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("read gzip body: %w", err)
		}
		return zr, nil
	case "deflate":
		br := bufio.NewReader(r)
		head, _ := br.Peek(2)
		if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, fmt.Errorf("read deflate body: %w", err)
			}
			return zr, nil
		}
		return flate.NewReader(br), nil
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", encoding)
	}
}

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// gunzipIfCompressed decompresses body when it is itself a gzip stream (a
// feed file saved compressed, or a server that gzips without saying so),
// with the same size limit.
func gunzipIfCompressed(body []byte, limit int64) ([]byte, error) {
	if !bytes.HasPrefix(body, gzipMagic) {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("read gzip body: %w", err)
	}
	out, err := readLimited(zr, limit)
	if err != nil {
		if isTooLarge(err) {
			return nil, err
		}
		return nil, fmt.Errorf("read gzip body: %w", err)
	}
	return out, nil
}
