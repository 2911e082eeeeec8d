package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/opml"
	"github.com/wirewatch/wirewatch/store"
)

// handWritten is a configuration with comments and blank lines in every
// section, as people write them.
const handWritten = `# Our newsroom's wirewatch.

store: %s   # the state

# Wires and a few outlets.
feeds:
  - url: https://www.38north.org/feed   # the same as Feedly's, without the slash
    name: 38north

  - url: https://lenta.ru/rss/news
    name: lenta
    language: ru
  # - url: https://example.org/paused.xml

# What we watch.
topics:
  - id: icbm
    any: [ICBM*]
`

// writeConfig writes handWritten to a temporary directory.
func writeConfig(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	src := fmt.Sprintf(handWritten, filepath.Join(dir, "ww.db"))
	if err := os.WriteFile(path, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	return path, src
}

// linesKept reports whether every line of before is in after, in order.
func linesKept(before, after string) bool {
	rest := strings.Split(after, "\n")
	for _, l := range strings.Split(before, "\n") {
		i := 0
		for i < len(rest) && rest[i] != l {
			i++
		}
		if i == len(rest) {
			return false
		}
		rest = rest[i+1:]
	}
	return true
}

func TestFeedsImport(t *testing.T) {
	path, before := writeConfig(t)
	code, out, errOut := runMain(t, "", nil, "feeds", "import", "-config", path, "../../opml/testdata/feedly.opml")
	if code != exitOK {
		t.Fatalf("feeds import = %d, %s %s", code, out, errOut)
	}
	for _, want := range []string{
		"added          arms-control-wonk",
		"already there  38north",
		"added          nk-news",
		"3 feeds added to " + path + "; 1 already there; 0 refused",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	after, _ := os.ReadFile(path)
	if !linesKept(before, string(after)) {
		t.Errorf("the import lost lines of the file:\n%s", after)
	}
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatalf("the imported file does not load: %v", err)
	}
	got := map[string]string{}
	for _, f := range cfg.Feeds {
		got[f.Name] = strings.Join(f.Tags, ",")
	}
	want := map[string]string{"38north": "", "lenta": "", "arms-control-wonk": "Security",
		"nk-news": "Korea", "le-monde-fr-actualités-et-infos-en": "Uncategorized"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("feeds and tags = %v, want %v", got, want)
	}

	// Again: nothing new, and the file is not written.
	stat, _ := os.Stat(path)
	code, out, _ = runMain(t, "", nil, "feeds", "import", "-config", path, "../../opml/testdata/feedly.opml")
	if code != exitOK || !strings.Contains(out, "0 feeds added to "+path+"; 4 already there") {
		t.Errorf("second import = %d, %q", code, out)
	}
	if again, _ := os.Stat(path); !again.ModTime().Equal(stat.ModTime()) {
		t.Error("a second import with nothing new rewrote the file")
	}
}

func TestFeedsImportRefuses(t *testing.T) {
	path, before := writeConfig(t)
	code, _, errOut := runMain(t, "", nil, "feeds", "import", "-config", path, "../../opml/testdata/broken-tag.opml")
	if code != exitError || !strings.Contains(errOut, "../../opml/testdata/broken-tag.opml:8: element <outline> closed by </body>") {
		t.Errorf("import of a broken file = %d, %q", code, errOut)
	}
	if after, _ := os.ReadFile(path); string(after) != before {
		t.Error("a refused import changed the file")
	}

	// Outlines that cannot be read are left out, with their lines; the
	// others are added; the exit code says something was refused.
	code, out, errOut := runMain(t, "", nil, "feeds", "import", "-config", path, "../../opml/testdata/bad-urls.opml")
	if code != exitError || !strings.Contains(out, "1 feed added") {
		t.Errorf("import of bad-urls = %d, %q", code, out)
	}
	for _, want := range []string{
		`bad-urls.opml:6: xmlUrl "javascript:alert(1)": unsupported scheme "javascript" (left out)`,
		`bad-urls.opml:9: xmlUrl "http:///feed.xml" has no host (left out)`,
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}

	// -dry-run says what would happen and changes nothing.
	path, before = writeConfig(t)
	code, out, _ = runMain(t, "", nil, "feeds", "import", "-dry-run", "-config", path, "../../opml/testdata/inoreader.opml")
	if code != exitOK || !strings.Contains(out, "3 feeds would be added to") {
		t.Errorf("import -dry-run = %d, %q", code, out)
	}
	if after, _ := os.ReadFile(path); string(after) != before {
		t.Error("import -dry-run changed the file")
	}
}

func TestFeedsExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.yaml")
	if err := os.WriteFile(src, []byte(`feeds:
  - url: https://feeds.bbci.co.uk/news/world/rss.xml
    name: bbc-world
    language: en
    tags: [Wires, Europe]
  - url: https://www.yna.co.kr/rss/northkorea.xml
    name: yonhap-nk
    tags: [Asia]
  - url: ../local.xml
    name: local
`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runMain(t, "", nil, "feeds", "export", "-config", src)
	if code != exitOK || !strings.Contains(errOut, "left out 1 local feed: local") {
		t.Fatalf("feeds export = %d, %q", code, errOut)
	}
	doc, err := opml.Parse([]byte(out))
	if err != nil {
		t.Fatalf("the export does not parse as OPML: %v\n%s", err, out)
	}
	if len(doc.Feeds) != 3 { // bbc-world is in two folders
		t.Errorf("exported outlines = %+v, want 3", doc.Feeds)
	}
	opmlPath := filepath.Join(dir, "export.opml")
	if code, _, errOut := runMain(t, "", nil, "feeds", "export", "-config", src, "-o", opmlPath); code != exitOK {
		t.Fatalf("feeds export -o = %d, %s", code, errOut)
	}
	dst := filepath.Join(dir, "new.yaml") // does not exist: import creates it
	if code, out, errOut := runMain(t, "", nil, "feeds", "import", "-config", dst, opmlPath); code != exitOK {
		t.Fatalf("import of the export = %d, %s %s", code, out, errOut)
	}
	cfg, err := config.Load(dst)
	if err != nil {
		t.Fatalf("the new file does not load: %v", err)
	}
	var got []string
	for _, f := range cfg.Feeds {
		got = append(got, fmt.Sprintf("%s %s %s %v", f.Name, f.URL, f.Language, f.Tags))
	}
	want := []string{
		"bbc-world https://feeds.bbci.co.uk/news/world/rss.xml en [Wires Europe]",
		"yonhap-nk https://www.yna.co.kr/rss/northkorea.xml  [Asia]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after export and import:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFeedsAdd(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html lang="ko"><head><title>예시뉴스</title>
<link rel="alternate" type="application/rss+xml" title="전체기사" href="/rss/all.xml">
<link rel="alternate" type="application/rss+xml" title="댓글" href="/rss/comments.xml"></head><body></body></html>`)
		case "/rss/all.xml", "/rss/comments.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>예시뉴스 %s</title><language>ko</language><item><guid>1</guid><title>북한 미사일 발사</title></item></channel></rss>`, r.URL.Path)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	path, before := writeConfig(t)

	code, out, errOut := runMain(t, "", nil, "feeds", "add", "-list", "-config", path, srv.URL)
	if code != exitOK || !strings.Contains(out, srv.URL+"/rss/all.xml") || !strings.Contains(out, "link, comments") {
		t.Errorf("feeds add -list = %d, %q, %q", code, out, errOut)
	}
	if after, _ := os.ReadFile(path); string(after) != before {
		t.Error("feeds add -list changed the file")
	}

	code, out, errOut = runMain(t, "", nil, "feeds", "add", "-config", path, "-tags", "Korea, Asia", "-fetch-article", "auto", srv.URL+"/")
	if code != exitOK || !strings.Contains(out, "added 예시뉴스-rss-all-xml to") || !strings.Contains(out, "1 other feed found") {
		t.Fatalf("feeds add = %d, %q, %q", code, out, errOut)
	}
	after, _ := os.ReadFile(path)
	if !linesKept(before, string(after)) || !strings.Contains(string(after), "  - url: "+srv.URL+"/rss/all.xml\n    name: 예시뉴스-rss-all-xml\n    tags: [Korea, Asia]\n    fetch_article: auto\n") {
		t.Errorf("config after feeds add:\n%s", after)
	}
	code, out, _ = runMain(t, "", nil, "feeds", "add", "-config", path, srv.URL+"/rss/all.xml")
	if code != exitOK || !strings.Contains(out, "is already in "+path+" as 예시뉴스-rss-all-xml") {
		t.Errorf("feeds add of a feed already there = %d, %q", code, out)
	}

	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/rss"} {
		code, _, errOut := runMain(t, "", nil, "feeds", "add", "-config", path, u)
		if code != exitError || !strings.Contains(errOut, "only http and https URLs can be discovered") {
			t.Errorf("feeds add %s = %d, %q", u, code, errOut)
		}
	}
	code, _, errOut = runMain(t, "", nil, "feeds", "add", "-config", path, srv.URL+"/nothing")
	if code != exitError || !strings.Contains(errOut, "404") {
		t.Errorf("feeds add of a missing page = %d, %q", code, errOut)
	}
}

func TestRetryFeedAndStatus(t *testing.T) {
	path, _ := writeConfig(t)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Store)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for _, s := range []store.FeedState{
		{Name: "38north", Result: wirewatch.ResultError, LastError: "410 gone", Failures: 200, LastFetch: now,
			FailingSince: now.Add(-31 * 24 * time.Hour), Stopped: now.Add(-time.Hour)},
		{Name: "lenta", Result: wirewatch.ResultError, LastError: "503", Failures: 9, LastFetch: now,
			FailingSince: now.Add(-30 * time.Hour), NextPoll: now.Add(time.Hour)},
	} {
		if err := st.SaveFeedState(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	code, out, _ := runMain(t, "", nil, "status", "-config", path)
	for _, want := range []string{
		"dead, failing for 24h00m or more: lenta (failing for 30h00m)",
		"stopped after failing for 30 days, no longer polled: 38north (failing for 31d); wirewatch retry -feed NAME resumes one",
	} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Errorf("status = %d, lacks %q:\n%s", code, want, out)
		}
	}
	if !strings.Contains(out, "38north  error x200") || !strings.Contains(out, "stopped") {
		t.Errorf("status feed table:\n%s", out)
	}

	code, out, _ = runMain(t, "", nil, "retry", "-config", path)
	if code != exitOK || !strings.Contains(out, "1 feed stopped after failing for 30 days ([38north])") {
		t.Errorf("retry = %d, %q; want the stopped feed named", code, out)
	}
	code, out, _ = runMain(t, "", nil, "retry", "-feed", "38north", "-config", path)
	if code != exitOK || strings.TrimSpace(out) != "feed 38north resumed: it is polled at the next poll" {
		t.Errorf("retry -feed 38north = %d, %q", code, out)
	}
	code, out, _ = runMain(t, "", nil, "retry", "-feed", "lenta", "-config", path)
	if code != exitOK || !strings.Contains(out, "feed lenta is not stopped") {
		t.Errorf("retry -feed lenta = %d, %q", code, out)
	}
	code, _, errOut := runMain(t, "", nil, "retry", "-feed", "nope", "-config", path)
	if code != exitError || !strings.Contains(errOut, `feed "nope" was never polled`) {
		t.Errorf("retry -feed nope = %d, %q", code, errOut)
	}
}

func TestOnceTeaserFeedMatchesArticle(t *testing.T) {
	page, err := os.ReadFile("../../app/testdata/article-hwasong.html")
	if err != nil {
		t.Fatal(err)
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/teasers.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title><language>en</language>
<item><title>Launch reported off the east coast</title><link>%s/story/1</link><guid>t-1</guid>
<description>The military reported a launch early on Saturday.</description></item></channel></rss>`, srv.URL)
		case "/story/1":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	for mode, want := range map[string]bool{"false": false, "auto": true} {
		if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`store: %s/%s.db
languages: [en, ko]
feeds:
  - url: %s/teasers.xml
    name: teasers
    fetch_article: %s
topics:
  - id: icbm
    name: ICBMs
    any: [Hwasong*]
outputs:
  - type: stdout
`, dir, mode, srv.URL, mode)), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runMain(t, "", nil, "once", "-force", "-config", cfg, "-log-level", "error")
		if code != exitOK {
			t.Fatalf("once (fetch_article: %s) = %d, %s", mode, code, errOut)
		}
		t.Logf("fetch_article: %s:\n%s", mode, out)
		if got := strings.Contains(out, "ICBMs") && strings.Contains(out, "Launch reported off the east coast"); got != want {
			t.Errorf("fetch_article: %s: digest shows the story under ICBMs = %v, want %v:\n%s", mode, got, want, out)
		}
	}
}
