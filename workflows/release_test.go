package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

// releaseOn sends the release of each node's operator, signed on its node.
func releaseOn(env *testsuite.TestWorkflowEnvironment, nodes ...string) {
	for _, n := range nodes {
		rel := transfer.ReleaseSignal{NodeID: n, By: "operator of " + n, Reason: "checked"}.Sign(startedID, nodeKey(n))
		env.SignalWorkflow(transfer.SignalRelease, rel)
	}
}

func heldDeposit() (*fakeBridge, *testsuite.TestWorkflowEnvironment) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.reserve = []transfer.ReserveResult{{Decision: transfer.ReserveHeld, Reason: "amount above the single-transfer limit"}}
	return f, nil
}

// TestHeldTransferReleasedOnEightNodesStaysHeld: eight operators' releases,
// a ninth node's release signed with another node's key, and an unsigned
// release from "an operator" with namespace access move nothing.
func TestHeldTransferReleasedOnEightNodesStaysHeld(t *testing.T) {
	f, _ := heldDeposit()
	env := newEnv(t, f)
	var held transfer.State
	env.RegisterDelayedCallback(func() {
		releaseOn(env, nodes[:8]...)
		env.SignalWorkflow(transfer.SignalRelease, transfer.ReleaseSignal{NodeID: "node-9", By: "mallory", Reason: "trust me"}.Sign(startedID, nodeKey("node-1")))
		env.SignalWorkflow(transfer.SignalRelease, transfer.ReleaseSignal{By: "mallory", Reason: "unsigned"})
	}, time.Hour)
	env.RegisterDelayedCallback(func() { held = queryState(t, env) }, 2*time.Hour)
	env.RegisterDelayedCallback(env.CancelWorkflow, 3*time.Hour)
	startMint(env)

	require.Equal(t, transfer.StatusHeld, held.Status)
	require.Contains(t, held.Reason, "released by 8 (node-1, node-2, node-3, node-4, node-5, node-6, node-7, node-8) of the 9 nodes needed")
	require.Zero(t, f.creates, "no order while held")
}

// TestHeldTransferReleasedOnNineNodesExecutes: the ninth operator's release
// lets it through, once, and the governor counts it without holding again.
func TestHeldTransferReleasedOnNineNodesExecutes(t *testing.T) {
	f, _ := heldDeposit()
	env := newEnv(t, f)
	env.RegisterDelayedCallback(func() { releaseOn(env, nodes[:8]...) }, time.Hour)
	creates := -1
	env.RegisterDelayedCallback(func() { creates = f.creates; releaseOn(env, "node-12", "node-12") }, 2*time.Hour)
	startMint(env)

	require.Zero(t, creates)
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Len(t, f.reserves, 2)
	require.True(t, f.reserves[1].Released)
	require.Equal(t, 1, f.creates)
}

// TestHeldTransferMovesAfterTheDelay: with no release at all it moves once
// the configured hold (24 h here) has passed.
func TestHeldTransferMovesAfterTheDelay(t *testing.T) {
	f, _ := heldDeposit()
	env := newEnv(t, f)
	var before transfer.State
	env.RegisterDelayedCallback(func() { before = queryState(t, env) }, 23*time.Hour)
	startMint(env)

	require.Equal(t, transfer.StatusHeld, before.Status)
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	var sawDelay bool
	for _, p := range f.projected {
		sawDelay = sawDelay || p.Reason == "released after the 24h0m0s hold (no node)"
	}
	require.True(t, sawDelay, "the reason says why it moved")
}
