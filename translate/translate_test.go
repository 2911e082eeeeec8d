package translate

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// libreTranslate is a stand-in for a LibreTranslate server: POST
// /translate with {q, source, target, format, api_key}, answering
// {translatedText} as the documented API does, or {error} with a status.
type libreTranslate struct {
	key   string
	table map[string]string
	calls int
	delay time.Duration
}

func (l *libreTranslate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.calls++
	if r.Method != http.MethodPost || r.URL.Path != "/translate" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
		Format string   `json:"format"`
		APIKey string   `json:"api_key"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "Invalid request"})
		return
	}
	if l.key != "" && req.APIKey != l.key {
		w.WriteHeader(http.StatusForbidden)
		json.NewEncoder(w).Encode(map[string]string{"error": "Invalid API key"})
		return
	}
	if l.delay > 0 {
		time.Sleep(l.delay)
	}
	out := make([]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = l.table[q]
	}
	json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
}

func TestTranslate(t *testing.T) {
	lt := &libreTranslate{key: "s3cret-key", table: map[string]string{"북한, 동해상으로 대륙간탄도미사일 발사": "North Korea launches ICBM into East Sea"}}
	srv := httptest.NewServer(lt)
	defer srv.Close()
	c, err := New(Options{URL: srv.URL, APIKey: "s3cret-key", Target: "en"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Translate(context.Background(), []string{"북한, 동해상으로 대륙간탄도미사일 발사"})
	if err != nil || !slices.Equal(got, []string{"North Korea launches ICBM into East Sea"}) {
		t.Errorf("Translate = %q, %v", got, err)
	}
	bad, _ := New(Options{URL: srv.URL, APIKey: "wrong-key", Target: "en"})
	_, err = bad.Translate(context.Background(), []string{"x"})
	if err == nil || !strings.Contains(err.Error(), "403") || !strings.Contains(err.Error(), "Invalid API key") || strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("wrong key: %v; want the 403 and its message, without the key", err)
	}
	lt.delay = 300 * time.Millisecond
	slow, _ := New(Options{URL: srv.URL, APIKey: "s3cret-key", Target: "en", Timeout: 50 * time.Millisecond})
	if _, err := slow.Translate(context.Background(), []string{"x"}); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("slow server: %v; want a timeout without the key", err)
	}
	srv.Close()
	if _, err := c.Translate(context.Background(), []string{"x"}); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("server down: %v; want an error without the key", err)
	}
}

func TestNewChecksOptions(t *testing.T) {
	for _, o := range []Options{{URL: "ftp://x", Target: "en"}, {URL: "http://x"}, {URL: "", Target: "en"}} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) = nil error", o)
		}
	}
}
