package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
)

// JSONLines appends one JSON object per delivered story to a file, for
// jq, log shippers and other programs. The file only ever holds whole
// lines: a write that fails is cut back to where it began, and a line left
// unfinished by a crash is cut off before the next write.
type JSONLines struct {
	mu   sync.Mutex
	path string
}

// NewJSONLines returns an output appending to the file at path, which is
// created, with its folder, on first use.
func NewJSONLines(path string) *JSONLines { return &JSONLines{path: path} }

// Record is one line of the file.
type Record struct {
	// Output is the output's name.
	Output string `json:"output"`
	// Kind is "digest" or "alert".
	Kind wirewatch.Kind `json:"kind"`
	// Topic is the topic the story is delivered for; empty for a story
	// delivered because the output takes every story.
	Topic string `json:"topic,omitempty"`
	// Delivered is when the digest was assembled.
	Delivered time.Time `json:"delivered"`
	// Story is the story, with its analysis and matches.
	Story *wirewatch.Item `json:"story"`
}

// Send appends the digest's stories, one line each, in one write, and
// reports them to p as one message once the file is synced.
func (j *JSONLines) Send(ctx context.Context, d *wirewatch.Digest, p Progress) error {
	part := WholeDigest(d)
	if part.Len() == 0 {
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, g := range d.Groups {
		stories := g.Stories
		if len(g.Rest) > 0 {
			stories = append(stories[:len(stories):len(stories)], g.Rest...)
		}
		for _, it := range stories {
			for _, s := range append([]*wirewatch.Item{it}, it.Also...) {
				if err := enc.Encode(Record{Output: d.Output, Kind: d.Kind, Topic: g.Topic, Delivered: d.Created.UTC(), Story: withoutAlso(s)}); err != nil {
					return fmt.Errorf("jsonl output: encode story %s: %w", s.ID, err)
				}
			}
		}
	}
	if err := p.Sending(ctx, part); err != nil {
		return err
	}
	j.mu.Lock()
	err := j.append([]byte(stripBidi(buf.String())))
	j.mu.Unlock()
	if err != nil {
		return fmt.Errorf("jsonl output: %w", err)
	}
	return p.Accepted(ctx, part, "")
}

// withoutAlso returns the story without its copies: each copy has a line
// of its own.
func withoutAlso(it *wirewatch.Item) *wirewatch.Item {
	if len(it.Also) == 0 {
		return it
	}
	cp := *it
	cp.Also = nil
	return &cp
}

// append writes b at the end of the file, after cutting off an unfinished
// last line, and syncs it. On failure the file is cut back to its length
// before the write, so that it never holds part of a record.
func (j *JSONLines) append(b []byte) (err error) {
	if err := os.MkdirAll(filepath.Dir(j.path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	end, err := wholeLinesEnd(f)
	if err != nil {
		return err
	}
	if _, err := f.WriteAt(b, end); err != nil {
		return errors.Join(err, f.Truncate(end))
	}
	if err := f.Truncate(end + int64(len(b))); err != nil {
		return errors.Join(err, f.Truncate(end))
	}
	if err := f.Sync(); err != nil {
		return errors.Join(err, f.Truncate(end))
	}
	return nil
}

// wholeLinesEnd returns the offset just past the file's last newline, or 0:
// where whole lines end. Bytes after it are a record a crash left
// unfinished.
func wholeLinesEnd(f *os.File) (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := fi.Size()
	const chunk = 64 << 10
	buf := make([]byte, chunk)
	for end := size; end > 0; {
		start := max(0, end-chunk)
		n, err := f.ReadAt(buf[:end-start], start)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}
