package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
	"github.com/wirewatch/wirewatch/translate"
)

// libreTranslate stands in for a LibreTranslate server: POST /translate
// with {q: [...], source: auto, target, format, api_key}, answering
// {translatedText: [...]}; down, it answers 503.
type libreTranslate struct {
	down  atomic.Bool
	calls atomic.Int32
	texts atomic.Int32
}

func (l *libreTranslate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.calls.Add(1)
	if l.down.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(map[string]string{"error": "Service unavailable"})
		return
	}
	var req struct {
		Q      []string `json:"q"`
		Source string   `json:"source"`
		Target string   `json:"target"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || r.URL.Path != "/translate" || req.Source != "auto" || req.Target != "en" {
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "Invalid request"})
		return
	}
	l.texts.Add(int32(len(req.Q)))
	out := make([]string, len(req.Q))
	for i, q := range req.Q {
		out[i] = "EN: " + q
	}
	json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
}

// TestTranslateHeadlines polls the demo's feeds with a translation
// server: the foreign headlines are translated once, within the poll's
// budget, cached and delivered with their gloss and translation; English
// ones are never sent. With the server down, a poll goes on and the
// stories keep their gloss.
func TestTranslateHeadlines(t *testing.T) {
	ctx := context.Background()
	lt := &libreTranslate{}
	srv := httptest.NewServer(lt)
	defer srv.Close()
	tc, err := translate.New(translate.Options{URL: srv.URL, Target: "en", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	open := func(db, yaml string, budget int) (*App, *store.Store) {
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		tagger, _ := topics.NewTagger()
		cfg := parseConfig(t, yaml)
		cfg.Translate.Budget = budget
		a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
			Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.DiscardHandler),
			Tagger: tagger, Translator: tc})
		if err != nil {
			t.Fatal(err)
		}
		return a, st
	}
	yaml := strings.Replace(demoFeeds("wire", "press", "lenta", "yonhap", "xinhua"), "path: /dev/null", "path: "+filepath.Join(t.TempDir(), "out.jsonl"), 1)
	a, st := open(filepath.Join(t.TempDir(), "ww.db"), yaml, 2)
	defer st.Close()
	if _, err := a.Poll(ctx, nil, false); err != nil {
		t.Fatal(err)
	}
	if n := lt.texts.Load(); n != 2 {
		t.Errorf("sent %d headlines, want the budget of 2", n)
	}
	pend, err := st.Pending(ctx, "rec", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	translated := 0
	for _, p := range pend {
		it := p.Item
		switch {
		case it.Language() == "en" && it.Translation != "":
			t.Errorf("English %q translated", it.Title)
		case it.Translation != "":
			translated++
			if it.Translation != "EN: "+it.Title || it.Gloss == "" && strings.Contains(it.Title, "КНДР") {
				t.Errorf("%q: translation %q, gloss %q", it.Title, it.Translation, it.Gloss)
			}
		}
	}
	if translated != 2 {
		t.Errorf("%d stories delivered with a translation, want 2", translated)
	}

	// A second database polls the same feeds with the server down: the
	// poll succeeds and foreign stories keep their gloss.
	lt.down.Store(true)
	b, st2 := open(filepath.Join(t.TempDir(), "ww2.db"), yaml, 50)
	defer st2.Close()
	rep, err := b.Poll(ctx, nil, false)
	if err != nil || rep.Failed != 0 || rep.New == 0 {
		t.Fatalf("poll with the server down = %+v, %v", rep, err)
	}
	ev, _ := st2.EventOf(ctx, "lenta", "https://lenta.example.org/news/2026/11/26/kndr-pusk/")
	ms, _ := st2.EventMembers(ctx, ev)
	glossed := 0
	for _, m := range ms {
		if m.Item.Language() != "en" && m.Gloss != "" {
			glossed++
		}
	}
	if glossed != 3 {
		t.Errorf("%d foreign stories kept a gloss with the server down, want 3", glossed)
	}
}
