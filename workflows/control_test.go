package workflows

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

func newControlEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	env := newTestEnv(t)
	RegisterWorkflows(env, testTrust(9))
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: transfer.ControlWorkflowID})
	return env
}

// reserveAt sends a reserve update at a point of (skipped) time and keeps
// its answer.
func reserveAt(env *testsuite.TestWorkflowEnvironment, at time.Duration, req transfer.ReserveRequest, out *transfer.ReserveResult) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(transfer.UpdateReserve, req.WorkflowID+at.String(), &testsuite.TestUpdateCallback{
			OnReject: func(err error) { panic(err) },
			OnAccept: func() {},
			OnComplete: func(v any, err error) {
				if err != nil {
					panic(err)
				}
				*out = v.(transfer.ReserveResult)
			},
		}, req)
	}, at)
}

func limits(id string, amount uint64) transfer.ReserveRequest {
	return transfer.ReserveRequest{WorkflowID: id, Amount: amount, SingleTransferLimit: 100, DailyCap: 250}
}

func TestGovernorHoldsLargeTransfersAndCapsTheRollingDay(t *testing.T) {
	env := newControlEnv(t)
	var big, a, again, b, c, released, afterDay transfer.ReserveResult
	reserveAt(env, time.Minute, limits("mint-big", 101), &big)
	reserveAt(env, 2*time.Minute, limits("mint-a", 100), &a)
	reserveAt(env, 3*time.Minute, limits("mint-a", 100), &again)
	reserveAt(env, 4*time.Minute, limits("mint-b", 100), &b)
	reserveAt(env, 5*time.Minute, limits("mint-c", 60), &c) // 260 > 250
	rel := limits("mint-big", 101)
	rel.Released = true
	reserveAt(env, 6*time.Minute, rel, &released)
	reserveAt(env, 25*time.Hour, limits("mint-c", 60), &afterDay)
	env.RegisterDelayedCallback(env.CancelWorkflow, 26*time.Hour)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{})

	require.Equal(t, transfer.ReserveHeld, big.Decision)
	require.Contains(t, big.Reason, "above the single-transfer limit of 100")
	require.Equal(t, transfer.ReserveGranted, a.Decision)
	require.Equal(t, transfer.ReserveGranted, again.Decision, "asking twice is answered alike and counted once")
	require.Equal(t, transfer.ReserveGranted, b.Decision)
	require.Equal(t, transfer.ReserveHeld, c.Decision)
	require.Contains(t, c.Reason, "carried 200 upokt; 60 more would pass the cap of 250")
	require.Equal(t, transfer.ReserveGranted, released.Decision, "an operator's release passes the limits")
	require.Equal(t, transfer.ReserveGranted, afterDay.Decision, "grants older than 24 h leave the window")
}

func TestPauseAnswersPausedAndResumeSignalsTheWaiters(t *testing.T) {
	env := newControlEnv(t)
	var signalled []string
	var mu sync.Mutex
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", transfer.SignalResumed, mock.Anything).Return(
		func(_, id, _, _ string, _ any) error {
			mu.Lock()
			defer mu.Unlock()
			signalled = append(signalled, id)
			return nil
		})
	var p1, p2, afterResume transfer.ReserveResult
	var during transfer.ControlState
	env.RegisterDelayedCallback(func() {
		env.SignalWorkflow(transfer.SignalPause, transfer.PauseSignal{By: "bob", Reason: "incident 42"})
	}, time.Minute)
	reserveAt(env, 2*time.Minute, limits("mint-a", 10), &p1)
	reserveAt(env, 3*time.Minute, limits("burn-b-0", 10), &p2)
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(transfer.QueryState)
		require.NoError(t, err)
		require.NoError(t, v.Get(&during))
		env.SignalWorkflow(transfer.SignalResume, nil)
	}, 4*time.Minute)
	reserveAt(env, 5*time.Minute, limits("mint-a", 10), &afterResume)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{})

	require.Equal(t, transfer.ReservePaused, p1.Decision)
	require.Contains(t, p1.Reason, "paused by bob: incident 42")
	require.Equal(t, transfer.ReservePaused, p2.Decision)
	require.True(t, during.Paused)
	require.Equal(t, []string{"mint-a", "burn-b-0"}, during.Waiting)
	// The workflow signals them in the order they waited; the test
	// environment runs each external signal's mock on its own goroutine, so
	// the mock sees them in any order.
	require.ElementsMatch(t, []string{"mint-a", "burn-b-0"}, signalled)
	require.Equal(t, transfer.ReserveGranted, afterResume.Decision)
}

func TestControlRejectsAReserveWithoutWorkflowID(t *testing.T) {
	env := newControlEnv(t)
	var rejected error
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(transfer.UpdateReserve, "u1", &testsuite.TestUpdateCallback{
			OnReject: func(err error) { rejected = err }, OnAccept: func() {}, OnComplete: func(any, error) {},
		}, transfer.ReserveRequest{Amount: 5})
	}, time.Minute)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{})
	require.ErrorContains(t, rejected, "empty workflow id")
}

func TestControlContinuesAsNewWithItsState(t *testing.T) {
	env := newControlEnv(t)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{Paused: true, PausedBy: "carol", Handled: controlContinueAfter})
	require.True(t, env.IsWorkflowCompleted())
	var can *workflow.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &can)
}

func TestNonceLeasesSerialiseTheMintsOfOneRecipient(t *testing.T) {
	env := newControlEnv(t)
	var grants []transfer.NonceGrant
	var grantedTo []string
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", transfer.SignalNonceGranted, mock.Anything).Return(
		func(_, id, _, _ string, arg any) error {
			grantedTo, grants = append(grantedTo, id), append(grants, arg.(transfer.NonceGrant))
			return nil
		})
	mint := func(id string, chainNonce uint64) transfer.ReserveRequest {
		return transfer.ReserveRequest{WorkflowID: id, Amount: 10, Recipient: "0xAbC", ChainNonce: chainNonce}
	}
	var a, b, c, aAgain, other, late transfer.ReserveResult
	reserveAt(env, 1*time.Minute, mint("mint-a", 41), &a)
	reserveAt(env, 2*time.Minute, mint("mint-b", 41), &b)
	reserveAt(env, 3*time.Minute, mint("mint-c", 41), &c)
	reserveAt(env, 4*time.Minute, mint("mint-a", 41), &aAgain)
	reserveAt(env, 5*time.Minute, transfer.ReserveRequest{WorkflowID: "mint-x", Amount: 10, Recipient: "0xdef", ChainNonce: 7}, &other)
	// mint-a minted 42: mint-b gets 43 at once.
	signalAt(env, 6*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-a", Recipient: "0xabc", Nonce: 42, Used: true})
	// A release from a mint that does not hold the lease changes nothing.
	signalAt(env, 7*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-c", Recipient: "0xabc", Nonce: 99, Used: true})
	// mint-b's order was rejected: 43 was never minted, mint-c takes it.
	signalAt(env, 8*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-b", Recipient: "0xabc", Nonce: 43, Used: false})
	signalAt(env, 9*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-c", Recipient: "0xabc", Nonce: 43, Used: true})
	// A node whose RPC still shows nonce 41 cannot make the next mint reuse one.
	reserveAt(env, 10*time.Minute, mint("mint-d", 41), &late)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{})

	require.Equal(t, transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: 42}, a)
	require.Equal(t, transfer.ReserveQueued, b.Decision)
	require.Contains(t, b.Reason, "held by mint-a")
	require.Equal(t, transfer.ReserveQueued, c.Decision)
	require.Equal(t, transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: 42}, aAgain, "asking again keeps the lease")
	require.Equal(t, transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: 8}, other, "another recipient is independent")
	require.Equal(t, []string{"mint-b", "mint-c"}, grantedTo)
	require.Equal(t, []transfer.NonceGrant{{Nonce: 43}, {Nonce: 43}}, grants)
	require.Equal(t, transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: 44}, late)
}

func signalAt(env *testsuite.TestWorkflowEnvironment, at time.Duration, name string, arg any) {
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(name, arg) }, at)
}
