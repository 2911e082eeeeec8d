package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// headingPhrases are the headings of the lists of other stories that pages
// put around a story: related stories, cross-links, most read, top stories,
// recommendations. Lines are compared as normalizeChrome leaves them.
var headingPhrases = toSet(
	// English.
	"related", "related stories", "related articles", "related news", "related content",
	"related links", "related coverage", "related topics", "more on this story",
	"more on this topic", "more stories", "more news", "more from", "more videos",
	"most read", "most popular", "most viewed", "most watched", "most shared",
	"most commented", "most emailed", "top stories", "top news", "trending",
	"trending now", "trending stories", "recommended", "recommended for you",
	"recommended stories", "you may also like", "you might also like",
	"you may be interested in", "read more", "read also", "also read", "see also",
	"further reading", "latest news", "latest stories", "popular now", "editor's picks",
	"editors' picks", "don't miss", "from around the web", "around the web",
	"elsewhere on", "what to read next", "in other news",
	// Russian and Ukrainian.
	"читайте также", "самое читаемое", "самое популярное", "самое интересное",
	"по теме", "новости по теме", "материалы по теме", "другие новости", "популярное",
	"главное", "сейчас читают", "смотрите также", "рекомендуем", "лента новостей",
	"последние новости", "читайте також", "найпопулярніше", "по темі",
	"новини за темою", "інші новини", "головне", "останні новини",
	// German.
	"lesen sie auch", "mehr zum thema", "meistgelesen", "meistgelesene artikel",
	"am meisten gelesen", "das könnte sie auch interessieren", "weitere artikel",
	"top-themen", "empfehlungen", "verwandte artikel", "auch interessant",
	// French.
	"à lire aussi", "lire aussi", "les plus lus", "les plus lues", "sur le même sujet",
	"voir aussi", "à la une", "articles liés", "dans la même rubrique",
	"les plus partagés", "à voir aussi", "les plus populaires",
	// Spanish and Portuguese.
	"lo más leído", "lo más visto", "lo más popular", "lee también", "te puede interesar",
	"también te puede interesar", "noticias relacionadas", "más noticias",
	"ver también", "últimas noticias", "más leídas", "más leídos", "leia também",
	"mais lidas", "mais lidos", "notícias relacionadas", "veja também",
	"últimas notícias", "você pode gostar", "mais notícias",
	// Italian.
	"leggi anche", "i più letti", "più letti", "articoli correlati",
	"potrebbe interessarti", "ti potrebbe interessare",
	// Turkish.
	"ilgili haberler", "en çok okunanlar", "çok okunanlar", "ilginizi çekebilir",
	"bunlar da ilginizi çekebilir",
	// Dutch and Polish.
	"lees ook", "meest gelezen", "gerelateerde artikelen", "czytaj także",
	"najczęściej czytane", "zobacz także", "polecane",
	// Chinese.
	"推荐阅读", "相关新闻", "相关阅读", "相关文章", "热门", "热门新闻", "热门文章",
	"热点新闻", "热读", "延伸阅读", "猜你喜欢", "最新新闻", "点击排行", "阅读排行",
	"编辑推荐", "推薦閱讀", "相關新聞", "相關閱讀", "相關文章", "熱門", "熱門新聞",
	"延伸閱讀", "點擊排行", "熱讀",
	// Japanese.
	"関連記事", "関連ニュース", "アクセスランキング", "人気記事", "おすすめ記事",
	"注目のニュース", "注目記事", "こちらもおすすめ", "あわせて読みたい", "最新記事",
	"主要ニュース",
	// Korean.
	"관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "많이 본 뉴스", "많이 본 기사",
	"인기기사", "인기 기사", "추천기사", "추천 기사", "최신기사", "주요뉴스",
	"이 시각 주요뉴스", "실시간 인기",
	// Arabic, Persian and Urdu.
	"اقرأ أيضا", "اقرأ أيضاً", "الأكثر قراءة", "الأكثر مشاهدة", "أخبار ذات صلة",
	"مواضيع ذات صلة", "شاهد أيضا", "بیشتر بخوانید", "پربازدیدترین", "مطالب مرتبط",
	"اخبار مرتبط", "متعلقہ خبریں", "مقبول خبریں",
	// Hindi.
	"यह भी पढ़ें", "ये भी पढ़ें", "संबंधित खबरें", "सबसे ज्यादा पढ़ी गई", "टॉप न्यूज़",
)

// Bounds of a heading line: a heading phrase followed by at most
// headingExtraWords words ("Most read stories", "Most Popular popular"),
// and at most headingRunes runes in all. In scripts written without
// spaces a heading phrase may sit anywhere in a line of at most
// headingCJKRunes letters ("雑誌アクセスランキング（IT・科学）").
const (
	headingExtraWords = 2
	headingRunes      = 40
	headingCJKRunes   = 16
)

// isListHeading reports whether a line is the heading of a list of other
// stories.
func isListHeading(line string) bool {
	if utf8.RuneCountInString(line) > headingRunes {
		return false
	}
	norm := normalizeChrome(line)
	if headingPhrases[norm] {
		return true
	}
	words := strings.Fields(norm)
	for n := min(len(words)-1, 4); n >= 1; n-- {
		if headingPhrases[strings.Join(words[:n], " ")] {
			return len(words)-n <= headingExtraWords
		}
	}
	if cjk := cjkLetters(norm); cjk == 0 || cjk > headingCJKRunes {
		return false
	}
	for _, p := range cjkHeadings {
		if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// cjkHeadings are the heading phrases in scripts written without spaces,
// which isListHeading looks for anywhere in a short line.
var cjkHeadings = func() []string {
	var out []string
	for p := range headingPhrases {
		if cjkLetters(p) >= 2 {
			out = append(out, p)
		}
	}
	return out
}()

// Bounds of a listed headline: at most listedWords words and listedCJKRunes
// letters of scripts written without spaces, and, when it ends with a full
// stop, at most listedSentenceWords words (listedSentenceCJKRunes letters):
// headlines seldom end with one, story sentences do.
const (
	listedWords            = 20
	listedCJKRunes         = 80
	listedSentenceWords    = 6
	listedSentenceCJKRunes = 12
)

// isListedHeadline reports whether a line reads as an item of a list of
// stories: a headline, a date, a section label; not a sentence of a story.
func isListedHeadline(s string) bool {
	words := countWords(s)
	cjk := cjkLetters(s)
	if words > listedWords || cjk > listedCJKRunes {
		return false
	}
	t := strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	switch {
	case t == "":
		return true
	case r == '.' || r == '。' || r == '।' || r == '۔':
		return words <= listedSentenceWords && cjk <= listedSentenceCJKRunes
	case isSentenceEnd(r):
		// A question or an exclamation, which headlines often are.
		return !isParagraph(s)
	}
	return true
}

// markHeadingBlocks marks as chrome the lists of other stories that a
// known heading opens ("Most read", "Читайте также", "関連記事"): the
// heading and the headline-like lines after it (already marked lines
// included), up to the first line that reads as a sentence of a story. A
// story's own subheading that happens to read like such a heading thus
// keeps the paragraphs under it.
func markHeadingBlocks(lines []textLine) {
	for i := 0; i < len(lines); i++ {
		if !isListHeading(lines[i].text) {
			continue
		}
		j := i + 1
		for ; j < len(lines); j++ {
			l := &lines[j]
			if l.reason != "" {
				continue
			}
			if !isListedHeadline(l.text) {
				break
			}
		}
		fresh := 0
		for k := i + 1; k < j; k++ {
			if lines[k].reason == "" {
				lines[k].reason = ReasonChrome
				fresh++
			}
		}
		if fresh > 0 && lines[i].reason == "" {
			lines[i].reason = ReasonChrome
		}
		i = j - 1
	}
}
