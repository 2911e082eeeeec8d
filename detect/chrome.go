package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// chromePhrases are whole lines that are site chrome in the languages of
// the default set: subscribe, share, login and register prompts, comment
// widgets, loaders, menus and section labels of teaser blocks. Lines are
// compared lowercased, with surrounding punctuation and symbols trimmed.
var chromePhrases = toSet(
	// English.
	"subscribe", "subscribe now", "unsubscribe", "sign up", "sign in", "sign out",
	"log in", "login", "log out", "logout", "register", "log in or register",
	"sign in or register", "login or register", "create an account", "my account",
	"share", "share this", "share this article", "share this story", "share on facebook",
	"share on twitter", "tweet", "print", "email", "e-mail", "copy link", "whatsapp",
	"comments", "comment", "leave a comment", "show comments", "view comments",
	"to participate in the discussion", "join the discussion", "join the conversation",
	"loader", "loading", "chats", "chat", "newsfeed", "news feed", "related",
	"related articles", "related stories", "related news", "related content",
	"read more", "more", "see more", "show more", "load more", "advertisement",
	"sponsored", "sponsored content", "ad", "ads", "menu", "search", "home", "close",
	"back to top", "skip to content", "skip to main content", "follow us", "newsletter",
	"sign up for our newsletter", "most read", "most popular", "trending", "top stories",
	"latest news", "you may also like", "recommended", "cookie settings",
	"accept cookies", "accept all cookies", "accept", "next article", "previous article",
	"all rights reserved", "listen", "listen to this article", "watch", "video", "photo",
	"gallery", "image", "enlarge this image", "toggle caption", "hide caption",
	// Share buttons, by network name.
	"facebook", "twitter", "linkedin", "pinterest", "reddit", "telegram", "vk", "x",
	"вконтакте", "одноклассники", "weibo", "wechat", "微信", "微博", "新浪微博",
	"腾讯微博", "微信好友", "qq空间", "qq好友", "페이스북", "트위터", "카카오톡", "카카오스토리",
	"はてなブックマーク",
	// Russian and Ukrainian.
	"подписаться", "подпишитесь", "поделиться", "войти", "вход", "регистрация",
	"войти или зарегистрироваться", "зарегистрироваться", "комментарии", "комментировать",
	"загрузка", "читайте также", "читать далее", "читать полностью", "подробнее", "ещё",
	"еще", "реклама", "лента новостей", "главное", "все новости", "новости", "чаты",
	"все права защищены", "підписатися", "поділитися", "увійти", "реєстрація",
	"коментарі", "завантаження", "читайте також", "детальніше", "всі новини",
	"усі новини", "стрічка новин", "всі права захищені",
	// German.
	"abonnieren", "jetzt abonnieren", "teilen", "anmelden", "abmelden", "registrieren",
	"einloggen", "kommentare", "weiterlesen", "mehr lesen", "lesen sie auch", "mehr zum thema",
	"werbung", "anzeige", "newsletter abonnieren", "alle rechte vorbehalten", "startseite",
	"artikel teilen", "drucken",
	// French.
	"s'abonner", "abonnez-vous", "partager", "se connecter", "connexion", "s'inscrire",
	"inscription", "commentaires", "lire aussi", "lire la suite", "à lire aussi",
	"voir aussi", "publicité", "chargement", "tous droits réservés", "accueil",
	"déconnexion", "imprimer",
	// Spanish and Portuguese.
	"suscríbete", "suscribirse", "compartir", "iniciar sesión", "registrarse",
	"comentarios", "leer más", "lee también", "publicidad", "te puede interesar",
	"ver más", "cargando", "todos los derechos reservados", "inicio",
	"assine", "assinar", "compartilhar", "partilhar", "entrar", "cadastre-se",
	"comentários", "leia mais", "leia também", "publicidade", "saiba mais",
	"veja também", "carregando", "todos os direitos reservados",
	// Italian.
	"iscriviti", "abbonati", "condividi", "accedi", "registrati", "commenti",
	"leggi anche", "leggi di più", "pubblicità", "caricamento", "tutti i diritti riservati",
	// Turkish.
	"abone ol", "paylaş", "giriş yap", "kayıt ol", "yorumlar", "devamını oku",
	"ilginizi çekebilir", "reklam", "ilgili haberler", "tüm hakları saklıdır",
	// Dutch and Polish.
	"abonneren", "delen", "inloggen", "reacties", "lees ook", "lees meer", "advertentie",
	"subskrybuj", "udostępnij", "zaloguj się", "komentarze", "czytaj także", "czytaj więcej",
	"reklama",
	// Chinese.
	"订阅", "分享", "登录", "注册", "登录注册", "评论", "阅读更多", "相关阅读", "相关新闻",
	"延伸阅读", "广告", "加载中", "更多", "返回顶部", "关注我们", "责任编辑", "訂閱", "分享到",
	"登入", "註冊", "評論", "閱讀更多", "相關閱讀", "相關新聞", "延伸閱讀", "廣告", "載入中",
	"版权所有", "版權所有",
	// Japanese.
	"購読", "購読する", "シェア", "ログイン", "会員登録", "登録", "コメント", "続きを読む",
	"関連記事", "広告", "読み込み中", "もっと見る", "ツイート", "トップへ戻る",
	// Korean.
	"구독", "구독하기", "공유", "공유하기", "로그인", "회원가입", "댓글", "더보기",
	"관련기사", "광고", "기사 더보기", "많이 본 뉴스", "무단전재 및 재배포 금지",
	"무단 전재 및 재배포 금지",
	// Arabic, Persian and Urdu.
	"اشترك", "اشترك الآن", "مشاركة", "شارك", "تسجيل الدخول", "التسجيل", "تعليقات",
	"اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "إعلان", "جميع الحقوق محفوظة",
	"اشتراک", "ورود", "ثبت نام", "نظرات", "بیشتر بخوانید", "تبلیغات",
	"مزید پڑھیں", "شیئر کریں", "اشتہار", "تبصرے",
	// Hindi.
	"सदस्यता लें", "शेयर करें", "लॉग इन", "और पढ़ें", "यह भी पढ़ें", "विज्ञापन",
	"टिप्पणियां", "टिप्पणियाँ",
)

// chromePrefixes start lines that are cross-links, related-story teasers,
// photo credits or cookie notices, whatever follows them.
var chromePrefixes = []string{
	"read more:", "read also:", "also read:", "see also:", "related:", "more:",
	"photo:", "photo by", "photos:", "image:", "image copyright", "image caption",
	"picture:", "credit:", "getty images", "copyright ©", "(c) ", "©",
	"watch:", "listen:", "video:", "click here", "sign up for", "subscribe to",
	"читайте также:", "читайте также", "смотрите также:", "фото:",
	"читайте також:", "дивіться також:",
	"lesen sie auch:", "mehr zum thema:", "foto:", "bild:",
	"lire aussi :", "lire aussi:", "à lire aussi :", "voir aussi :", "photo :",
	"lee también:", "leer más:", "leia também:", "leia mais:", "veja também:",
	"leggi anche:", "ilgili haber:", "lees ook:", "czytaj także:",
	"相关阅读：", "相关阅读:", "延伸阅读：", "延伸閱讀：", "图片来源", "圖片來源", "图片：", "来源：",
	"関連記事：", "写真：", "写真=", "사진=", "사진:", "관련기사:", "[관련기사]",
	"اقرأ أيضا:", "اقرأ أيضاً:", "صورة:", "यह भी पढ़ें:", "यह भी पढ़ें-", "फोटो:",
}

// siteWords end a caption's site suffix, as in "... - Sputnik International"
// or "... | Reuters Photo": a line that ends with a dash or bar and a short
// name ending in one of these is a photo caption or a teaser, not story.
var siteWords = toSet(
	"international", "news", "agency", "times", "post", "online", "press", "radio",
	"tv", "media", "daily", "herald", "tribune", "journal", "network", "photo",
	"images", "reuters", "ap", "afp", "getty", "sputnik", "tass", "ria", "xinhua",
	"yonhap", "kcna", "epa", "ria novosti", "bloomberg",
)

// toSet makes a set of strings.
func toSet(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// normalizeChrome lowercases a line, collapses its spaces and trims the
// punctuation and symbols around it, for comparison with chromePhrases.
func normalizeChrome(line string) string {
	line = strings.ToLower(collapseSpaces(line))
	return strings.TrimFunc(line, isChromeTrim)
}

// isChromeTrim reports whether r is trimmed around a line before it is
// compared with chromePhrases.
func isChromeTrim(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r)
}

// maxPhraseBytes bounds the length of a line, once trimmed, that can be
// one of chromePhrases or a counter: lower-casing shrinks a rune to a
// third of its bytes at most (the Kelvin sign).
var maxPhraseBytes = func() int {
	n := 0
	for p := range chromePhrases {
		n = max(n, len(p))
	}
	return 3 * n
}()

// maxChromeRunes bounds the lines that may be taken for known chrome by a
// prefix: longer lines are story even when they start like chrome.
const maxChromeRunes = 300

// isKnownChrome reports whether a line is a known kind of site chrome.
func isKnownChrome(line string) bool {
	core := strings.TrimFunc(line, isChromeTrim)
	if core == "" {
		// Only punctuation and symbols.
		return true
	}
	if len(core) <= maxPhraseBytes {
		if norm := normalizeChrome(core); chromePhrases[norm] || isCounter(norm) {
			return true
		}
	}
	if utf8.RuneCountInString(line) > maxChromeRunes {
		return false
	}
	line = strings.TrimSpace(line)
	// The prefixes are read on the start of the line alone, lower-cased.
	head := strings.ToLower(headBytes(line, maxPrefixBytes))
	for _, p := range chromePrefixesFrom[firstByte(head)] {
		if strings.HasPrefix(head, p) {
			return true
		}
	}
	if isMenu(line) || hasSiteSuffix(line) {
		return true
	}
	words := countWords(line)
	if words > maxFooterWords && !mayBeCookieNotice(line) {
		// Neither a footer nor a cookie notice.
		return false
	}
	low := strings.ToLower(line)
	return isCookieNotice(low) || isFooter(low)
}

// chromePrefixesFrom are chromePrefixes by their first byte.
var chromePrefixesFrom = func() (by [256][]string) {
	for _, p := range chromePrefixes {
		by[p[0]] = append(by[p[0]], p)
	}
	return by
}()

// maxPrefixBytes is the length of the longest of chromePrefixes.
var maxPrefixBytes = func() int {
	n := 0
	for _, p := range chromePrefixes {
		n = max(n, len(p))
	}
	return n
}()

// firstByte returns the first byte of s, or 0.
func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// headBytes returns the start of s, at least n bytes and one rune more,
// cut at a rune's start, or all of s. Lower-casing maps rune by rune, so
// the start lowered is the start of s lowered.
func headBytes(s string, n int) string {
	if len(s) <= n+utf8.UTFMax {
		return s
	}
	n += utf8.UTFMax
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}

// mayBeCookieNotice reports whether s may hold "cookie" once lower-cased:
// in any case of ASCII, or with the two runes that lower-case to ASCII
// letters (the Kelvin sign and the dotted capital I).
func mayBeCookieNotice(s string) bool {
	for i := 0; i+len("cookie") <= len(s); i++ {
		if s[i]|0x20 == 'c' && strings.EqualFold(s[i:i+len("cookie")], "cookie") {
			return true
		}
	}
	return strings.ContainsRune(s, '\u212A') || strings.ContainsRune(s, '\u0130')
}

// isCounter reports whether a normalised line is only a number, like the
// share and comment counters left by widgets ("0", "12", "1.2k").
func isCounter(norm string) bool {
	norm = strings.TrimSuffix(strings.TrimSuffix(norm, "k"), "m")
	if norm == "" || len(norm) > 8 {
		return false
	}
	for _, r := range norm {
		if !unicode.IsDigit(r) && r != '.' && r != ',' && r != ' ' {
			return false
		}
	}
	return true
}

// isCookieNotice reports whether a lowercased line is a cookie banner.
func isCookieNotice(low string) bool {
	if !strings.Contains(low, "cookie") || utf8.RuneCountInString(low) > 400 {
		return false
	}
	for _, w := range []string{"we use", "accept", "policy", "consent", "nous utilisons",
		"utilizamos", "wir verwenden", "utilizziamo", "settings", "paramètres", "einstellungen"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// Bounds of the items of a one-line menu: at most menuPartWords words and
// menuPartRunes runes, of which at most menuPartCJKRunes in scripts
// written without spaces (where a middle dot also joins the parts of a
// name, as in "哈立德·泰穆尔").
const (
	menuPartWords    = 3
	menuPartRunes    = 24
	menuPartCJKRunes = 8
)

// isMenu reports whether a line is a menu: three or more short items
// separated by bars or bullets.
func isMenu(line string) bool {
	if seps := strings.Count(line, "|") + strings.Count(line, "•") + strings.Count(line, "·") + strings.Count(line, "¦"); seps < 2 {
		// Three items need two separators.
		return false
	}
	parts := strings.FieldsFunc(line, func(r rune) bool {
		return r == '|' || r == '•' || r == '·' || r == '¦'
	})
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if countWords(p) > menuPartWords || utf8.RuneCountInString(strings.TrimSpace(p)) > menuPartRunes ||
			cjkLetters(p) > menuPartCJKRunes {
			return false
		}
	}
	return true
}

// hasSiteSuffix reports whether a line ends in " - Site Name" where the
// name is at most four words and ends in a site word, the way captions and
// teaser images are labelled ("... in Singapore - Sputnik International").
func hasSiteSuffix(line string) bool {
	line = strings.TrimSpace(line)
	i := lastDashOrBar(line)
	if i <= 0 || line[i-1] != ' ' {
		return false
	}
	_, size := utf8.DecodeRuneInString(line[i:])
	name := strings.TrimSpace(line[i+size:])
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	last := strings.ToLower(strings.Trim(words[len(words)-1], ".,"))
	return siteWords[last] || strings.HasSuffix(last, ".com")
}

// lastDashOrBar returns the index of the last hyphen, en dash, em dash or
// vertical bar in s, or -1.
func lastDashOrBar(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '-', '|':
			return i
		case 0x93, 0x94: // the last bytes of – (E2 80 93) and — (E2 80 94)
			if i >= 2 && s[i-2] == 0xE2 && s[i-1] == 0x80 {
				return i - 2
			}
		}
	}
	return -1
}

// footerMarks are the words of copyright notices in the default languages.
var footerMarks = []string{
	"©", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
	"todos los derechos reservados", "todos os direitos reservados",
	"tutti i diritti riservati", "tüm hakları saklıdır", "все права защищены",
	"всі права захищені", "版权所有", "版權所有", "無断転載", "저작권자",
	"무단전재", "무단 전재", "جميع الحقوق محفوظة", "सर्वाधिकार सुरक्षित",
}

// maxFooterWords is the longest line taken for a copyright notice.
const maxFooterWords = 20

// isFooter reports whether a lowercased line is a copyright notice: short,
// with a copyright sign or phrase, or starting with "copyright" and having
// a year.
func isFooter(low string) bool {
	if countWords(low) > maxFooterWords {
		return false
	}
	for _, m := range footerMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	return strings.HasPrefix(low, "copyright") && strings.ContainsFunc(low, unicode.IsDigit)
}
