package discord

import (
	"crypto/sha256"
	"encoding/hex"
)

// nonce returns a message nonce of maxNonceRunes hex digits derived from the
// output name and the keys of what the message shows, so that rendering the
// same stories for the same output again gives the same nonce and Discord
// drops the repeat.
func nonce(output string, keys []string) string {
	h := sha256.New()
	h.Write([]byte(output))
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
	}
	return hex.EncodeToString(h.Sum(nil))[:maxNonceRunes]
}
