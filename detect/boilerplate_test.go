package detect_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/wirewatch/wirewatch/detect"
)

// boilerplateStory returns the i-th story of a made-up source whose pages
// all end with the same disclaimer.
func boilerplateStory(i int) detect.Input {
	return detect.Input{
		Source: "harbour-daily",
		Title:  fmt.Sprintf("Port traffic report number %d", i),
		Text: fmt.Sprintf("Shipping traffic through the harbour rose by %d percent last month, the port authority said on Monday.\n", i+3) +
			"The Harbour Daily newsroom is funded by readers like you",
	}
}

const disclaimer = "The Harbour Daily newsroom is funded by readers like you"

func TestBoilerplateLearning(t *testing.T) {
	d := newFresh(t)
	for i := 1; i <= 4; i++ {
		a := d.Analyze(boilerplateStory(i))
		got := slices.Contains(noiseTexts(a, detect.ReasonBoilerplate), disclaimer)
		if want := i >= 3; got != want {
			t.Errorf("item %d: disclaimer removed as boilerplate = %v, want %v", i, got, want)
		}
		if !strings.Contains(a.CleanText, "Shipping traffic") {
			t.Errorf("item %d: CleanText = %q lost the story", i, a.CleanText)
		}
	}
	// The same item analysed again is not a new distinct item.
	d2 := newFresh(t)
	for range 3 {
		d2.Analyze(boilerplateStory(1))
	}
	if a := d2.Analyze(boilerplateStory(1)); len(a.Noise) != 0 {
		t.Errorf("one item analysed four times: Noise = %v, want none", a.Noise)
	}
	// Other sources learn nothing from this one.
	other := boilerplateStory(5)
	other.Source = "other-site"
	if a := d.Analyze(other); len(a.Noise) != 0 {
		t.Errorf("other source: Noise = %v, want none", a.Noise)
	}
	// Without a source nothing is learnt.
	d3 := newFresh(t)
	for i := 1; i <= 4; i++ {
		in := boilerplateStory(i)
		in.Source = ""
		if a := d3.Analyze(in); len(a.Noise) != 0 {
			t.Errorf("no source, item %d: Noise = %v, want none", i, a.Noise)
		}
	}
}

func TestBoilerplatePersists(t *testing.T) {
	d := newFresh(t)
	d.Analyze(boilerplateStory(1))
	d.Analyze(boilerplateStory(2))
	state, err := d.MarshalBoilerplate()
	if err != nil {
		t.Fatalf("MarshalBoilerplate: %v", err)
	}
	restored := newFresh(t)
	if err := restored.UnmarshalBoilerplate(state); err != nil {
		t.Fatalf("UnmarshalBoilerplate: %v", err)
	}
	a := restored.Analyze(boilerplateStory(3))
	if !slices.Contains(noiseTexts(a, detect.ReasonBoilerplate), disclaimer) {
		t.Errorf("after restore, third item: Noise = %v, want the disclaimer as boilerplate", a.Noise)
	}
	again, err := restored.MarshalBoilerplate()
	if err != nil {
		t.Fatalf("MarshalBoilerplate: %v", err)
	}
	if len(again) <= len(state) {
		t.Errorf("state did not grow after a new item: %d bytes, then %d", len(state), len(again))
	}
	for _, bad := range []string{"", "{", `{"version":99,"sources":[]}`, `{"version":1,"sources":[{"name":""}]}`} {
		if err := restored.UnmarshalBoilerplate([]byte(bad)); err == nil {
			t.Errorf("UnmarshalBoilerplate(%q) = nil, want an error", bad)
		}
	}
}

func TestBoilerplateConcurrent(t *testing.T) {
	d := newFresh(t)
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 20 {
				d.Analyze(boilerplateStory(g*100 + i))
			}
		}()
	}
	for range 4 {
		<-done
	}
	if _, err := d.MarshalBoilerplate(); err != nil {
		t.Fatalf("MarshalBoilerplate: %v", err)
	}
	if a := d.Analyze(boilerplateStory(999)); !slices.Contains(noiseTexts(a, detect.ReasonBoilerplate), disclaimer) {
		t.Errorf("Noise = %v, want the disclaimer as boilerplate", a.Noise)
	}
}
