package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/article"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/discover"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/opml"
)

// discoverTimeout bounds one `feeds add`, every request included.
const discoverTimeout = 2 * time.Minute

const feedsUsage = `Usage: wirewatch feeds <command> [flags]

Bring feeds into the configuration file and out of it. The file is edited
in place: new feeds are added at the end of its feeds list and every other
line, comment and blank line stays as it was. A feed whose URL is already
there (http or https, with or without tracking parameters) is not added
twice.

Commands:
  import FILE.opml   add the feeds of an OPML file exported by another reader
  export             write the configured feeds as OPML 2.0
  add URL            add a feed, or find the feed of a site's page and add it

Run 'wirewatch feeds <command> -h' for a command's flags.
`

// feedsCmd is `wirewatch feeds`.
func (c *cli) feedsCmd(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, feedsUsage)
		return exitUsage
	}
	switch args[0] {
	case "import":
		return c.feedsImport(args[1:])
	case "export":
		return c.feedsExport(args[1:])
	case "add":
		return c.feedsAdd(ctx, args[1:])
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.stdout, feedsUsage)
		return exitOK
	default:
		fmt.Fprintf(c.stderr, "wirewatch feeds: unknown command %q\n\n%s", args[0], feedsUsage)
		return exitUsage
	}
}

// editable loads the configuration file to edit: a file that does not
// exist yet is fine (it is created, with defaults meanwhile); one that
// exists must be valid. A nil configuration means stop with the code.
func (c *cli) editable(path string) (*config.Config, *config.Editor, int) {
	var cfg *config.Config
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		cfg = config.Default()
	} else {
		var code int
		if cfg, code = c.loadConfig(path); cfg == nil {
			return nil, nil, code
		}
	}
	e, err := config.OpenEditor(path)
	if err != nil {
		return nil, nil, c.fail(err)
	}
	return cfg, e, exitOK
}

// save writes the edited configuration, after checking that it loads.
func (c *cli) save(path string, e *config.Editor) int {
	out, err := e.Bytes()
	if err != nil {
		return c.fail(err)
	}
	if _, err := config.Parse(path, out, os.LookupEnv); err != nil {
		fmt.Fprintf(c.stderr, "wirewatch: %s left unchanged: with the new feeds it would not load:\n%v\n", path, err)
		return exitError
	}
	if err := e.Save(); err != nil {
		return c.fail(err)
	}
	return exitOK
}

// feedsImport is `wirewatch feeds import`.
func (c *cli) feedsImport(args []string) int {
	var co common
	fs := c.flags("feeds import", "[flags] FILE.opml", `Add the feeds of an OPML file, as miniflux, Feedly, Inoreader, NetNewsWire
and other readers export them, to the configuration file. Folders and
categories become tags; each feed is named after its title. Feeds already
in the configuration are left as they are. Outlines that cannot be read are
listed with their line and left out; a file that is not well-formed OPML is
refused as a whole. The exit code is 1 when anything was refused.`)
	c.addCommon(fs, &co)
	dry := fs.Bool("dry-run", false, "show what would be added without changing the file")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(c.stderr, "wirewatch feeds import: name one OPML file\n")
		return exitUsage
	}
	file := fs.Arg(0)
	data, err := readLimited(file, opml.MaxSize)
	if err != nil {
		return c.fail(err)
	}
	doc, err := opml.Parse(data)
	if err != nil {
		var se *opml.SyntaxError
		if errors.As(err, &se) && se.Line > 0 {
			fmt.Fprintf(c.stderr, "%s:%d: %s\n", file, se.Line, se.Msg)
		} else {
			fmt.Fprintf(c.stderr, "%s: %v\n", file, err)
		}
		return exitError
	}
	for _, p := range doc.Problems {
		fmt.Fprintf(c.stderr, "%s:%d: %s (left out)\n", file, p.Line, p.Msg)
	}
	_, e, code := c.editable(co.config)
	if e == nil {
		return code
	}
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	added, dups := 0, 0
	for _, f := range mergeDuplicates(doc.Feeds) {
		nf := config.NewFeed{URL: f.URL, Title: f.Title, Tags: f.Categories}
		if l := strings.ToLower(f.Language); len(l) == 2 {
			nf.Language = l
		}
		if f.Crawl {
			nf.FetchArticle = article.On
		}
		a, err := e.AddFeed(nf)
		if err != nil {
			return c.fail(fmt.Errorf("%s:%d: %w", file, f.Line, err))
		}
		if a.Duplicate != "" {
			dups++
			fmt.Fprintf(tw, "already there\t%s\t%s\n", a.Duplicate, feeds.RedactURL(f.URL))
			continue
		}
		added++
		fmt.Fprintf(tw, "added\t%s\t%s\t%s\n", a.Name, feeds.RedactURL(f.URL), strings.Join(f.Categories, ", "))
	}
	tw.Flush()
	verb := "added to"
	if *dry {
		verb = "would be added to"
	}
	fmt.Fprintf(c.stdout, "%d %s %s %s; %d already there; %d refused\n", added, plural(added, "feed", "feeds"), verb, co.config, dups, len(doc.Problems))
	if added > 0 && !*dry {
		if code := c.save(co.config, e); code != exitOK {
			return code
		}
	}
	if len(doc.Problems) > 0 {
		return exitError
	}
	return exitOK
}

// mergeDuplicates folds feeds listed more than once (a feed in two
// folders) into the first, with every category.
func mergeDuplicates(list []opml.Feed) []opml.Feed {
	var out []opml.Feed
	at := map[string]int{}
	for _, f := range list {
		k := config.FeedKey(f.URL)
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, f)
			continue
		}
		for _, c := range f.Categories {
			if !containsFold(out[i].Categories, c) {
				out[i].Categories = append(out[i].Categories, c)
			}
		}
		out[i].Crawl = out[i].Crawl || f.Crawl
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// readLimited reads a file of at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than %d MiB", path, limit>>20)
	}
	return b, nil
}

// feedsExport is `wirewatch feeds export`.
func (c *cli) feedsExport(args []string) int {
	var co common
	fs := c.flags("feeds export", "[flags]", `Write the configured feeds as OPML 2.0, for another reader to import: one
folder per tag (a feed with two tags is in both), each feed named after its
name, with its language and its tags as categories. URLs are written as
wirewatch polls them (with ${ENV} expanded). Feeds read from local files
are left out.`)
	c.addCommon(fs, &co)
	outPath := fs.String("o", "", "write to `file` instead of standard output")
	_, cfg, code := c.start(fs, &co, args)
	if cfg == nil {
		return code
	}
	var list []opml.Feed
	var local []string
	for _, f := range cfg.Feeds {
		if !strings.HasPrefix(f.URL, "http://") && !strings.HasPrefix(f.URL, "https://") {
			local = append(local, f.Name)
			continue
		}
		list = append(list, opml.Feed{URL: f.URL, Title: f.Name, Language: f.Language, Categories: f.Tags})
	}
	var w io.Writer = c.stdout
	var file *os.File
	if *outPath != "" {
		var err error
		if file, err = os.Create(*outPath); err != nil {
			return c.fail(err)
		}
		w = file
	}
	err := opml.Write(w, "wirewatch feeds", time.Now(), list)
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return c.fail(err)
	}
	if len(local) > 0 {
		fmt.Fprintf(c.stderr, "left out %d local %s: %s\n", len(local), plural(len(local), "feed", "feeds"), strings.Join(local, ", "))
	}
	return exitOK
}

// feedsAdd is `wirewatch feeds add`.
func (c *cli) feedsAdd(ctx context.Context, args []string) int {
	var co common
	fs := c.flags("feeds add", "[flags] URL", `Add a feed to the configuration file. URL is a feed, or a page of a site
(its home page will do): the page's <link rel="alternate"> feeds are tried,
then the paths where sites usually publish feeds (/feed, /rss, /atom.xml,
/index.xml...), and the first that works is added; with -list the feeds
found are only listed. Every request follows the poll settings' limits on
size, time and redirects. Only http and https URLs are accepted.`)
	c.addCommon(fs, &co)
	list := fs.Bool("list", false, "only list the feeds found, with their titles, languages and story counts")
	name := fs.String("name", "", "the feed's `name` (default: made from its title)")
	tags := fs.String("tags", "", "comma-separated `tags` for the feed")
	fetch := fs.String("fetch-article", "", "the feed's fetch_article `setting`: true or auto (default: none)")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintf(c.stderr, "wirewatch feeds add: name one URL\n")
		return exitUsage
	}
	mode, err := article.ParseMode(*fetch)
	if err != nil {
		fmt.Fprintf(c.stderr, "wirewatch feeds add: -fetch-article: %v\n", err)
		return exitUsage
	}
	log, err := c.logger(&co)
	if err != nil {
		fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
		return exitUsage
	}
	cfg, e, code := c.editable(co.config)
	if e == nil {
		return code
	}
	ctx, cancel := context.WithTimeout(ctx, discoverTimeout)
	defer cancel()
	res, err := discover.Find(ctx, app.NewFetcher(cfg, userAgent(), log), fs.Arg(0), discover.Options{Logger: log})
	if err != nil {
		return c.fail(err)
	}
	if len(res.Candidates) == 0 {
		fmt.Fprintf(c.stderr, "wirewatch: no feed found at %s: it is not a feed, declares none that works, and none of the %d common paths tried holds one\n",
			feeds.RedactURL(res.Page), res.Tried)
		return exitError
	}
	if *list {
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "URL\tTITLE\tLANGUAGE\tSTORIES\tFOUND")
		for _, cand := range res.Candidates {
			found := string(cand.Source)
			if cand.Comments {
				found += ", comments"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", feeds.RedactURL(cand.URL), dash(truncate(cand.Title, 60)), dash(cand.Language), cand.Items, found)
		}
		tw.Flush()
		return exitOK
	}
	best := res.Candidates[0]
	nf := config.NewFeed{URL: best.URL, Name: *name, Title: best.Title, FetchArticle: mode}
	for _, t := range strings.Split(*tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			nf.Tags = append(nf.Tags, t)
		}
	}
	a, err := e.AddFeed(nf)
	if err != nil {
		return c.fail(err)
	}
	if a.Duplicate != "" {
		fmt.Fprintf(c.stdout, "%s is already in %s as %s\n", feeds.RedactURL(best.URL), co.config, a.Duplicate)
		return exitOK
	}
	if code := c.save(co.config, e); code != exitOK {
		return code
	}
	fmt.Fprintf(c.stdout, "added %s to %s: %s (%s, %d %s, language %s)\n", a.Name, co.config,
		feeds.RedactURL(best.URL), dash(best.Title), best.Items, plural(best.Items, "story", "stories"), dash(best.Language))
	if len(res.Candidates) > 1 {
		fmt.Fprintf(c.stdout, "%d other %s found; -list shows them\n", len(res.Candidates)-1, plural(len(res.Candidates)-1, "feed", "feeds"))
	}
	return exitOK
}
