package activities

import (
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/transfer"
)

// TestAWaitingSignerTellsTheTransferOncePerChange: a signer that retries
// every second says why from its second failed attempt, again when the
// reason changes and every waitRetell attempts, never for a refusal; what
// it says verifies under its own key only.
func TestAWaitingSignerTellsTheTransferOncePerChange(t *testing.T) {
	seed := sha256.Sum256([]byte("reading key of node-4"))
	key := ed25519.NewKeyFromSeed(seed[:])
	s := &Signer{Rules: Rules{NodeID: "node-4"}, ReadingKey: key}
	const id = "mint-ab"
	books := temporal.NewApplicationError("node-4: accountant: the books do not balance", transfer.ErrorSignerNotReady)
	behind := errors.New("read deposit AB: rpc timeout")

	told := func(attempt int32, err error) string {
		w, ok := s.waitSignal(id, attempt, err)
		if !ok {
			return ""
		}
		require.True(t, transfer.NodeKeys{"node-4": key.Public().(ed25519.PublicKey)}.VerifyWait(id, w))
		require.Equal(t, attempt, w.Attempt)
		return w.Reason
	}
	assert.Empty(t, told(1, books), "the first failure may pass")
	assert.Equal(t, "node-4: accountant: the books do not balance", told(2, books), "the message, without its type")
	assert.Empty(t, told(3, books), "told already")
	assert.Equal(t, behind.Error(), told(4, behind), "another reason")
	assert.Empty(t, told(19, behind))
	assert.Equal(t, behind.Error(), told(20, behind), "told again now and then")
	refused := temporal.NewNonRetryableApplicationError("node-4 refused: mismatch", transfer.SignerRefusedError, nil)
	assert.Empty(t, told(21, refused), "a refusal is no wait")
	assert.Equal(t, behind.Error(), told(22, behind), "after a refusal the wait is new")
	assert.Empty(t, told(23, nil))
	assert.Equal(t, behind.Error(), told(24, behind), "after a signature the wait is new")

	long := errors.New(string(make([]byte, 2*maxWaitReason)))
	assert.Len(t, told(25, long), maxWaitReason+len("…"))
}
