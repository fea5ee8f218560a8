package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

type grantLog struct {
	holder string
	nonce  uint64
}

// runNonce runs a recipient's nonce workflow whose chain nonce is
// onChain(), records every grant, and lets script drive it.
func runNonce(t *testing.T, onChain func() uint64, script func(env *testsuite.TestWorkflowEnvironment)) ([]grantLog, transfer.NonceState, *testsuite.TestWorkflowEnvironment) {
	t.Helper()
	env := newTestEnv(t)
	env.RegisterWorkflowWithOptions(MintNonceWorkflow, workflow.RegisterOptions{Name: transfer.NonceWorkflowType})
	env.RegisterActivityWithOptions(func(context.Context, string) (uint64, error) { return onChain(), nil },
		activity.RegisterOptions{Name: transfer.ActivityReadUserNonce})
	var grants []grantLog
	env.OnSignalExternalWorkflow(mock.Anything, mock.Anything, "", transfer.SignalNonceGranted, mock.Anything).Return(
		func(_, id, _, _ string, arg any) error {
			grants = append(grants, grantLog{id, arg.(transfer.NonceGrant).Nonce})
			return nil
		})
	script(env)
	var final transfer.NonceState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(transfer.QueryState)
		require.NoError(t, err)
		require.NoError(t, v.Get(&final))
	}, 30*time.Minute)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: transfer.NonceWorkflowID(recipient)})
	env.ExecuteWorkflow(transfer.NonceWorkflowType, transfer.NonceState{Recipient: recipient})
	return grants, final, env
}

func signalAt(env *testsuite.TestWorkflowEnvironment, at time.Duration, name string, arg any) {
	env.RegisterDelayedCallback(func() { env.SignalWorkflow(name, arg) }, at)
}

func TestConcurrentMintsToOneRecipientGetConsecutiveNonces(t *testing.T) {
	chain := uint64(41)
	grants, final, env := runNonce(t, func() uint64 { return chain }, func(env *testsuite.TestWorkflowEnvironment) {
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-a", Recipient: recipient})
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-b", Recipient: recipient})
		signalAt(env, 2*time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-a", Recipient: recipient}) // a retry: no second place
		env.RegisterDelayedCallback(func() {
			chain = 42 // mint-a's order executed
			env.SignalWorkflow(transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-a", Nonce: 42, Used: true})
		}, time.Minute)
		signalAt(env, 2*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-b", Nonce: 43, Used: true})
	})
	require.Equal(t, []grantLog{{"mint-a", 42}, {"mint-b", 43}}, grants)
	require.Empty(t, final.Holder)
	require.Empty(t, final.Queue)
	require.EqualValues(t, 44, final.NextMin)
	require.True(t, env.IsWorkflowCompleted(), "an idle nonce workflow ends")
	require.NoError(t, env.GetWorkflowError())
}

func TestALaggingRPCNeverGetsANonceReused(t *testing.T) {
	// The node that reads the nonce for the second grant still sees the
	// chain before the first mint: NextMin keeps the grant at 43.
	grants, _, _ := runNonce(t, func() uint64 { return 41 }, func(env *testsuite.TestWorkflowEnvironment) {
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-a"})
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-b"})
		signalAt(env, time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-a", Nonce: 42, Used: true})
		signalAt(env, 2*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-b", Nonce: 43, Used: true})
	})
	require.Equal(t, []grantLog{{"mint-a", 42}, {"mint-b", 43}}, grants)
}

func TestAnUnusedNonceIsGrantedAgain(t *testing.T) {
	grants, _, _ := runNonce(t, func() uint64 { return 41 }, func(env *testsuite.TestWorkflowEnvironment) {
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-a"})
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-b"})
		// mint-a's order was rejected: 42 was never minted.
		signalAt(env, time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-a", Nonce: 42, Used: false})
		signalAt(env, 2*time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-b", Nonce: 42, Used: true})
	})
	require.Equal(t, []grantLog{{"mint-a", 42}, {"mint-b", 42}}, grants)
}

func TestAReleaseFromANonHolderChangesNothing(t *testing.T) {
	grants, final, _ := runNonce(t, func() uint64 { return 41 }, func(env *testsuite.TestWorkflowEnvironment) {
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-a"})
		signalAt(env, time.Second, transfer.SignalNonceAcquire, transfer.NonceAcquire{WorkflowID: "mint-b"})
		signalAt(env, time.Minute, transfer.SignalNonceRelease, transfer.NonceRelease{WorkflowID: "mint-b", Nonce: 99, Used: true})
	})
	require.Equal(t, []grantLog{{"mint-a", 42}}, grants)
	require.Equal(t, "mint-a", final.Holder)
	require.Equal(t, []string{"mint-b"}, final.Queue)
	require.Zero(t, final.NextMin)
}
