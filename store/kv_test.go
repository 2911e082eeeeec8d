package store

import (
	"bytes"
	"context"
	"testing"
)

func TestKV(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	big := bytes.Repeat([]byte{0, 1, 2, 0xff}, 1<<16)
	steps := []struct {
		key   string
		value []byte
	}{
		{"boilerplate/snapshot", []byte("v1")},
		{"boilerplate/snapshot", big},
		{"empty", []byte{}},
		{"nil", nil},
	}
	for _, st := range steps {
		if err := s.Put(ctx, st.key, st.value); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = openAt(t, path)
	tests := []struct {
		key    string
		want   []byte
		wantOK bool
	}{
		{"boilerplate/snapshot", big, true},
		{"empty", []byte{}, true},
		{"nil", []byte{}, true},
		{"missing", nil, false},
	}
	for _, tt := range tests {
		got, ok, err := s.Get(ctx, tt.key)
		if err != nil {
			t.Fatal(err)
		}
		if ok != tt.wantOK || !bytes.Equal(got, tt.want) || (ok && got == nil) {
			t.Errorf("Get(%q) = %d bytes, %v, want %d bytes, %v", tt.key, len(got), ok, len(tt.want), tt.wantOK)
		}
	}
}
