package config

import (
	"errors"
	"fmt"

	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/topics"
)

// TopicSpecs converts the topics as written into the matcher's specs.
func (c *Config) TopicSpecs() []topics.Spec {
	specs := make([]topics.Spec, len(c.Topics))
	for i, t := range c.Topics {
		specs[i] = topics.Spec{
			ID:        t.ID,
			Name:      t.Name,
			Include:   t.Include,
			Require:   t.Require,
			Scope:     topics.Scope(t.Scope),
			Any:       terms(t.Any),
			None:      terms(t.None),
			Query:     t.Query,
			Languages: t.Languages,
			Alert:     t.Alert,
			MinScore:  t.MinScore,
			Mention:   t.Mention,
		}
		for _, g := range t.All {
			specs[i].All = append(specs[i].All, terms(g))
		}
	}
	return specs
}

func terms(ts []Term) []topics.Term {
	out := make([]topics.Term, len(ts))
	for i, t := range ts {
		out[i] = topics.Term{Text: t.Text, Case: t.Case, Weight: t.Weight}
	}
	return out
}

// validateTopics compiles every topic, so that a bad term is reported with
// its place, and keeps the compiled matcher. A language code is checked
// against the detector's languages here; the matcher's own check of the
// same code is not reported a second time.
func (l *loader) validateTopics(c *Config) {
	reported := map[string]bool{}
	for i, t := range c.Topics {
		for j, code := range t.Languages {
			if err := detect.CheckLanguage(code); err != nil {
				p := fmt.Sprintf("topics[%d].languages[%d]", i, j)
				l.errorf(p, "%v", err)
				reported[p] = true
			}
		}
	}
	m, warns, err := topics.Compile(c.TopicSpecs())
	for _, w := range warns {
		l.warnf(w.Path, "%s", w.Msg)
	}
	if err != nil {
		var errs topics.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				if !reported[e.Path] {
					l.errorf(e.Path, "%s", e.Msg)
				}
			}
		} else {
			l.errorf("topics", "%v", err)
		}
		return
	}
	c.Matcher = m
}
