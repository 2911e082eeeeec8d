package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// startFake runs the command in-process and returns its printed values.
func startFake(tb testing.TB) map[string]string {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-heartbeat", "1s"}, pw, io.Discard)
		pw.Close()
	}()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("run: %v", err)
		}
	})
	vals := map[string]string{}
	sc := bufio.NewScanner(pr)
	for len(vals) < 7 && sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		vals[k] = v
	}
	go io.Copy(io.Discard, pr)
	return vals
}

func TestRunDrivesTheFake(t *testing.T) {
	v := startFake(t)
	for _, k := range []string{"url", "gateway", "application_id", "guild_id", "channel_id", "webhook_url"} {
		if v[k] == "" {
			t.Fatalf("%s not printed: %v", k, v)
		}
	}
	resp, err := http.Post(v["webhook_url"]+"?wait=true", "application/json", strings.NewReader(`{"content":"hello @everyone"}`))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("webhook execute: %v %v", err, resp)
	}
	resp.Body.Close()

	resp, err = http.Get(v["url"] + "/_fake/transcript/" + v["channel_id"])
	if err != nil {
		t.Fatal(err)
	}
	var msgs []struct {
		Content   string `json:"content"`
		CouldPing bool   `json:"could_ping"`
	}
	json.NewDecoder(resp.Body).Decode(&msgs)
	resp.Body.Close()
	if len(msgs) != 1 || msgs[0].Content != "hello @everyone" || !msgs[0].CouldPing {
		t.Fatalf("transcript: got %+v", msgs)
	}

	// Register a command and answer an interaction with a raw bot.
	req, _ := http.NewRequest("PUT", v["url"]+"/api/v9/applications/"+v["application_id"]+"/commands", strings.NewReader(`[{"name":"status","description":"Feed health"}]`))
	req.Header.Set("Authorization", "Bot "+v["token"])
	req.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("register: %v %v", err, resp)
	}
	ws, _, err := websocket.DefaultDialer.Dial(v["gateway"]+"?v=9&encoding=json", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	ws.ReadMessage()
	ws.WriteJSON(map[string]any{"op": 2, "d": map[string]any{"token": "Bot " + v["token"], "intents": 1}})
	go func() {
		for {
			var f struct {
				T string `json:"t"`
				D struct {
					ID    string `json:"id"`
					Token string `json:"token"`
				} `json:"d"`
			}
			if ws.ReadJSON(&f) != nil {
				return
			}
			if f.T == "INTERACTION_CREATE" {
				body := `{"type":4,"data":{"content":"all feeds healthy","flags":64}}`
				http.Post(v["url"]+"/api/v9/interactions/"+f.D.ID+"/"+f.D.Token+"/callback", "application/json", strings.NewReader(body))
			}
		}
	}()
	var ans struct {
		Complete bool `json:"complete"`
		Original struct {
			Content string `json:"content"`
		} `json:"original"`
	}
	for range 50 {
		body := `{"guild_id":"` + v["guild_id"] + `","channel_id":"` + v["channel_id"] + `","command":"status","timeout_ms":2000}`
		resp, err := http.Post(v["url"]+"/_fake/interact", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		status := resp.StatusCode
		json.NewDecoder(resp.Body).Decode(&ans)
		resp.Body.Close()
		if status == 200 {
			break
		}
		time.Sleep(20 * time.Millisecond) // the bot may not have identified yet
	}
	if !ans.Complete || ans.Original.Content != "all feeds healthy" {
		t.Fatalf("interact: got %+v", ans)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	if err := run(context.Background(), []string{"-nope"}, io.Discard, io.Discard); err == nil {
		t.Error("run with an unknown flag: want an error")
	}
	if err := run(context.Background(), []string{"extra"}, io.Discard, io.Discard); err == nil {
		t.Error("run with an argument: want an error")
	}
}
