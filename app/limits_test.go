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

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/notify"
	"github.com/wirewatch/wirewatch/store"
)

// TestPollMaxItems: a feed listing more stories than poll.max_items has
// only the newest stored, and the excess is logged with the setting's name.
func TestPollMaxItems(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>`)
		base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		for i := range 30 {
			fmt.Fprintf(&b, "<item><title>Flood story %d</title><guid>f%d</guid><pubDate>%s</pubDate></item>",
				i, i, base.Add(time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	}))
	defer srv.Close()
	cfg, err := config.Parse(filepath.Join(t.TempDir(), "config.yaml"),
		[]byte(fmt.Sprintf("poll:\n  max_items: 10\nfeeds:\n  - url: %s/flood\n    name: flood\noutputs:\n  - type: stdout\n    name: rec\n", srv.URL)),
		func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ww.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs bytes.Buffer
	a, err := New(Options{Config: cfg, Store: st, Fetcher: feeds.NewFetcher(feeds.Options{}),
		Outputs: testBuilder{senders: map[string]notify.Sender{"rec": &recorder{}}}, Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Poll(context.Background(), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 10 {
		t.Errorf("Poll stored %d stories, want 10 (poll.max_items)", rep.New)
	}
	known, err := st.Known(context.Background(), "flood", []string{"f29", "f20", "f19", "f0"})
	if err != nil {
		t.Fatal(err)
	}
	if !known["f29"] || !known["f20"] || known["f19"] || known["f0"] {
		t.Errorf("stored = %v, want the 10 newest (f20 to f29)", known)
	}
	if l := logs.String(); !strings.Contains(l, "poll.max_items") || !strings.Contains(l, `"left_out":20`) {
		t.Errorf("log does not report the 20 stories left out:\n%s", l)
	}
}
