package app

import (
	"log/slog"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/detect"
	"github.com/wirewatch/wirewatch/feeds"
)

// NewFetcher builds the feed fetcher the poll settings ask for; an empty
// userAgent leaves the fetcher's default, and poll.user_agent wins over it.
func NewFetcher(cfg *config.Config, userAgent string, log *slog.Logger) *feeds.Fetcher {
	if cfg.Poll.UserAgent != "" {
		userAgent = cfg.Poll.UserAgent
	}
	return feeds.NewFetcher(feeds.Options{
		Timeout:       cfg.Poll.Timeout,
		MaxBodyBytes:  int64(cfg.Poll.MaxBody),
		UserAgent:     userAgent,
		MaxConcurrent: cfg.Poll.Concurrency,
		MaxPerHost:    cfg.Poll.PerHost,
		Logger:        log,
	})
}

// NewDetector builds the language detector the configuration asks for.
func NewDetector(cfg *config.Config, log *slog.Logger) (*detect.Detector, error) {
	return detect.New(detect.Options{
		Languages:     cfg.Languages,
		HighAccuracy:  cfg.Detection.Accuracy == "high",
		MinConfidence: cfg.Detection.MinConfidence,
		Logger:        log,
	})
}
