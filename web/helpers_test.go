package web

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/wirewatch/wirewatch"
)

// fixedSource serves a fixed status and readiness.
type fixedSource struct {
	mu       sync.Mutex
	status   *Status
	notReady error
}

func (f *fixedSource) Ready(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.notReady
}

func (f *fixedSource) Status(context.Context) (*Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.status == nil {
		return nil, errors.New("store closed")
	}
	return f.status, nil
}

// hostileTitle is feed text that tries to run a script, ping everyone
// and reverse what follows it.
const hostileTitle = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"> @everyone \u202eevil\u202c"

// testStatus is a status with a bit of everything, including hostile
// feed text.
func testStatus() *Status {
	now := time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)
	hostile := &wirewatch.Item{ID: "h", Feed: "wire", Title: hostileTitle, Link: "javascript:alert(1)", FirstSeen: now.Add(-5 * time.Minute)}
	ko := &wirewatch.Item{ID: "k", Feed: "yonhap-ko", Title: "북한, 대륙간탄도미사일 발사", Link: "https://en.yna.co.kr/view/1",
		FirstSeen: now.Add(-10 * time.Minute), Analysis: &wirewatch.Analysis{Language: "ko", CleanTitle: "북한, 대륙간탄도미사일 발사"},
		Matches: []wirewatch.Match{{Topic: "icbm", Name: "ICBMs"}}}
	ar := &wirewatch.Item{ID: "a", Feed: "aljazeera-ar", Title: "عقوبات جديدة على إيران", Link: "https://www.aljazeera.net/news/1",
		FirstSeen: now.Add(-time.Hour), Analysis: &wirewatch.Analysis{Language: "ar", CleanTitle: "عقوبات جديدة على إيران"}}
	return &Status{
		Version:  "1.2.3",
		Now:      now,
		LastPoll: now.Add(-3 * time.Minute),
		Feeds: []wirewatch.FeedStatus{
			{Name: "wire", Result: wirewatch.ResultOK, LastFetch: now.Add(-3 * time.Minute), Items: 120, New: 4, NextPoll: now.Add(7 * time.Minute)},
			{Name: "yonhap-ko", Result: wirewatch.ResultNotModified, LastFetch: now.Add(-3 * time.Minute), Items: 80, NextPoll: now.Add(7 * time.Minute)},
			{Name: "flaky", Result: wirewatch.ResultError, Failures: 3, LastError: "stories not stored: database writes failing: database or disk is full (13)", LastFetch: now.Add(-time.Hour), NextPoll: now.Add(-time.Minute)},
			{Name: "new-feed"},
		},
		Outputs: []Output{
			{Name: "discord-ops", Pending: 12, LastDigest: now.Add(-30 * time.Minute)},
			{Name: "discord-webhook-123", Failed: 2, Disabled: "webhook deleted (404)"},
		},
		Topics: []Topic{
			{ID: "icbm", Name: "ICBMs", Matches: []*wirewatch.Item{hostile, ko}},
			{ID: "sanctions", Name: "Sanctions", Matches: []*wirewatch.Item{ar}},
			{ID: "quakes", Name: "Earthquakes"},
		},
		LeftOutRecorded: true,
		LeftOutSince:    7 * 24 * time.Hour,
		LeftOut:         []LeftOut{{Output: "discord-ops", Sent: now.Add(-30 * time.Minute), Item: ko}},
	}
}
