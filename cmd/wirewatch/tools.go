package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/events"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/topics"
)

// maxDetectInput bounds what `detect` reads from stdin.
const maxDetectInput = 4 << 20

// detectJSON is the object `detect -json` prints.
type detectJSON struct {
	Language   string                   `json:"language"`
	Confidence float64                  `json:"confidence"`
	Languages  []string                 `json:"languages"`
	Scripts    []string                 `json:"scripts"`
	Flags      []string                 `json:"flags"`
	NoiseRatio float64                  `json:"noise_ratio"`
	Noise      []wirewatch.NoiseSegment `json:"noise"`
	Clean      string                   `json:"clean"`
}

// detect is `wirewatch detect`: language and noise of one text.
func (c *cli) detect(args []string) int {
	fs := c.flags("detect", "[flags] [TEXT | -]", `Show the language, scripts and noise wirewatch finds in a text, and the
clean text that topic matching and Discord would see. Without TEXT, or with
-, the text is read from standard input.`)
	asJSON := fs.Bool("json", false, "print one JSON object with language, confidence, noise and clean")
	langs := fs.String("languages", "", "comma-separated ISO 639-1 `codes` to choose from, or all (default: the built-in set)")
	declared := fs.String("declared", "", "the `language` the text's source declares, used as evidence for short texts")
	high := fs.Bool("high-accuracy", false, "use high-accuracy models (slower to load, more memory)")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	var text string
	switch {
	case fs.NArg() == 0 || (fs.NArg() == 1 && fs.Arg(0) == "-"):
		b, err := io.ReadAll(io.LimitReader(c.stdin, maxDetectInput+1))
		if err != nil {
			fmt.Fprintf(c.stderr, "wirewatch: read standard input: %v\n", err)
			return exitError
		}
		if len(b) > maxDetectInput {
			fmt.Fprintf(c.stderr, "wirewatch: input exceeds %d MiB\n", maxDetectInput>>20)
			return exitError
		}
		text = string(b)
	default:
		text = strings.Join(fs.Args(), " ")
	}
	opts := detect.Options{HighAccuracy: *high}
	if *langs != "" {
		for _, l := range strings.Split(*langs, ",") {
			opts.Languages = append(opts.Languages, strings.TrimSpace(l))
		}
	}
	d, err := detect.New(opts)
	if err != nil {
		fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
		return exitUsage
	}
	a := d.Analyze(detect.Input{Text: text, DeclaredLanguage: *declared})
	if *asJSON {
		out := detectJSON{Language: a.Language, Confidence: a.Confidence, Languages: nonNil(a.Languages), Scripts: nonNil(a.Scripts),
			Flags: nonNil(a.Flags), NoiseRatio: a.NoiseRatio, Noise: a.Noise, Clean: a.CleanText}
		if out.Noise == nil {
			out.Noise = []wirewatch.NoiseSegment{}
		}
		return c.printJSON(out)
	}
	fmt.Fprintf(c.stdout, "language:   %s (confidence %.2f)\n", a.Language, a.Confidence)
	if len(a.Languages) > 0 {
		fmt.Fprintf(c.stdout, "languages:  %s\n", strings.Join(a.Languages, ", "))
	}
	fmt.Fprintf(c.stdout, "scripts:    %s\n", strings.Join(a.Scripts, ", "))
	if len(a.Flags) > 0 {
		fmt.Fprintf(c.stdout, "flags:      %s\n", strings.Join(a.Flags, ", "))
	}
	fmt.Fprintf(c.stdout, "noise:      %d %s, %.0f%% of the text\n", len(a.Noise), plural(len(a.Noise), "segment", "segments"), a.NoiseRatio*100)
	for _, n := range a.Noise {
		fmt.Fprintf(c.stdout, "  - %-16s %q\n", n.Reason, truncate(oneLine(n.Text), 100))
	}
	fmt.Fprintf(c.stdout, "\nclean text:\n%s\n", a.CleanText)
	return exitOK
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (c *cli) printJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
		return exitError
	}
	return exitOK
}

// matchJSON is one line of `match -json`.
type matchJSON struct {
	Source   string           `json:"source"`
	GUID     string           `json:"guid"`
	Link     string           `json:"link"`
	Title    string           `json:"title"`
	Language string           `json:"language"`
	Topics   []matchTopicJSON `json:"topics"`
	// Event is the id shared by the stories of the batch judged to tell
	// the same news; absent for a story alone.
	Event string `json:"event,omitempty"`
	// Gloss says in English what a story in another language is about;
	// absent for stories in the readers' language.
	Gloss string `json:"gloss,omitempty"`
}

type matchTopicJSON struct {
	ID   string          `json:"id"`
	Hits []wirewatch.Hit `json:"hits"`
}

func toMatchJSON(source string, it *wirewatch.Item) matchJSON {
	m := matchJSON{Source: source, GUID: it.GUID, Link: it.Link, Title: it.DisplayTitle(), Language: it.Language(), Topics: []matchTopicJSON{},
		Event: it.Event, Gloss: it.Gloss}
	for _, t := range it.Matches {
		m.Topics = append(m.Topics, matchTopicJSON{ID: t.Topic, Hits: t.Hits})
	}
	return m
}

// match is `wirewatch match`: the whole path over feeds, storing nothing.
func (c *cli) match(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("match", "[flags] FEED...", `Run feed files or URLs through parsing, language detection and topic
matching, without touching the store, and print one line per story: the
source, the language, the topics it matched (- for none) and the title.
A configuration holding only topics: (and optionally languages:) is enough.`)
	c.addCommon(fs, &co)
	asJSON := fs.Bool("json", false, "print one JSON object per story")
	onlyMatches := fs.Bool("matches", false, "print only stories that matched a topic")
	log, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(c.stderr, "wirewatch match: name at least one feed file or URL\n")
		return exitUsage
	}
	det, err := app.NewDetector(cfg, log)
	if err != nil {
		return c.fail(err)
	}
	fetcher := app.NewFetcher(cfg, userAgent(), log)
	tagger, err := topics.NewTagger()
	if err != nil {
		return c.fail(err)
	}
	// Every story read is one batch: events join stories across sources.
	type read struct {
		src string
		it  *wirewatch.Item
	}
	var batch []read
	failed := 0
	for _, src := range fs.Args() {
		items, err := fetchItems(ctx, fetcher, src)
		if err != nil {
			if msg, where := err.Error(), feeds.RedactURL(src); strings.Contains(msg, where) {
				fmt.Fprintf(c.stderr, "wirewatch: %s\n", msg)
			} else {
				fmt.Fprintf(c.stderr, "wirewatch: %s: %s\n", where, msg)
			}
			failed++
			continue
		}
		for _, it := range items {
			app.Enrich(det, cfg.Matcher, it)
			batch = append(batch, read{src, it})
		}
	}
	cl := app.NewClusterer(tagger, events.Options{Window: time.Duration(cfg.Events.Window), MaxStories: cfg.Events.MaxStories}, cfg.Digest.Languages)
	now := time.Now()
	for _, r := range batch {
		cl.Assign(r.it, now)
	}
	for _, r := range batch {
		if cl.Size(r.it.Event) < 2 {
			r.it.Event = "" // a story alone
		}
		if *onlyMatches && len(r.it.Matches) == 0 {
			continue
		}
		c.printStory(r.src, r.it, *asJSON)
	}
	if failed > 0 {
		return exitError
	}
	return exitOK
}

// printStory prints one story as a line of text or JSON.
func (c *cli) printStory(source string, it *wirewatch.Item, asJSON bool) {
	if asJSON {
		c.printJSON(toMatchJSON(source, it))
		return
	}
	ids := make([]string, 0, len(it.Matches))
	for _, m := range it.Matches {
		ids = append(ids, m.Topic)
	}
	topics := strings.Join(ids, ",")
	if topics == "" {
		topics = "-"
	}
	fmt.Fprintf(c.stdout, "%s\t%s\t%s\t%s\n", source, it.Language(), topics, oneLine(it.DisplayTitle()))
}

// fetchItems fetches and parses one feed file or URL.
func fetchItems(ctx context.Context, f *feeds.Fetcher, src string) ([]*wirewatch.Item, error) {
	resp, err := f.Fetch(ctx, feeds.Request{URL: src})
	if err != nil {
		return nil, err
	}
	feed, err := feeds.Parse(resp.Body, resp.ContentType, feeds.ParseOptions{Feed: src, BaseURL: resp.FinalURL, Now: time.Now()})
	if err != nil {
		return nil, err
	}
	return feed.Items, nil
}

// replay is `wirewatch replay`: current topics over stored stories.
func (c *cli) replay(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("replay", "[flags]", `Re-run the current topics over the stories stored in the last -since and
show what they would have matched: the way to try a topic edit before it
goes live. Nothing is stored or delivered.`)
	c.addCommon(fs, &co)
	since := 48 * time.Hour
	fs.Var(days{&since}, "since", "how far back to look: 48h, 2d, 1w")
	asJSON := fs.Bool("json", false, "print one JSON object per story")
	all := fs.Bool("all", false, "also print stories that match no topic")
	cfg, st, code := c.startShared(ctx, fs, &co, args)
	if st == nil {
		return code
	}
	defer st.Close()
	items, err := st.ItemsSince(ctx, time.Now().Add(-since), 0)
	if err != nil {
		return c.fail(err)
	}
	matched := 0
	per := map[string]int{}
	for _, it := range items {
		it.Matches = nil
		app.Enrich(nil, cfg.Matcher, it)
		if len(it.Matches) > 0 {
			matched++
			for _, m := range it.Matches {
				per[m.Topic]++
			}
		} else if !*all {
			continue
		}
		c.printStory(it.Feed, it, *asJSON)
	}
	if !*asJSON {
		fmt.Fprintf(c.stderr, "%d of %d stored %s from the last %s would match", matched, len(items), plural(len(items), "story", "stories"), since)
		if cfg.Matcher != nil {
			var parts []string
			for _, t := range cfg.Matcher.Topics() {
				parts = append(parts, fmt.Sprintf("%s %d", t.ID, per[t.ID]))
			}
			if len(parts) > 0 {
				fmt.Fprintf(c.stderr, " (%s)", strings.Join(parts, ", "))
			}
		}
		fmt.Fprintln(c.stderr)
	}
	return exitOK
}
