package notify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
)

// JSONLines appends one JSON object per delivered story to a file, for
// jq, log shippers and other programs.
type JSONLines struct {
	mu   sync.Mutex
	path string
}

// NewJSONLines returns an output appending to the file at path, which is
// created, with its folder, on first use.
func NewJSONLines(path string) *JSONLines { return &JSONLines{path: path} }

// Record is one line of the file.
type Record struct {
	Output string         `json:"output"`
	Kind   wirewatch.Kind `json:"kind"`
	// Topic is the topic the story is delivered for; empty for a story
	// delivered because the output takes every story.
	Topic     string          `json:"topic,omitempty"`
	Delivered time.Time       `json:"delivered"`
	Story     *wirewatch.Item `json:"story"`
}

// Send appends the digest's stories, one line each, in one write.
func (j *JSONLines) Send(d *wirewatch.Digest) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, g := range d.Groups {
		for _, it := range g.Stories {
			if err := enc.Encode(Record{Output: d.Output, Kind: d.Kind, Topic: g.Topic, Delivered: d.Created.UTC(), Story: it}); err != nil {
				return fmt.Errorf("encode story %s: %w", it.ID, err)
			}
		}
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(j.path), 0o755); err != nil {
		return fmt.Errorf("jsonl output: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("jsonl output: %w", err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		return fmt.Errorf("jsonl output: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("jsonl output: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("jsonl output: %w", err)
	}
	return nil
}
