package workflows

import (
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// forgedInvalid is the reading a forger wants the workflow to act on: a
// valid deposit turned invalid, so that nothing is ever minted.
var forgedInvalid = transfer.Reading{Class: transfer.ClassInvalid, Reason: "forged", Amount: 12_500_000}

// TestForgedReadingsFromUnknownNodesAreIgnored: nine readings from node IDs
// outside the signing set, each validly signed by a key of its own, say the
// deposit is invalid. Only the twelve real nodes count: it is minted.
func TestForgedReadingsFromUnknownNodesAreIgnored(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	env.RegisterDelayedCallback(func() {
		for i := range 9 {
			node := fmt.Sprintf("intruder-%d", i)
			seed := sha256.Sum256([]byte(node))
			forged := transfer.SeenSignal{NodeID: node, Height: 100, Report: forgedInvalid}.Sign(startedID, ed25519.NewKeyFromSeed(seed[:]))
			env.SignalWorkflow(transfer.SignalSeen, forged)
		}
	}, 0)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.NotContains(t, st.SeenBy, "intruder-0", "an unknown node is not recorded as having seen the transfer")
	require.Len(t, st.SeenBy, 12)
}

// TestReadingsWithBadSignaturesAreIgnored: nine real node IDs send a
// reading that is not signed by their key (another node's key, no
// signature, a signature of other content). Without threshold authentic
// readings alike the transfer waits, and nothing is created.
func TestReadingsWithBadSignaturesAreIgnored(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	truth := f.report()
	// Only three real readings arrive; nine forged ones claim the same
	// node IDs as the rest of the set.
	f.reports = nil
	env := newTestEnv(t)
	f.register(env)
	env.RegisterDelayedCallback(func() {
		for i, node := range nodes {
			if i < 3 {
				env.SignalWorkflow(transfer.SignalSeen, signedSeen(node, 100, truth))
				continue
			}
			forged := signedSeen(node, 100, truth)
			switch i % 3 {
			case 0:
				forged = transfer.SeenSignal{NodeID: node, Height: 100, Report: truth}.Sign(startedID, nodeKey("node-1"))
			case 1:
				forged.Signature = nil
			case 2:
				forged.Report = forgedInvalid // signed for the truth, carries the forgery
			}
			env.SignalWorkflow(transfer.SignalSeen, forged)
		}
	}, 0)
	var waiting transfer.State
	env.RegisterDelayedCallback(func() { waiting = queryState(t, env) }, time.Hour)
	startMint(env)

	require.Zero(t, f.creates, "no order without threshold authentic readings")
	require.Equal(t, transfer.StatusDetected, waiting.Status)
	require.Contains(t, waiting.Reason, "waiting for 9 nodes to read the transfer alike (3 read mint 12500000 upokt")
	require.Len(t, waiting.SeenBy, 3)
}
