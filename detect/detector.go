package detect

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/pemistahl/lingua-go"
)

// DefaultMinConfidence is the confidence below which a story's language is
// "und" when Options.MinConfidence is 0.
const DefaultMinConfidence = 0.25

// Options configures a Detector.
type Options struct {
	// Languages are the ISO 639-1 codes of the languages to tell apart;
	// nil or empty means DefaultLanguages(), and ["all"] every language
	// lingua knows.
	Languages []string
	// HighAccuracy selects lingua's high-accuracy mode, which also uses
	// 1- to 5-gram models on texts under 120 characters. It costs about
	// ten times the memory and build time of the default low-accuracy
	// mode for little gain on news headlines.
	HighAccuracy bool
	// MinConfidence is the confidence below which the language is "und";
	// 0 means DefaultMinConfidence.
	MinConfidence float64
	// Logger receives the build timing; nil discards.
	Logger *slog.Logger
}

// Detector finds languages and noise in stories. It is safe for concurrent
// use; it keeps what it learns about each source's boilerplate.
type Detector struct {
	lingua    lingua.LanguageDetector
	languages map[string]lingua.Language
	// scriptLanguage is the only configured language written in each
	// script, or "" (see scriptLanguages).
	scriptLanguage [numScripts]string
	// stops indexes the stop words of the configured languages, and
	// stopScripts are the scripts whose configured languages all have
	// some, where a feed's prior can be confirmed without lingua.
	stops         *stopIndex
	stopScripts   [numScripts]bool
	feeds         *feedMemory
	highAccuracy  bool
	minConfidence float64
	logger        *slog.Logger
	boilerplate   *boilerplate
}

// New builds a Detector, loading the language models of every configured
// language up front. It fails on an unknown language code.
func New(opts Options) (*Detector, error) {
	langs, err := linguaLanguages(opts.Languages)
	if err != nil {
		return nil, fmt.Errorf("new detector: %w", err)
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	minConf := opts.MinConfidence
	if minConf < 0 || minConf > 1 {
		return nil, fmt.Errorf("new detector: min confidence %v not between 0 and 1", minConf)
	}
	if minConf == 0 {
		minConf = DefaultMinConfidence
	}
	start := time.Now()
	b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithPreloadedLanguageModels()
	if !opts.HighAccuracy {
		b = b.WithLowAccuracyMode()
	}
	d := &Detector{
		lingua:        b.Build(),
		languages:     make(map[string]lingua.Language, len(langs)),
		highAccuracy:  opts.HighAccuracy,
		minConfidence: minConf,
		logger:        logger,
		boilerplate:   newBoilerplate(),
		feeds:         newFeedMemory(),
	}
	for _, l := range langs {
		d.languages[codeOf(l)] = l
	}
	codes := d.Languages()
	d.scriptLanguage = scriptLanguages(codes)
	d.stops = newStopIndex(codes)
	d.stopScripts = stopScripts(codes)
	logger.Debug("language detector built",
		slog.Int("languages", len(langs)),
		slog.Bool("high_accuracy", opts.HighAccuracy),
		slog.Duration("took", time.Since(start)))
	return d, nil
}

// Languages returns the ISO 639-1 codes of the languages the detector
// tells apart, sorted.
func (d *Detector) Languages() []string {
	out := make([]string, 0, len(d.languages))
	for c := range d.languages {
		out = append(out, c)
	}
	sortStrings(out)
	return out
}

// MarshalFeedLanguages returns what the detector has learnt about each
// feed's language, for UnmarshalFeedLanguages in a later run. Its size
// grows with the number of feeds, up to a bound, not with their history.
func (d *Detector) MarshalFeedLanguages() ([]byte, error) {
	return d.feeds.marshal()
}

// UnmarshalFeedLanguages replaces what the detector has learnt about each
// feed's language by the state MarshalFeedLanguages returned.
func (d *Detector) UnmarshalFeedLanguages(b []byte) error {
	return d.feeds.unmarshal(b)
}

// MarshalBoilerplate returns what the detector has learnt about each
// source's boilerplate, for UnmarshalBoilerplate in a later run.
func (d *Detector) MarshalBoilerplate() ([]byte, error) {
	return d.boilerplate.marshal()
}

// UnmarshalBoilerplate replaces what the detector has learnt about
// boilerplate by the state MarshalBoilerplate returned.
func (d *Detector) UnmarshalBoilerplate(b []byte) error {
	return d.boilerplate.unmarshal(b)
}
