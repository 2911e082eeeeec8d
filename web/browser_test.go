package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// browser starts a headless Chromium with a fresh profile, or skips the
// test when Chromium is not installed (fails it instead when
// WIREWATCH_BROWSER_REQUIRED is set, as in CI).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("WIREWATCH_BROWSER_REQUIRED") != "" {
			t.Fatal("WIREWATCH_BROWSER_REQUIRED is set but Chromium is not installed (apt-get install chromium)")
		}
		t.Skip("Chromium is not installed (apt-get install chromium); the status page is not tested in a browser")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first call starts the browser, with a context of its own: a
	// timeout on it would stop the browser.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel)
	return tctx
}

// in runs one browser action and returns its value, failing the test on
// an error.
func in[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestStatusPageInBrowser loads the status page in Chromium: it renders
// the feeds, outputs and matches as a person sees them, feed text runs no
// script and links nowhere unsafe, and the page holds no script at all.
func TestStatusPageInBrowser(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{status: testStatus()}})
	ctx := browser(t)
	url := "http://" + s.Addr() + "/"

	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitVisible("#feeds table")); err != nil {
		t.Fatal(err)
	}
	title := in(t, ctx, chromedp.Title())
	readiness := in(t, ctx, chromedp.Text("#readiness"))
	feeds := in(t, ctx, chromedp.Text("#feeds"))
	outputs := in(t, ctx, chromedp.Text("#outputs"))
	matches := in(t, ctx, chromedp.Text("#matches"))
	leftOut := in(t, ctx, chromedp.Text("#left-out"))
	scripts := in(t, ctx, chromedp.Evaluate[int](`document.scripts.length`))
	feedRows := in(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#feeds tbody tr").length`))
	href := in(t, ctx, chromedp.Evaluate[string](`document.querySelector("#matches a").getAttribute("href")`))
	pwned := in(t, ctx, chromedp.Evaluate[string](`String(window.pwned)`))
	shot := in(t, ctx, chromedp.FullScreenshot(100))
	if dir := os.Getenv("WIREWATCH_SCREENSHOTS"); dir != "" {
		os.WriteFile(filepath.Join(dir, "status-page.png"), shot, 0o644)
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"title is wirewatch status, got " + title, title == "wirewatch status"},
		{"the banner says ready: " + readiness, strings.HasPrefix(readiness, "Ready")},
		{"four feed rows", feedRows == 4},
		{"the failing feed shows its error", strings.Contains(feeds, "error ×3") && strings.Contains(feeds, "stories not stored")},
		{"a feed never polled says so", strings.Contains(feeds, "never polled")},
		{"outputs show pending and disabled", strings.Contains(outputs, "discord-ops") && strings.Contains(outputs, "disabled: webhook deleted (404)")},
		{"matches show the Korean and Arabic titles", strings.Contains(matches, "북한, 대륙간탄도미사일 발사") && strings.Contains(matches, "عقوبات جديدة على إيران")},
		{"the hostile title shows as text", strings.Contains(matches, "<script>window.pwned=1</script>")},
		{"no bidi override reaches the page", !strings.Contains(matches, "\u202e")},
		{"a topic without matches says so", strings.Contains(matches, "No matches yet")},
		{"the left-out section lists the story, its topics and output", strings.Contains(leftOut, "북한") && strings.Contains(leftOut, "ICBMs") && strings.Contains(leftOut, "discord-ops") && strings.Contains(leftOut, "last 7 days")},
		{"no script on the page", scripts == 0},
		{"feed text ran no script, window.pwned = " + pwned, pwned == "undefined"},
		{"the javascript: link is neutralised, href = " + href, !strings.HasPrefix(strings.ToLower(href), "javascript")},
		{"a screenshot was taken", len(shot) > 1000},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("status page: %s", c.what)
		}
	}
}

// TestStatusPageWithoutJavaScript: with scripts disabled the page shows the
// same content.
func TestStatusPageWithoutJavaScript(t *testing.T) {
	s := startTest(t, Options{Source: &fixedSource{status: testStatus()}})
	ctx := browser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("http://"+s.Addr()+"/"), chromedp.WaitVisible("#outputs table")); err != nil {
		t.Fatal(err)
	}
	feeds := in(t, ctx, chromedp.Text("#feeds"))
	if !strings.Contains(feeds, "yonhap-ko") || !strings.Contains(feeds, "not-modified") {
		t.Errorf("feeds with JavaScript disabled = %q, want every feed", feeds)
	}
}
