package discord

import (
	"strings"
	"testing"
)

func TestSeenInteractions(t *testing.T) {
	var s seenInteractions
	if !s.add("1") || s.add("1") {
		t.Fatalf("add(1) twice: want new then seen")
	}
	for i := range seenCapacity {
		s.add(string(rune('a'+i%26)) + strings.Repeat("x", i))
	}
	if !s.add("1") {
		t.Errorf("add(1) after %d others = seen, want forgotten", seenCapacity)
	}
}
