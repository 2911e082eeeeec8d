package discord

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/internal/discordtest"
)

// apiBase returns the address the bot should use for fake. discordgo adds
// a "/" to the gateway URL it is given (restapi.go Gateway), so it dials
// ws://HOST/gw/; while the fake serves only /gw, a proxy in front of it
// maps /gw/ to /gw and points GET /gateway at itself.
func apiBase(tb testing.TB, fake *discordtest.Server) string {
	tb.Helper()
	resp, err := http.Get(fake.URL() + "/gw/")
	if err != nil {
		tb.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		return fake.URL()
	}
	target, err := url.Parse(fake.URL())
	if err != nil {
		tb.Fatal(err)
	}
	var proxyURL string
	proxy := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			if r.Out.URL.Path == "/gw/" {
				r.Out.URL.Path = "/gw"
			}
		},
		ModifyResponse: func(resp *http.Response) error {
			if !strings.HasSuffix(resp.Request.URL.Path, "/gateway") {
				return nil
			}
			body, err := io.ReadAll(resp.Body)
			if err != nil {
				return err
			}
			body = bytes.ReplaceAll(body, []byte(strings.TrimPrefix(fake.URL(), "http")), []byte(strings.TrimPrefix(proxyURL, "http")))
			resp.Body = io.NopCloser(bytes.NewReader(body))
			resp.ContentLength = int64(len(body))
			resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
			return nil
		},
	}
	srv := httptest.NewServer(proxy)
	tb.Cleanup(srv.Close)
	proxyURL = srv.URL
	return proxyURL
}
