package detect

import (
	"strings"
	"unicode"
)

// stopWords are some of the most frequent words of the default languages
// that share a script with another default language: articles,
// prepositions, conjunctions, pronouns and auxiliaries, lower-cased. A
// story confirms its feed's usual language cheaply (see feedMemory) only
// when its words are clearly more of that language's than of any other
// language of its script; a language without a list is always left to
// lingua.
var stopWords = map[string][]string{
	"en": strings.Fields("the of and to in a is that for on with as was by at from it an be are has have his her its said says after over into but not who will were their this"),
	"fr": strings.Fields("le la les de des du un une et en est que qui dans pour sur au aux par avec pas plus ce cette il elle ont été sont son sa ses à"),
	"de": strings.Fields("der die das und den dem des ein eine einer nicht mit von zu in im ist auf für sich bei aus auch als nach wie wird sind hat"),
	"es": strings.Fields("el la los las de del y en que un una por con para es se al su sus lo como más pero fue ha"),
	"pt": strings.Fields("o a os as de do da dos das e em no na nos nas um uma que para com por não é se ao mais foi pelo pela"),
	"it": strings.Fields("il lo la le gli i di del della dei delle e che un una per con non è si da in al nel alla sono più"),
	"tr": strings.Fields("ve bir bu da de ile için olarak en çok daha gibi ama olan sonra ki mi ne o her kadar yeni"),
	"pl": strings.Fields("i w z na do nie się że to jest o od jak za po przez dla oraz ale co są jego przy"),
	"nl": strings.Fields("de het een van en in op is dat die te met voor niet zijn aan er ook als bij om maar door naar"),
	"id": strings.Fields("yang dan di ke dari ini itu untuk dengan tidak akan pada dalam juga ada atau oleh karena saat telah bisa"),
	"vi": strings.Fields("và của là có không các được cho trong những với người một này đã để khi từ cũng đến"),
	"ru": strings.Fields("и в не на что с по к как из за от о для это но его он она же так до у был была также"),
	"uk": strings.Fields("і в у не на що з за до як від це та для його але він вона також було є із про"),
	"ar": strings.Fields("في من على إلى أن التي الذي عن مع هذا هذه كان قد ما لا بين بعد كما وقال أو ثم حتى"),
	"fa": strings.Fields("و در به از که این را با است آن برای یک می شد شده هم تا بر نیز کرد بود ها"),
	"ur": strings.Fields("کے میں کی ہے اور کو سے نے کا پر یہ ہیں بھی تھا تھی کہ گیا ایک وہ جو"),
}

// Thresholds of the stop-word evidence.
const (
	// minStopHits is how many of a language's stop words a sample needs.
	minStopHits = 3
	// stopMargin is how many times more of them than of any other
	// language of the script it needs.
	stopMargin = 2
)

// stopScripts returns the scripts shared by several of the given
// languages that all have stop words.
func stopScripts(codes []string) [numScripts]bool {
	var n, listed [numScripts]int
	for _, c := range codes {
		s := scriptOfLanguage(c)
		n[s]++
		if _, ok := stopWords[c]; ok {
			listed[s]++
		}
	}
	var out [numScripts]bool
	for s := range out {
		out[s] = n[s] >= 2 && listed[s] == n[s]
	}
	return out
}

// stopIndex maps each stop word to the languages, among a detector's,
// whose list holds it, as bits of the detector's stop-word languages.
type stopIndex struct {
	codes []string
	words map[string]uint32
}

// newStopIndex indexes the stop words of the given languages that have a
// list; at most 32 do, which every built-in list fits in.
func newStopIndex(codes []string) *stopIndex {
	x := &stopIndex{words: make(map[string]uint32)}
	for _, c := range codes {
		list, ok := stopWords[c]
		if !ok || len(x.codes) == 32 {
			continue
		}
		bit := uint32(1) << len(x.codes)
		x.codes = append(x.codes, c)
		for _, w := range list {
			x.words[w] |= bit
		}
	}
	return x
}

// favours reports whether the words of text are clearly in the language
// with the given code rather than in any other of the given script: at
// least minStopHits of its stop words, and stopMargin times more than of
// the stop words of any other language written in that script that are
// not its own too (German and Dutch share "die", English and Dutch "in").
func (x *stopIndex) favours(text, code string, sc script) bool {
	self := -1
	var rivals uint32
	for i, c := range x.codes {
		switch {
		case c == code:
			self = i
		case scriptOfLanguage(c) == sc:
			rivals |= 1 << i
		}
	}
	if self < 0 {
		return false
	}
	own := 0
	var hits [32]int
	for w := range strings.FieldsFuncSeq(text, notWordRune) {
		bits, ok := x.words[strings.ToLower(w)]
		switch {
		case !ok:
		case bits&(1<<self) != 0:
			own++
		default:
			for i := range x.codes {
				if bits&rivals&(1<<i) != 0 {
					hits[i]++
				}
			}
		}
	}
	rival := 0
	for _, h := range hits {
		rival = max(rival, h)
	}
	return own >= minStopHits && own >= stopMargin*rival
}

// notWordRune reports whether r separates words: anything but letters and
// marks (Arabic-script vowel signs, Vietnamese tones written apart).
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsMark(r)
}
