package topics_test

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/app"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
	"github.com/wirewatch/wirewatch/topics"
)

// holdoutLabel is one story of the held-out slice: where it is, and the
// topics a reader labelled it with (see docs/EVALUATION.md for the rules).
type holdoutLabel struct {
	feed, id string
	topics   map[string]bool
}

// readLabels reads a labels file of testdata/eval: feed file, item id,
// and a comma-separated list of topic ids or "-".
func readLabels(tb testing.TB, file string) []holdoutLabel {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "eval", file))
	if err != nil {
		tb.Fatal(err)
	}
	var out []holdoutLabel
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			tb.Fatalf("%s:%d: %d fields, want 3", file, n, len(f))
		}
		l := holdoutLabel{feed: f[0], id: f[1], topics: map[string]bool{}}
		if f[2] != "-" {
			for _, t := range strings.Split(f[2], ",") {
				l.topics[t] = true
			}
		}
		out = append(out, l)
	}
	return out
}

// evalTopics are the topics measured on the hold-out: every built-in pack
// as it is, and the combined topic the packs are meant to express.
func evalTopics() []topics.Spec {
	var specs []topics.Spec
	for _, p := range topics.Packs() {
		specs = append(specs, topics.Spec{ID: p.ID, Include: []string{p.ID}})
	}
	return append(specs, topics.Spec{ID: "nk-weapons", Include: []string{"ballistic-missiles", "nuclear-weapons"}, Require: []string{"north-korea"}})
}

// score counts one topic's (or one language's) outcomes.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// holdoutStory is one labelled story after the whole analysis path.
type holdoutStory struct {
	label holdoutLabel
	item  *wirewatch.Item
}

// runLabelled parses every feed of a labels file, analyses and matches
// every story of those feeds in feed order (so that boilerplate learning
// sees what the pipeline would), and returns the labelled stories.
func runLabelled(tb testing.TB, dir string, m *topics.Matcher, file string) []holdoutStory {
	tb.Helper()
	labels := readLabels(tb, file)
	byFeed := map[string]map[string]holdoutLabel{}
	for _, l := range labels {
		if byFeed[l.feed] == nil {
			byFeed[l.feed] = map[string]holdoutLabel{}
		}
		byFeed[l.feed][l.id] = l
	}
	det, err := detect.New(detect.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	var out []holdoutStory
	for _, file := range mapsKeys(byFeed) {
		body, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			tb.Fatal(err)
		}
		f, err := feeds.Parse(body, "", feeds.ParseOptions{Feed: file})
		if err != nil {
			tb.Fatalf("feeds.Parse(%s): %v", file, err)
		}
		found := 0
		for _, it := range f.Items {
			app.Enrich(det, m, it)
			if l, ok := byFeed[file][it.ID]; ok {
				out = append(out, holdoutStory{label: l, item: it})
				found++
			}
		}
		if found != len(byFeed[file]) {
			tb.Errorf("%s: found %d of the %d labelled stories", file, found, len(byFeed[file]))
		}
	}
	return out
}

func mapsKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// holdoutError is a remaining error of the hold-out, classified by its
// cause (see docs/EVALUATION.md).
type holdoutError struct {
	kind  string // "false" (a false match) or "miss"
	topic string
	feed  string
	id    string
}

// Causes of the remaining errors.
const (
	causeLead      = "a topic word in the lead of a story about something else"
	causeBody      = "three or more topic words deep in the body of a story about something else"
	causeSubject   = "the feed's subject field names the topic; the story is about something else"
	causeSense     = "the topic word in a sense the story does not share (hacking a phone, hiring hackers, selling spyware)"
	causeNoTerm    = "the story names its topic without any term of the pack (talks without \"nuclear\", \"the Koreas\", US pressure)"
	causeOtherWord = "a word the pack leaves out on purpose, too ambiguous alone (도발 \"provocation\", skimmer)"
	causeTitleName = "the topic's name in the title, its subject only deep in the body of a story about something else"
	// Causes found on the second hold-out.
	causeNoStrongTerm = "no term of the pack in the title, lead or subject fields (a satellite launch, a shadow fleet, a blockade, leaked emails, cyber theft to pay for missiles; sanctions named only deep in the body)"
	causePastLead     = "the topic's words only past the lead, which is 160 characters in Korean"
	causePhrasing     = "a phrasing of the topic the pack lacks (\"nuclear weapons test\", \"nuclear, missile tests\")"
	causeGuardContext = "a guarded word without the context its guard asks for (\"tremor\" without a seismic word)"
	causeJudgement    = "a judgement call: the story touches the topic, and the label says it is not about it"
)

// holdoutErrors are every false match and miss on the hold-out, with their
// cause; TestHoldout fails when the list changes, so that
// docs/EVALUATION.md is brought up to date.
var holdoutErrors = map[holdoutError]string{
	{"false", "ballistic-missiles", "feeds/ko/knews-international-1.xml", "http://www.mediatoday.co.kr/news/articleView.html?idxno=304135"}:                                                                     causeLead,
	{"false", "ballistic-missiles", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205153"}:                                                                       causeLead,
	{"false", "ballistic-missiles", "feeds/ko/knews-international-1.xml", "https://www.sisain.co.kr/news/articleView.html?idxno=47892"}:                                                                         causeJudgement,
	{"false", "ballistic-missiles", "feeds/ru/lenta-1.xml", "https://lenta.ru/news/2022/12/03/nato/"}:                                                                                                           causeLead,
	{"false", "ballistic-missiles", "feeds/ru/lenta-1.xml", "https://lenta.ru/news/2022/12/03/ugroza/"}:                                                                                                         causeLead,
	{"false", "ballistic-missiles", "feeds/uk/suspilne-1.xml", "https://suspilne.media/645016-valerij-kozir-z-grozi-vzav-opiku-nad-troma-onukami-ihni-batki-zaginuli-pid-cas-udaru-rf-po-kafe-suspilne-ludi/"}:  causeJudgement,
	{"false", "cyberattacks", "feeds/de/golem-1.xml", "https://www.golem.de/1810/137323-rss.html"}:                                                                                                              causeSense,
	{"false", "cyberattacks", "feeds/en/indianexpress-1.xml", "http://indianexpress.com/?post_type=article&p=4462971"}:                                                                                          causeSense,
	{"false", "cyberattacks", "feeds/ru/xakep-1.xml", "http://www.xakep.ru/post/61355/default.asp"}:                                                                                                             causeSense,
	{"false", "earthquakes", "feeds/de/deutschlandfunk-wissen-1.xml", "zwischen-ascheregen-und-lavafluessen-wie-island-lernte-mit-vulkanen-zu-leben-dlf-edc0e99b-100"}:                                          causeLead,
	{"false", "earthquakes", "feeds/en/npr-world-1.xml", "https://www.npr.org/2026/02/17/nx-s1-5716046/u-s-releases-new-details-on-alleged-secret-chinese-nuclear-test"}:                                        causeLead,
	{"false", "iran-nuclear", "feeds/en/time-world-1.xml", "https://time.com/?p=7350953"}:                                                                                                                       causeTitleName,
	{"false", "iran-nuclear", "feeds/en/time-world-1.xml", "https://time.com/?p=7368819"}:                                                                                                                       causeTitleName,
	{"false", "iran-nuclear", "feeds/en/washingtonpost-world-1.xml", "https://www.washingtonpost.com/world/2026/02/16/iran-trump-nuclear-talks-protests-anger/"}:                                                causeLead,
	{"false", "nk-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205153"}:                                                                               causeLead,
	{"false", "north-korea", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205339"}:                                                                              causeJudgement,
	{"false", "north-korea", "feeds/ko/kyunghyang-1.xml", "http://news.khan.co.kr/kh_news/khan_art_view.html?artid=201804050046001&code=910303"}:                                                                causeSubject,
	{"false", "north-korea", "feeds/ko/kyunghyang-1.xml", "http://news.khan.co.kr/kh_news/khan_art_view.html?artid=201804052106005&code=990101"}:                                                                causeLead,
	{"false", "north-korea", "feeds/ko/kyunghyang-1.xml", "http://news.khan.co.kr/kh_news/khan_art_view.html?artid=201804052110005&code=990100"}:                                                                causeJudgement,
	{"false", "nuclear-weapons", "feeds/en/time-world-1.xml", "https://time.com/?p=7350953"}:                                                                                                                    causeTitleName,
	{"false", "nuclear-weapons", "feeds/en/time-world-1.xml", "https://time.com/?p=7368819"}:                                                                                                                    causeTitleName,
	{"false", "nuclear-weapons", "feeds/en/washingtonpost-world-1.xml", "https://www.washingtonpost.com/world/2026/02/16/iran-trump-nuclear-talks-protests-anger/"}:                                             causeLead,
	{"false", "nuclear-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=204757"}:                                                                          causeLead,
	{"false", "nuclear-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205006"}:                                                                          causeLead,
	{"false", "nuclear-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205153"}:                                                                          causeLead,
	{"false", "sanctions", "feeds/en/moscowtimes-1.xml", "https://themoscowtimes.com/articles/a-small-victory-for-liberals-with-oil-prices-rising-russia-starts-saving-56879"}:                                  causeLead,
	{"false", "sanctions", "feeds/ru/lenta-1.xml", "https://lenta.ru/news/2022/12/03/eurooil/"}:                                                                                                                 causeJudgement,
	{"miss", "ballistic-missiles", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=204815"}:                                                                        causeOtherWord,
	{"miss", "ballistic-missiles", "feeds/ko/naver-major-1.xml", "https://n.news.naver.com/mnews/article/079/0003708841?sid=100"}:                                                                               causeOtherWord,
	{"miss", "cyberattacks", "feeds/de/heise-1.xml", "https://www.heise.de/security/meldung/Magento-Shops-Verwundbare-Add-ons-als-Schlupfloch-fuer-Kreditkarten-Skimmer-4204828.html?wt_mc=rss.ho.beitrag.rdf"}: causeOtherWord,
	{"miss", "cyberattacks", "feeds/en/indianexpress-1.xml", "http://indianexpress.com/?post_type=article&p=4462983"}:                                                                                           causeNoTerm,
	{"miss", "iran-nuclear", "feeds/en/bbc-news-1.xml", "https://www.bbc.com/news/articles/c1d64p3q2d0o#2"}:                                                                                                     causeNoTerm,
	{"miss", "iran-nuclear", "feeds/en/cbsnews-world-1.xml", "1d88b6fd-2894-4945-9f6e-f91bcebe9993"}:                                                                                                            causeNoTerm,
	{"miss", "iran-nuclear", "feeds/en/ndtv-1.xml", "https://www.ndtv.com/world-news/iran-has-not-agreed-to-all-trumps-red-lines-jd-vance-after-geneva-talks-11051417#publisher=newsstand"}:                     causeNoTerm,
	{"miss", "nk-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=204815"}:                                                                                causeOtherWord,
	{"miss", "north-korea", "feeds/en/economist-asia-1.xml", "9f1d2fe3-6e6d-4f08-88bc-dbacedb8c0b8"}:                                                                                                            causeNoTerm,
	{"miss", "north-korea", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=204893"}:                                                                               causeNoTerm,
	{"miss", "north-korea", "feeds/ko/knews-international-1.xml", "https://www.chosun.com/international/us/2022/07/29/BLAHUVHKYNAHJL5AITTMBG2L64/"}:                                                             causeNoTerm,
	{"miss", "nuclear-weapons", "feeds/en/bbc-news-1.xml", "https://www.bbc.com/news/articles/c1d64p3q2d0o#2"}:                                                                                                  causeNoTerm,
	{"miss", "nuclear-weapons", "feeds/en/cbsnews-world-1.xml", "1d88b6fd-2894-4945-9f6e-f91bcebe9993"}:                                                                                                         causeNoTerm,
	{"miss", "nuclear-weapons", "feeds/en/economist-asia-1.xml", "7dd9bd6d-2c1e-42cc-9486-c39de9964939"}:                                                                                                        causeNoTerm,
	{"miss", "nuclear-weapons", "feeds/en/ndtv-1.xml", "https://www.ndtv.com/world-news/iran-has-not-agreed-to-all-trumps-red-lines-jd-vance-after-geneva-talks-11051417#publisher=newsstand"}:                  causeNoTerm,
	{"miss", "sanctions", "feeds/en/japantoday-world-1.xml", "https://japantoday.com/category/world/doctors-tourism-tobacco-cuba-buckling-under-us-pressure"}:                                                   causeNoTerm,
}

// TestHoldout measures every evaluated topic on the first hold-out's
// labels, prints precision and recall per topic and per language as the
// tables of docs/EVALUATION.md, and checks that the remaining errors are
// exactly those listed and classified in holdoutErrors. Those errors have
// been read, so this slice is no longer an unseen check.
func TestHoldout(t *testing.T) {
	t.Log(evalSlice(t, "holdout.tsv", holdoutErrors))
}

// TestDev prints the same tables for the development slice of the second
// round, with every error and its hits; the packs are tuned by reading it.
func TestDev(t *testing.T) {
	t.Log(evalSlice(t, "dev.tsv", nil))
}

// evalSlice matches the stories of one labels file of testdata/eval with
// the evaluated topics and returns the tables. With known set, every
// error must be listed there with its cause, and every listed error must
// still occur.
func evalSlice(t *testing.T, file string, known map[holdoutError]string) string {
	t.Helper()
	dir := corpusDir(t)
	specs := evalTopics()
	m, _, err := topics.Compile(specs)
	if err != nil {
		t.Fatal(err)
	}
	return scoreStories(t, file, specs, runLabelled(t, dir, m, file), known)
}

// scoreStories scores labelled stories on the evaluated topics and
// returns the tables; with known set, every error must be listed there
// with its cause, and every listed error must still occur.
func scoreStories(t *testing.T, file string, specs []topics.Spec, stories []holdoutStory, known map[holdoutError]string) string {
	t.Helper()
	perTopic := map[string]*score{}
	perLang := map[string]*score{}
	perBoth := map[[2]string]*score{} // topic, language
	var errs []string
	seen := map[holdoutError]bool{}
	for _, sp := range specs {
		perTopic[sp.ID] = &score{}
	}
	for _, s := range stories {
		got := map[string]wirewatch.Match{}
		for _, mt := range s.item.Matches {
			got[mt.Topic] = mt
		}
		lang := langOf(s.label.feed)
		if perLang[lang] == nil {
			perLang[lang] = &score{}
		}
		for _, sp := range specs {
			want := s.label.topics[sp.ID]
			mt, matched := got[sp.ID]
			both := perBoth[[2]string{sp.ID, lang}]
			if both == nil {
				both = &score{}
				perBoth[[2]string{sp.ID, lang}] = both
			}
			var e holdoutError
			switch {
			case want && matched:
				perTopic[sp.ID].tp++
				perLang[lang].tp++
				both.tp++
				continue
			case want:
				perTopic[sp.ID].fn++
				perLang[lang].fn++
				both.fn++
				e = holdoutError{"miss", sp.ID, s.label.feed, s.label.id}
			case matched:
				perTopic[sp.ID].fp++
				perLang[lang].fp++
				both.fp++
				e = holdoutError{"false", sp.ID, s.label.feed, s.label.id}
			default:
				continue
			}
			seen[e] = true
			var hits []string
			for _, h := range mt.Hits {
				hits = append(hits, h.Term+"@"+string(h.Where))
			}
			cause, ok := known[e]
			errs = append(errs, fmt.Sprintf("| %s | %s | %s | %s | %s | %s |", e.kind, e.topic, e.feed, e.id, strings.Join(hits, ", "), cause))
			if known == nil {
				errs[len(errs)-1] += " " + strings.Join(strings.Fields(s.item.Title), " ")
			} else if !ok {
				t.Errorf("%s: new %s for %s: %s %s %q, hits %v: classify it and update docs/EVALUATION.md", file, e.kind, e.topic, e.feed, e.id, s.item.Title, hits)
			}
		}
	}
	for e := range known {
		if !seen[e] {
			t.Errorf("%s: %s for %s is gone: %s %s: remove it and update docs/EVALUATION.md", file, e.kind, e.topic, e.feed, e.id)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s: %d stories\n", file, len(stories))
	fmt.Fprintf(&b, "\n| topic | labelled | matched | TP | FP | FN | precision (95%% CI) | recall (95%% CI) |\n|---|---|---|---|---|---|---|---|\n")
	var total score
	for _, sp := range specs {
		s := perTopic[sp.ID]
		total.tp, total.fp, total.fn = total.tp+s.tp, total.fp+s.fp, total.fn+s.fn
		fmt.Fprintf(&b, "| %s | %s |\n", sp.ID, s.row())
	}
	fmt.Fprintf(&b, "| all topics | %s |\n", total.row())
	fmt.Fprintf(&b, "\n| language | labelled | matched | TP | FP | FN | precision (95%% CI) | recall (95%% CI) |\n|---|---|---|---|---|---|---|---|\n")
	for _, l := range mapsKeys(perLang) {
		s := perLang[l]
		if s.tp+s.fp+s.fn > 0 {
			fmt.Fprintf(&b, "| %s | %s |\n", l, s.row())
		}
	}
	// Topic by language: TP/FP/FN where the language has any.
	var langs []string
	for _, l := range mapsKeys(perLang) {
		if s := perLang[l]; s.tp+s.fp+s.fn > 0 {
			langs = append(langs, l)
		}
	}
	fmt.Fprintf(&b, "\n| topic: TP/FP/FN | %s |\n|---|%s\n", strings.Join(langs, " | "), strings.Repeat("---|", len(langs)))
	for _, sp := range specs {
		cells := make([]string, len(langs))
		for i, l := range langs {
			if s := perBoth[[2]string{sp.ID, l}]; s != nil && s.tp+s.fp+s.fn > 0 {
				cells[i] = fmt.Sprintf("%d/%d/%d", s.tp, s.fp, s.fn)
			}
		}
		fmt.Fprintf(&b, "| %s | %s |\n", sp.ID, strings.Join(cells, " | "))
	}
	sort.Strings(errs)
	fmt.Fprintf(&b, "\n| error | topic | feed | story id | hits | cause |\n|---|---|---|---|---|---|\n%s\n", strings.Join(errs, "\n"))
	return b.String()
}

// row writes a score's cells for the tables: labelled, matched, TP, FP,
// FN, then precision and recall each with its Wilson 95% interval.
func (s score) row() string {
	return fmt.Sprintf("%d | %d | %d | %d | %d | %s | %s", s.tp+s.fn, s.tp+s.fp, s.tp, s.fp, s.fn,
		withInterval(s.tp, s.tp+s.fp), withInterval(s.tp, s.tp+s.fn))
}

// withInterval writes k/n as a proportion with its Wilson score interval
// at 95%, or "-" when n is zero.
func withInterval(k, n int) string {
	if n == 0 {
		return "-"
	}
	lo, hi := wilson(k, n)
	return fmt.Sprintf("%.2f (%.2f-%.2f)", float64(k)/float64(n), lo, hi)
}

// wilson returns the Wilson score interval of k successes in n trials at
// 95% confidence.
func wilson(k, n int) (lo, hi float64) {
	const z = 1.959964
	p, nf := float64(k)/float64(n), float64(n)
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

// holdout2Errors are every false match and miss on the second hold-out,
// run once after the second round's tuning, with their cause. The third
// round used this slice as development data: the errors it removed are
// gone from this list (see docs/EVALUATION.md).
var holdout2Errors = map[holdoutError]string{
	{"false", "ballistic-missiles", "feeds/ko/knews-international-1.xml", "http://www.sisajournal.com/news/articleView.html?idxno=243114"}:                                                                                 causeLead,
	{"false", "cyberattacks", "feeds/ko/kyunghyang-1.xml", "http://news.khan.co.kr/kh_news/khan_art_view.html?artid=201804051003001&code=920501"}:                                                                          causeJudgement,
	{"false", "north-korea", "feeds/en/nytimes-world-1.xml", "https://www.nytimes.com/2026/02/16/arts/puppet-regime-bremmer-eurasia.html"}:                                                                                 causeSubject,
	{"false", "north-korea", "feeds/ko/knews-international-1.xml", "http://www.mediatoday.co.kr/news/articleView.html?idxno=303799"}:                                                                                       causeLead,
	{"false", "sanctions", "feeds/ko/knews-international-1.xml", "https://www.donga.com/news/Inter/article/all/20220731/114747328/1"}:                                                                                      causeLead,
	{"false", "sanctions", "feeds/ko/knews-international-1.xml", "https://www.khan.co.kr/world/america/article/202207311721001/?utm_campaign=rss_btn_click&utm_source=khan_rss&utm_medium=rss&utm_content=kh_world"}:       causeLead,
	{"false", "sanctions", "feeds/ko/knews-international-1.xml", "https://www.khan.co.kr/world/china/article/202207311721001/?utm_campaign=rss_btn_click&utm_source=khan_rss&utm_medium=rss&utm_content=kh_world"}:         causeLead,
	{"false", "sanctions", "feeds/ko/knews-international-1.xml", "https://www.khan.co.kr/world/world-general/article/202207311721001/?utm_campaign=rss_btn_click&utm_source=khan_rss&utm_medium=rss&utm_content=kh_world"}: causeLead,
	{"false", "sanctions", "feeds/ru/lenta-1.xml", "https://lenta.ru/news/2022/12/03/dollar/"}:                                                                                                                             causeLead,
	{"false", "sanctions", "feeds/ru/lenta-1.xml", "https://lenta.ru/news/2022/12/03/turkey_football/"}:                                                                                                                    causeSense,
	{"miss", "ballistic-missiles", "feeds/zh/bbcchinese-2.xml", "tag:www.bbcchinese.com,2013-01-23:22524785"}:                                                                                                              causeNoStrongTerm,
	{"miss", "cyberattacks", "feeds/en/indianexpress-1.xml", "http://indianexpress.com/?post_type=article&p=4459612"}:                                                                                                      causeNoStrongTerm,
	{"miss", "cyberattacks", "feeds/ko/knews-international-1.xml", "https://www.chosun.com/international/us/2022/07/29/HRHPI4EJZNDKTHUBG4FMX2LRAY/"}:                                                                       causeNoStrongTerm,
	{"miss", "earthquakes", "feeds/en/economist-asia-1.xml", "fdd81ad1-6ec3-4346-8836-3a4eb1ac2709"}:                                                                                                                       causeGuardContext,
	{"miss", "nk-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205327"}:                                                                                           causePastLead,
	{"miss", "nk-weapons", "feeds/zh/bbcchinese-2.xml", "tag:www.bbcchinese.com,2013-01-23:22524785"}:                                                                                                                      causeNoStrongTerm,
	{"miss", "north-korea", "feeds/ko/knews-international-1.xml", "https://www.donga.com/news/Politics/article/all/20220730/114732192/1"}:                                                                                  causePastLead,
	{"miss", "nuclear-tests", "feeds/en/indianexpress-1.xml", "http://indianexpress.com/?post_type=article&p=4461264"}:                                                                                                     causePhrasing,
	{"miss", "nuclear-tests", "feeds/ko/knews-international-1.xml", "https://www.donga.com/news/Politics/article/all/20220730/114732192/1"}:                                                                                causePastLead,
	{"miss", "nuclear-weapons", "feeds/en/indianexpress-1.xml", "http://indianexpress.com/?post_type=article&p=4461264"}:                                                                                                   causePhrasing,
	{"miss", "nuclear-weapons", "feeds/ko/knews-international-1.xml", "http://www.tongilnews.com/news/articleView.html?idxno=205327"}:                                                                                      causePastLead,
	{"miss", "sanctions", "feeds/ko/knews-international-1.xml", "https://www.seoul.co.kr/news/newsView.php?id=20220801006013"}:                                                                                             causeNoStrongTerm,
}

// TestHoldout2 measures the evaluated topics on the second hold-out and
// checks that its remaining errors are exactly those of holdout2Errors.
func TestHoldout2(t *testing.T) {
	t.Log(evalSlice(t, "holdout2.tsv", holdout2Errors))
}
