package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
	"github.com/wirewatch/wirewatch/topics"
)

// TestPollWarnsWhenTheWindowIsFull polls three feeds of 400 distinct
// stories each, all within the window of events: with events.max_stories
// below their number the log says that the window is cut short and how to
// lengthen it; with room for them all it says nothing.
func TestPollWarnsWhenTheWindowIsFull(t *testing.T) {
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://127.0.0.1/</link>`)
		for i := range 400 {
			fmt.Fprintf(&b, "<item><guid>%s-%d</guid><title>Report %s %d on the %dth harvest of region %d</title><pubDate>%s</pubDate></item>",
				r.URL.Path, i, r.URL.Path, i, i, i*7, now.Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>")
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, b.String())
	}))
	defer srv.Close()
	tests := []struct {
		maxStories int
		wantWarn   bool
	}{
		{1000, true},
		{2000, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("max_stories ", tt.maxStories), func(t *testing.T) {
			yaml := fmt.Sprintf("poll: {max_age: 0}\nevents: {max_stories: %d}\nfeeds:\n", tt.maxStories)
			for _, f := range []string{"a", "b", "c"} {
				yaml += fmt.Sprintf("  - {name: %s, url: %q}\n", f, srv.URL+"/"+f)
			}
			yaml += "outputs: [{type: jsonl, name: rec, path: /dev/null, all_stories: true}]\n"
			st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			tagger, err := topics.NewTagger()
			if err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			a, err := New(Options{Config: parseConfig(t, yaml), Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
				Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
				Tagger: tagger, Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := a.Poll(context.Background(), nil, false)
			if err != nil || rep.New != 1200 {
				t.Fatalf("Poll = %d new, %v; want 1200 new", rep.New, err)
			}
			got := strings.Contains(logs.String(), "the window of events is full")
			if got != tt.wantWarn {
				t.Errorf("warned %v, want %v; log:\n%s", got, tt.wantWarn, logs.String())
			}
			if tt.wantWarn && !strings.Contains(logs.String(), "max_stories=1000") {
				t.Errorf("the warning does not name max_stories=1000:\n%s", logs.String())
			}
		})
	}
}
