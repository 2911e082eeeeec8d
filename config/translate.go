package config

import (
	"net/url"
	"time"

	"github.com/wirewatch/wirewatch/detect"
)

// Defaults of the translate section.
const (
	DefaultTranslateTarget  = "en"
	DefaultTranslateTimeout = Duration(10 * time.Second)
	DefaultTranslateBudget  = 50
)

// Translate configures optional machine translation of headlines through
// a LibreTranslate-compatible server. Off unless URL is set.
type Translate struct {
	// URL is the server's base URL; empty turns translation off.
	URL string `yaml:"url"`
	// APIKeyFile holds the server's API key, if it wants one.
	APIKeyFile string `yaml:"api_key_file"`
	// Target is the language headlines are translated into; default en.
	Target string `yaml:"target"`
	// Timeout bounds one request to the server; default 10s.
	Timeout Duration `yaml:"timeout"`
	// Budget is how many headlines one poll may send; default 50.
	Budget int `yaml:"budget"`

	// APIKey is read from APIKeyFile.
	APIKey Secret `yaml:"-"`
}

// validateTranslate checks the translate section and reads its key.
func (l *loader) validateTranslate(c *Config) {
	t := &c.Translate
	if t.Target == "" {
		t.Target = DefaultTranslateTarget
	}
	if t.Timeout == 0 {
		t.Timeout = DefaultTranslateTimeout
	}
	if t.Budget == 0 {
		t.Budget = DefaultTranslateBudget
	}
	if t.URL == "" {
		return
	}
	if u, err := url.Parse(t.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.errorf("translate.url", "want http(s)://host, not %q", t.URL)
	}
	if err := detect.CheckLanguage(t.Target); err != nil {
		l.errorf("translate.target", "%v", err)
	}
	if t.Timeout < 0 {
		l.errorf("translate.timeout", "must be positive, e.g. 10s")
	}
	if t.Budget < 0 {
		l.errorf("translate.budget", "must be at least 0")
	}
	if t.APIKeyFile != "" {
		t.APIKey = Secret(l.readSecret("translate.api_key_file", t.APIKeyFile))
	}
}
