package feeds

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// fetchFile reads a local feed with the same size cap as HTTP. Its ETag is
// built from the file's size and modification time, so an unchanged file
// answers NotModified like a 304.
func (f *Fetcher) fetchFile(u *url.URL, req Request) (*Response, error) {
	path := u.Path
	name := path
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read feed file: %w", err)
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("read feed file: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("read feed file %s: is a directory", name)
	}
	limit := f.opts.MaxBodyBytes
	if info.Size() > limit {
		return nil, fmt.Errorf("read feed file %s: %w", name, tooLarge(limit))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	resp := &Response{
		StatusCode:   http.StatusOK,
		ETag:         fileETag(info),
		LastModified: info.ModTime().UTC().Format(http.TimeFormat),
		ContentType:  contentTypeByExt(path),
		FinalURL:     (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String(),
	}
	if req.ETag != "" && req.ETag == resp.ETag {
		resp.NotModified = true
		resp.StatusCode = http.StatusNotModified
		return resp, nil
	}
	body, err := readLimited(file, limit)
	if err == nil {
		body, err = gunzipIfCompressed(body, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("read feed file %s: %w", name, err)
	}
	resp.Body = body
	return resp, nil
}

func fileETag(info os.FileInfo) string {
	return `"` + strconv.FormatInt(info.Size(), 16) + "-" + strconv.FormatInt(info.ModTime().UnixNano(), 16) + `"`
}

// contentTypeByExt guesses a media type for a local file, without
// charset: the bytes decide that.
func contentTypeByExt(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "application/feed+json"
	case ".html", ".htm":
		return "text/html"
	case ".atom":
		return "application/atom+xml"
	case ".rss":
		return "application/rss+xml"
	case ".xml", ".rdf":
		return "application/xml"
	}
	return ""
}
