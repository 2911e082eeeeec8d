package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/internal/text"
)

// Status is what the status page shows.
type Status struct {
	// Version is the running wirewatch's version.
	Version string
	// Now is when the status was read.
	Now time.Time
	// LastPoll is when the last poll finished; zero before the first.
	LastPoll time.Time
	// Feeds is each configured feed's health.
	Feeds []wirewatch.FeedStatus
	// Outputs is each output's backlog and state.
	Outputs []Output
	// Topics holds the latest matches of each topic.
	Topics []Topic
	// LeftOut lists the stories capped digests left out ("and N more"),
	// newest digest first, over LeftOutSince; LeftOutRecorded is false
	// when the source does not record them, and the page says so.
	LeftOut         []LeftOut
	LeftOutSince    time.Duration
	LeftOutRecorded bool
}

// Output is one output's backlog and state.
type Output struct {
	Name string
	// Pending and Failed count deliveries waiting, and deliveries that
	// failed permanently (requeued by `wirewatch retry`).
	Pending, Failed int
	// Muted counts deliveries dropped because their event was muted in
	// the output's channel.
	Muted int
	// LastDigest is when the output last received a digest.
	LastDigest time.Time
	// Disabled is why the output is disabled; "" when it is not.
	Disabled string
}

// Topic is one topic with its latest matches, newest first.
type Topic struct {
	ID, Name string
	Matches  []*wirewatch.Item
}

// LeftOut is a story that a capped digest did not show, only counted in
// "and N more".
type LeftOut struct {
	// Output is the output the digest went to, Sent when it went.
	Output string
	Sent   time.Time
	Item   *wirewatch.Item
}

//go:embed templates/status.html
var templates embed.FS

var statusTemplate = template.Must(template.New("status.html").Funcs(template.FuncMap{
	"ago":   ago,
	"clean": clean,
	"days":  days,
	"utc":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 MST") },
}).ParseFS(templates, "templates/status.html"))

// statusPage renders the status page.
type statusPage struct {
	source Source
	log    *slog.Logger
}

// pageData is what the template gets.
type pageData struct {
	*Status
	// NotReady is why the pipeline is not ready; "" when it is.
	NotReady string
}

// ServeHTTP renders the page; it is rendered whole into a buffer first, so
// that an error never leaves half a page.
func (p *statusPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), checkTimeout)
	defer cancel()
	st, err := p.source.Status(ctx)
	if err != nil {
		p.log.Error("status page", slog.Any("error", err))
		plain(w, http.StatusInternalServerError, "status unavailable: "+err.Error()+"\n")
		return
	}
	data := pageData{Status: st}
	if err := p.source.Ready(ctx); err != nil {
		data.NotReady = err.Error()
	}
	var buf bytes.Buffer
	if err := statusTemplate.Execute(&buf, data); err != nil {
		p.log.Error("status page", slog.Any("error", err))
		plain(w, http.StatusInternalServerError, "status page: "+err.Error()+"\n")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// ago renders t relative to now for people: "now", "5m ago", "in 2h03m",
// "never" for the zero time.
func ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return text.Relative(now, t)
}

// days renders a period for people: "7 days", "36h".
func days(d time.Duration) string {
	if d >= 48*time.Hour && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	}
	return text.Span(d)
}

// bidiControls are the explicit embedding, override and isolate controls:
// feed text could use them to make what the page shows read backwards.
// Each piece of feed text is isolated with <bdi> instead.
var bidiControls = strings.NewReplacer(
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
)

// clean removes bidi controls from feed text; html/template escapes the
// rest.
func clean(s string) string { return bidiControls.Replace(s) }
