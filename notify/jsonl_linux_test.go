package notify

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/wirewatch/wirewatch"
	"github.com/wirewatch/wirewatch/digest"
)

// A write that fails part-way (here: the file size limit, as a full disk
// would) leaves the file as it was, so the retry does not land in the
// middle of a record, and Send reports nothing accepted.
func TestJSONLinesFailedWriteLeavesNoPart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	out := NewJSONLines(path)
	d := digest.Build(sampleItems(), digest.Options{Output: "file", Kind: wirewatch.KindDigest, Now: now})
	if err := out.Send(context.Background(), d, Discard{}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	// Allow the file to grow by a few bytes only: the next write is cut
	// short with EFBIG instead of the signal.
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	limit := old
	limit.Cur = uint64(len(before) + 40)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Skipf("cannot set a file size limit: %v", err)
	}
	var p progressLog
	sendErr := out.Send(context.Background(), d, &p)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(sendErr, syscall.EFBIG) {
		t.Fatalf("Send past the size limit = %v, want EFBIG", sendErr)
	}
	if len(p.accepted) != 0 {
		t.Errorf("a failed write reported %d parts accepted", len(p.accepted))
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the failed write left %d bytes behind", len(after)-len(before))
	}
	// The retry appends whole records after the old ones.
	if err := out.Send(context.Background(), d, Discard{}); err != nil {
		t.Fatal(err)
	}
	if got := len(readRecords(t, path)); got != 12 {
		t.Errorf("after the retry the file holds %d records, want 12", got)
	}
}
