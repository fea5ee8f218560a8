package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

// timersBeforeOrder counts the workflow timers scheduled before the order
// was created.
func timersBeforeOrder(env *testsuite.TestWorkflowEnvironment, f *fakeBridge) *[]time.Duration {
	var timers []time.Duration
	env.SetOnTimerScheduledListener(func(_ string, d time.Duration) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if f.creates == 0 {
			timers = append(timers, d)
		}
	})
	return &timers
}

// TestConfirmingBlockDueSoonIsAwaitedInTheRead: a confirming block due
// within readWaitMax is waited for by the read on the node, not by a
// workflow timer (which a busy history shard fires late).
func TestConfirmingBlockDueSoonIsAwaitedInTheRead(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	f.blockTime = 250 * time.Millisecond
	timers := timersBeforeOrder(env, f)
	startMintWith(env, transfer.Settings{Confirmations: 3, BlockTime: 250 * time.Millisecond, PollInterval: 50 * time.Millisecond,
		SignerRetryMax: 10 * time.Second, OrderPollInterval: time.Second})

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Empty(t, *timers, "no timer before the order: the read waited")
	require.Positive(t, f.waitedReads, "the read waited on the node")
	require.EqualValues(t, 3, st.Confirmations)
}

// TestConfirmingBlockDueLaterSleepsFirst: a block due later than
// readWaitMax is slept for on a timer, all but the read's own wait.
func TestConfirmingBlockDueLaterSleepsFirst(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	f.blockTime = testSettings().BlockTime
	timers := timersBeforeOrder(env, f)
	startMint(env) // blocks every 10 s, 3 confirmations, a block per read

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, []time.Duration{10*time.Second - readWaitMax}, *timers,
		"at 2 of 3 confirmations the next block is due in 10 s: a timer for all but the read's wait")
}

// TestReadsWaitOnlyWhileWaitingCanHelp: a failed or non-canonical reading
// is not waited on (ConfirmWait.Pending), so the workflow judges it at once.
func TestReadsWaitOnlyWhileWaitingCanHelp(t *testing.T) {
	w := transfer.ConfirmWait{Confirmations: 3, For: time.Second, Poll: 100 * time.Millisecond}
	pending := transfer.SourceCheck{Found: true, Success: true, Canonical: true, Confirmations: 2}
	require.True(t, w.Pending(transfer.Reading{Source: pending}))
	require.True(t, w.Pending(transfer.Reading{}), "not found yet: a lagging RPC may still find it")
	done := pending
	done.Confirmations = 3
	require.False(t, w.Pending(transfer.Reading{Source: done}))
	failed := pending
	failed.Success = false
	require.False(t, w.Pending(transfer.Reading{Source: failed}))
	reorged := pending
	reorged.Canonical = false
	require.False(t, w.Pending(transfer.Reading{Source: reorged}))
}

// upsertedStatuses records the statuses the workflow writes to its search
// attributes.
func upsertedStatuses(env *testsuite.TestWorkflowEnvironment) *[]string {
	var got []string
	env.OnUpsertTypedSearchAttributes(mock.Anything).Run(func(args mock.Arguments) {
		sa := args.Get(0).(temporal.SearchAttributes)
		if v, ok := sa.GetKeyword(searchStatus); ok {
			got = append(got, v)
		}
	}).Return(nil)
	return &got
}

// TestConfirmedRidesOnTheOrdersUpsertUnlessItWaits: the confirmed status is
// projected at once, but its search attributes wait for the started
// status of the same workflow task; when creating the order fails, they
// are written before the retries wait.
func TestConfirmedRidesOnTheOrdersUpsertUnlessItWaits(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	upserts := upsertedStatuses(env)
	startMint(env)
	require.Equal(t, transfer.StatusExecuted, result(t, env).Status)
	require.NotContains(t, *upserts, string(transfer.StatusConfirmed))
	require.Contains(t, f.statuses(), transfer.StatusConfirmed, "projected all the same")

	f = newFakeBridge()
	f.deposit = validDeposit()
	f.createFails = 1
	env = newEnv(t, f)
	upserts = upsertedStatuses(env)
	startMint(env)
	require.Equal(t, transfer.StatusExecuted, result(t, env).Status)
	require.Equal(t, []string{string(transfer.StatusConfirmed), string(transfer.StatusStarted)}, (*upserts)[:2],
		"the failed creation wrote confirmed before retrying")
	require.Equal(t, 1, f.creates, "one order all the same")
}
