// Package translate asks a LibreTranslate-compatible server for machine
// translations of headlines: POST /translate with a list of texts, the
// source language detected by the server. It is optional and off by
// default; a story keeps its gloss whether or not a translation comes.
package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxResponse bounds what the server's answer may weigh.
const maxResponse = 1 << 20

// DefaultTimeout bounds one request when Options.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Options configure a Client.
type Options struct {
	// URL is the server's base URL, such as https://translate.example.org.
	URL string
	// APIKey is sent as api_key when not empty; it never appears in
	// errors.
	APIKey string
	// Target is the ISO 639-1 language to translate into.
	Target string
	// Timeout bounds each request; DefaultTimeout when zero.
	Timeout time.Duration
	// HTTPClient sends the requests; http.DefaultClient's transport when
	// nil.
	HTTPClient *http.Client
}

// Client translates through one server. It is safe for concurrent use.
type Client struct {
	endpoint string
	apiKey   string
	target   string
	timeout  time.Duration
	http     *http.Client
}

// New returns a Client, or an error naming what is wrong with opts.
func New(opts Options) (*Client, error) {
	u, err := url.Parse(opts.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("translate: url %q: want http(s)://host", opts.URL)
	}
	if opts.Target == "" {
		return nil, errors.New("translate: no target language")
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	t := opts.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	return &Client{endpoint: strings.TrimRight(u.String(), "/") + "/translate", apiKey: opts.APIKey, target: opts.Target, timeout: t, http: hc}, nil
}

// Target returns the language the client translates into.
func (c *Client) Target() string { return c.target }

// request is the body of POST /translate.
type request struct {
	Q      []string `json:"q"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Format string   `json:"format"`
	APIKey string   `json:"api_key,omitempty"`
}

// response is its answer: a list of translations for a list of texts.
type response struct {
	TranslatedText []string `json:"translatedText"`
	Error          string   `json:"error"`
}

// Translate returns the translations of texts, in order, in one request.
func (c *Client) Translate(ctx context.Context, texts []string) ([]string, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	body, err := json.Marshal(request{Q: texts, Source: "auto", Target: c.target, Format: "text", APIKey: c.apiKey})
	if err != nil {
		return nil, fmt.Errorf("translate: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("translate: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is in our message already, without a key
		}
		return nil, fmt.Errorf("translate: POST %s: %w", c.endpoint, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("translate: read answer: %w", err)
	}
	if len(b) > maxResponse {
		return nil, fmt.Errorf("translate: answer larger than %d bytes", maxResponse)
	}
	var r response
	jerr := json.Unmarshal(b, &r)
	if resp.StatusCode != http.StatusOK {
		msg := r.Error
		if jerr != nil || msg == "" {
			msg = http.StatusText(resp.StatusCode)
		}
		return nil, fmt.Errorf("translate: %s answered %d: %s", c.endpoint, resp.StatusCode, oneLine(msg, 200))
	}
	if jerr != nil {
		return nil, fmt.Errorf("translate: answer: %w", jerr)
	}
	if len(r.TranslatedText) != len(texts) {
		return nil, fmt.Errorf("translate: %d translations for %d texts", len(r.TranslatedText), len(texts))
	}
	return r.TranslatedText, nil
}

// oneLine keeps a server's message short and on one line.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
