package activities_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/transfer"
)

func withReadingKey(key ed25519.PrivateKey) signerOption {
	return func(s *activities.Signer) { s.ReadingKey = key }
}

// TestCheckSourceSignsTheNodesOwnReading: a node answers a source check
// with its own RPC's reading, signed with its reading key; an answer
// verifies under that node's key only, a request for another node is
// refused, and a node without a reading key answers nothing.
func TestCheckSourceSignsTheNodesOwnReading(t *testing.T) {
	st := newStack(t)
	m := st.mintDeposit("checked", 3_000_000)
	seed := sha256.Sum256([]byte("node-2 reading key"))
	key := ed25519.NewKeyFromSeed(seed[:])
	s := st.signer(2, withReadingKey(key))
	req := transfer.SourceRequest{NodeID: "node-2", WorkflowID: m.spec.ExternalID, Kind: transfer.KindMint, TxHash: m.hash}

	a, err := execute[transfer.SourceAnswer](t, s.CheckSource, req)
	require.NoError(t, err)
	require.Equal(t, "node-2", a.NodeID)
	require.Equal(t, transfer.ClassMint, a.Reading.Class)
	require.Equal(t, m.recipient.Hex(), a.Reading.Recipient)
	require.True(t, a.Reading.Source.Found && a.Reading.Source.Success)
	keys := transfer.NodeKeys{"node-2": key.Public().(ed25519.PublicKey)}
	require.True(t, keys.VerifySource(m.spec.ExternalID, a))
	require.False(t, keys.VerifySource("mint-other", a), "an answer is bound to its workflow")
	a.Reading.Class = transfer.ClassFailed
	require.False(t, keys.VerifySource(m.spec.ExternalID, a), "an altered answer does not verify")

	req.NodeID = "node-3"
	_, err = execute[transfer.SourceAnswer](t, s.CheckSource, req)
	requireAppError(t, err, transfer.ErrorBadInput, true, "source check for node node-3 reached node node-2")
	req.NodeID = "node-2"
	_, err = execute[transfer.SourceAnswer](t, st.signer(2).CheckSource, req)
	requireAppError(t, err, transfer.ErrorBadInput, true, "node has no reading key")
}
