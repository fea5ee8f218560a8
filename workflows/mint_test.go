package workflows

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

func startMint(env *testsuite.TestWorkflowEnvironment) { startMintWith(env, testSettings()) }

func startMintWith(env *testsuite.TestWorkflowEnvironment, settings transfer.Settings) {
	startedID = transfer.MintWorkflowID(depositHash)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: startedID})
	env.ExecuteWorkflow(transfer.MintWorkflowType, transfer.MintInput{TxHash: depositHash, Settings: settings})
}

func TestMintHappyPath(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	seen(env, "node-4", 100)
	seen(env, "node-7", 100)
	f.nonce = 42
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, "mint-ab12cd34", st.WorkflowID)
	require.Equal(t, recipient, st.Recipient)
	require.EqualValues(t, 12_500_000, st.PayAmount)
	require.EqualValues(t, 42, st.Nonce)
	require.Equal(t, "0xdest", st.DestTxHash)
	require.Len(t, st.Signers, 9, "signed is reached at the threshold, the rest are cancelled")
	require.Empty(t, st.Refusals)
	require.Len(t, st.SeenBy, 12)
	require.Subset(t, st.SeenBy, []string{"node-4", "node-7"})
	require.Equal(t, 1, f.creates)
	require.Equal(t, transfer.OrderSpec{ExternalID: "mint-ab12cd34", Kind: transfer.OrderMint, Recipient: recipient, Amount: 12_500_000, Nonce: 42},
		f.orders["mint-ab12cd34"].Spec)
	require.Equal(t, []transfer.Status{
		transfer.StatusDetected, transfer.StatusConfirmed, transfer.StatusStarted, transfer.StatusSigned, transfer.StatusExecuted,
	}, f.statuses())
	require.Equal(t, transfer.StatusExecuted, f.projected[len(f.projected)-1].Status)
	require.Equal(t, transfer.ClassMint, f.projected[len(f.projected)-1].Classification)
}

func TestMintWaitsForConfirmationsWithTimers(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	f.nonce = 1
	startMint(env)
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	// One confirmation per read and 3 needed: the first read finds one, the
	// timer sleeps two block times, the second read finds two, then one
	// more poll: three reads, not a busy loop.
	require.Equal(t, 3, f.reads)
}

func TestInvalidMemoIsRefundedMinusFee(t *testing.T) {
	f := newFakeBridge()
	f.deposit = transfer.Reading{
		Sender: sender, Recipient: sender, Class: transfer.ClassRefund, Reason: "memo is not JSON",
		Amount: 5_000_000, PayAmount: 4_990_000, Memo: "hello",
	}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusRefunded, st.Status)
	require.Contains(t, st.Reason, "memo is not JSON")
	require.Equal(t, 1, f.creates)
	spec := f.orders["mint-ab12cd34"].Spec
	require.Equal(t, transfer.OrderRefund, spec.Kind)
	require.Equal(t, sender, spec.Recipient)
	require.EqualValues(t, 4_990_000, spec.Amount)
	require.Zero(t, f.mintReserves(), "a refund takes no mint nonce")
	require.Equal(t, transfer.ClassRefund, f.projected[len(f.projected)-1].Classification)
}

// TestDepositsThatEndWithoutAnOrder: a deposit the nodes read as dust, a
// treasury's top-up or a failed tx ends in its own status with its reason,
// projected, and never gets an order or a nonce.
func TestDepositsThatEndWithoutAnOrder(t *testing.T) {
	for _, tc := range []struct {
		name    string
		reading transfer.Reading
		want    transfer.Status
		says    string
	}{
		{"dust", transfer.Reading{Sender: sender, Class: transfer.ClassInvalid, Reason: "amount 10000 is at or below the fee", Amount: 10_000},
			transfer.StatusInvalid, "at or below the fee"},
		{"treasury top-up", transfer.Reading{Sender: sender, Class: transfer.ClassTopUp, Reason: "a top-up of the vault from a treasury address", Amount: 500_000_000},
			transfer.StatusToppedUp, "top-up"},
		{"failed tx", transfer.Reading{Sender: sender, Class: transfer.ClassFailed, Reason: "tx failed on chain: code 10 (insufficient funds)"},
			transfer.StatusFailed, "code 10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeBridge()
			f.deposit = tc.reading
			env := newEnv(t, f)
			startMint(env)

			st := result(t, env)
			require.Equal(t, tc.want, st.Status)
			require.Contains(t, st.Reason, tc.says)
			require.Zero(t, f.creates)
			require.Empty(t, f.reserves)
			require.Equal(t, tc.want, f.projected[len(f.projected)-1].Status)
		})
	}
}

func TestDepositVanishedBeforeConfirmationFails(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.vanishAfterReads = 1
	env := newEnv(t, f)
	seen(env, "node-1", 100)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Contains(t, st.Reason, "vanished before confirmation")
	require.Zero(t, f.creates, "a reorged deposit never gets an order")
	require.Empty(t, f.reserves)
}

func TestThreeRefusingSignersStillSignedByNine(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	for _, n := range []string{"node-2", "node-5", "node-11"} {
		f.refuse[n] = "amount mismatch: order pays 13000000, source sent 12500000"
	}
	// The honest nodes take a moment (co-signer session): the refusals
	// arrive first and are all recorded.
	f.signDelay = 50 * time.Millisecond
	env := newEnv(t, f)
	f.nonce = 7
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Len(t, st.Signers, 9)
	require.NotContains(t, st.Signers, "node-5")
	require.Len(t, st.Refusals, 3)
	require.Contains(t, st.Refusals[0].Reason, "amount mismatch")
	for n := range f.refuse {
		require.Equal(t, 1, f.signCalls[n], "a refusal is never retried by Temporal")
	}
}

func TestFourRefusingSignersWaitAndNeverExecute(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	for _, n := range []string{"node-1", "node-2", "node-3", "node-4"} {
		f.refuse[n] = "recipient mismatch"
	}
	env := newEnv(t, f)
	f.nonce = 7
	var stuck transfer.State
	env.RegisterDelayedCallback(func() { stuck = queryState(t, env) }, time.Hour)
	startMint(env)

	// The test environment skips time until the workflow's own timeout:
	// the transfer waited all along and never got past started.
	var timeoutErr *temporal.TimeoutError
	require.ErrorAs(t, env.GetWorkflowError(), &timeoutErr, "8 signatures must never be enough")
	require.Equal(t, transfer.StatusStarted, stuck.Status)
	require.Contains(t, stuck.Reason, "stuck: 8 of 12 signed, 4 refused")
	require.Contains(t, stuck.Reason, "node-3: recipient mismatch")
	require.Len(t, stuck.Refusals, 4)
	require.Equal(t, transfer.StatusStarted, f.projected[len(f.projected)-1].Status)
	require.Contains(t, f.projected[len(f.projected)-1].Reason, "stuck")
	require.Zero(t, f.awaits, "an order short of signatures is never awaited")
}

func TestRetrySignersAfterTheRefusingNodesAreFixed(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	for _, n := range []string{"node-1", "node-2", "node-3", "node-4"} {
		f.refuse[n] = "recipient mismatch"
	}
	env := newEnv(t, f)
	f.nonce = 7
	env.RegisterDelayedCallback(func() {
		f.mu.Lock()
		delete(f.refuse, "node-1")
		f.mu.Unlock()
		env.SignalWorkflow(transfer.SignalRetrySigners, nil)
	}, time.Hour)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Len(t, st.Signers, 9)
	require.Contains(t, st.Signers, "node-1")
	require.Equal(t, 2, f.signCalls["node-1"])
}

// TestSignersThatCannotSignYetSayWhy: every signer retries on its own
// (its books do not balance) and tells the transfer why, signed with its
// key; the transfer's reason says it, a forged wait is dropped, and once
// the signers can sign the transfer executes.
func TestSignersThatCannotSignYetSayWhy(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	books := "accountant: the books do not balance: wPOKT supply 1,030 exceeds the vault's 30 POKT"
	for _, n := range nodes {
		f.notReady[n] = n + ": " + books
	}
	env := newEnv(t, f)
	f.nonce = 7
	var waiting transfer.State
	env.RegisterDelayedCallback(func() {
		for _, n := range nodes {
			w := transfer.WaitSignal{NodeID: n, Reason: n + ": " + books, Attempt: 2}
			env.SignalWorkflow(transfer.SignalSignerWaiting, w.Sign(transfer.MintWorkflowID(depositHash), nodeKey(n)))
		}
		forged := transfer.WaitSignal{NodeID: "node-1", Reason: "node-1: all is well", Attempt: 3}
		env.SignalWorkflow(transfer.SignalSignerWaiting, forged.Sign(transfer.MintWorkflowID(depositHash), nodeKey("node-2")))
	}, 35*time.Second)
	env.RegisterDelayedCallback(func() {
		waiting = queryState(t, env)
		f.mu.Lock()
		clear(f.notReady)
		f.mu.Unlock()
	}, 45*time.Second)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, transfer.StatusStarted, waiting.Status)
	require.Equal(t, "waiting for co-signatures: 0 of 9 signed; 12 signers not ready: "+books+
		" (node-1, node-10, node-11, node-12, node-2, node-3, node-4, node-5, node-6, node-7, node-8, node-9)", waiting.Reason)
	require.Empty(t, waiting.Refusals, "a wait is no refusal")
	projected := false
	for _, p := range f.projected {
		projected = projected || p.Reason == waiting.Reason
	}
	require.True(t, projected, "the wait reached the projection")
}

func TestHeldTransferWaitsForRelease(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.reserve = []transfer.ReserveResult{{Decision: transfer.ReserveHeld, Reason: "amount above the single-transfer limit"}}
	env := newEnv(t, f)
	f.nonce = 3
	var held transfer.State
	creates := -1
	env.RegisterDelayedCallback(func() {
		held = queryState(t, env)
		creates = f.creates
		releaseOn(env, nodes[:9]...)
	}, 3*time.Hour)
	startMint(env)

	require.Equal(t, transfer.StatusHeld, held.Status)
	require.Contains(t, held.Reason, "single-transfer limit")
	require.Zero(t, creates, "no order while held")
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Len(t, f.reserves, 2)
	require.True(t, f.reserves[1].Released, "after release the governor counts it without holding again")
	require.Contains(t, f.statuses(), transfer.StatusHeld)
}

func TestPausedBridgeCreatesNoOrderUntilResumed(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.reserve = []transfer.ReserveResult{{Decision: transfer.ReservePaused, Reason: "paused by bob: incident"}}
	env := newEnv(t, f)
	f.nonce = 3
	var paused transfer.State
	creates := -1
	env.RegisterDelayedCallback(func() {
		paused = queryState(t, env)
		creates = f.creates
		env.SignalWorkflow(transfer.SignalResumed, nil)
	}, time.Minute)
	startMint(env)

	require.Contains(t, paused.Reason, "the bridge is paused")
	require.Equal(t, transfer.StatusConfirmed, paused.Status)
	require.Zero(t, creates)
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Len(t, f.reserves, 2)
}

func TestExistingCopperOrderIsReused(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.existing = &transfer.OrderRef{OrderID: "order-from-an-earlier-run", Status: "part-signed-tx-added", Found: true, NeedsSignatures: true,
		Spec: transfer.OrderSpec{ExternalID: "mint-ab12cd34", Kind: transfer.OrderMint, Recipient: recipient, Amount: 12_500_000, Nonce: 40}}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, "order-from-an-earlier-run", st.OrderID)
	require.EqualValues(t, 40, st.Nonce)
	require.Zero(t, f.creates)
	require.Empty(t, f.reserves, "the existing order passed the governor and carries its nonce")
}

func TestCreateRetriedAfterLostAnswerMakesOneOrder(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.createFails = 2
	env := newEnv(t, f)
	f.nonce = 9
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, 1, f.creates, "the retried create finds the order the lost answer made")
	require.Len(t, f.orders, 1)
}

func TestPriorFinalRecordStopsARescan(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.prior = transfer.PriorRecord{Found: true, Status: transfer.StatusExecuted, OrderID: "order-1", Reason: "minted with nonce 3"}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Contains(t, st.Reason, "earlier run")
	require.Zero(t, f.creates)
	require.Zero(t, f.reads, "nothing is re-read: the record is final")
}

func TestOrderEndingUnexecutedFailsTheTransfer(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.await = transfer.AwaitOrderResult{Executed: false, Status: "rejected", Reason: "compliance"}
	env := newEnv(t, f)
	f.nonce = 5
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Contains(t, st.Reason, "ended rejected: compliance")
}

func TestDestinationMismatchFailsTheTransfer(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.verifyErr = temporal.NewNonRetryableApplicationError("no Minted event for the recipient in 0xdest", "DestinationMismatch", nil)
	env := newEnv(t, f)
	f.nonce = 5
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Contains(t, st.Reason, "no Minted event")
}

func TestReadErrorsBecomeTheReasonAndAreRetried(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	f.nonce = 5
	failures := 0
	env.OnActivity(transfer.ActivityReadDeposit, mockAny, mockAny).Return(
		func(ctx context.Context, ref transfer.DepositRef) (transfer.Reading, error) {
			if failures < 40 {
				failures++
				return transfer.Reading{}, errors.New("pocket rpc: connection refused")
			}
			return f.ReadDeposit(ctx, ref)
		})
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	var sawReason bool
	for _, p := range f.projected {
		sawReason = sawReason || strings.Contains(p.Reason, "connection refused")
	}
	require.True(t, sawReason, "an outage shows on the transfer while it retries")
}

func TestBadSettingsFailTheWorkflowClearly(t *testing.T) {
	env := newTestEnv(t)
	RegisterWorkflows(env, testTrust(13))
	env.ExecuteWorkflow(transfer.MintWorkflowType, transfer.MintInput{TxHash: depositHash, Settings: testSettings()})
	require.ErrorContains(t, env.GetWorkflowError(), "threshold 13 of 12 signers")

	env = newTestEnv(t)
	RegisterWorkflows(env, testTrust(9))
	s := testSettings()
	s.BlockTime = 0
	env.ExecuteWorkflow(transfer.MintWorkflowType, transfer.MintInput{TxHash: depositHash, Settings: s})
	require.ErrorContains(t, env.GetWorkflowError(), "block time")
}

func TestSignersReportedByCopperOnACompleteOrderAreRecorded(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	// Four nodes are slow to report; node-12 finds the order complete and
	// Copper lists the nine nodes whose signatures it counted.
	f.signDelay = time.Hour
	f.completeFor = map[string][]string{"node-12": {"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9"}}
	env := newEnv(t, f)
	f.nonce = 1
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9"}, st.Signers)
}

func TestAShortSignerRetryMaxMakesAValidRetryPolicy(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	env := newEnv(t, f)
	f.nonce = 1
	s := testSettings()
	s.SignerRetryMax = 200 * time.Millisecond
	startedID = transfer.MintWorkflowID(depositHash)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: startedID})
	env.ExecuteWorkflow(transfer.MintWorkflowType, transfer.MintInput{TxHash: depositHash, Settings: s})
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
}

func TestQueuedMintWaitsForItsNonceGrant(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.reserve = []transfer.ReserveResult{{Decision: transfer.ReserveQueued, Reason: "the mint nonce of 0x11 is held by mint-other; 1 mints queued"}}
	env := newEnv(t, f)
	var queued transfer.State
	creates := -1
	env.RegisterDelayedCallback(func() {
		queued = queryState(t, env)
		creates = f.creates
		env.SignalWorkflow(transfer.SignalNonceGranted, transfer.NonceGrant{Nonce: 8})
	}, time.Minute)
	startMint(env)

	require.Contains(t, queued.Reason, "held by mint-other")
	require.Zero(t, creates, "no order before the nonce is granted")
	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.EqualValues(t, 8, st.Nonce, "the granted nonce, not a fresh reserve")
	require.Len(t, f.reserves, 1)
}

func TestMintReleasesItsNonceLease(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*fakeBridge)
		used bool
	}{
		{"executed: used", func(*fakeBridge) {}, true},
		{"order rejected: not used", func(f *fakeBridge) {
			f.await = transfer.AwaitOrderResult{Executed: false, Status: "rejected", Reason: "compliance"}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeBridge()
			f.deposit = validDeposit()
			f.nonce = 12
			tc.edit(f)
			env := newTestEnv(t)
			f.register(env)
			sendReports(env, f)
			var released []transfer.NonceRelease
			env.OnSignalExternalWorkflow(mockAny, transfer.ControlWorkflowID, "", transfer.SignalNonceRelease, mockAny).Return(
				func(_, _, _, _ string, arg any) error {
					released = append(released, arg.(transfer.NonceRelease))
					return nil
				})
			startMint(env)
			result(t, env)
			require.Equal(t, []transfer.NonceRelease{{WorkflowID: "mint-ab12cd34", Recipient: recipient, Nonce: 12, Used: tc.used}}, released)
		})
	}
}

func TestFinalStatusIsProjectedEvenAfterDatabaseErrors(t *testing.T) {
	f := newFakeBridge()
	f.deposit = transfer.Reading{Sender: sender, Class: transfer.ClassInvalid, Reason: "amount at or below the fee", Amount: 10_000}
	env := newEnv(t, f)
	failures := 0
	env.OnActivity(transfer.ActivityProject, mockAny, mockAny).Return(func(ctx context.Context, st transfer.State) error {
		if st.Status.Final() && failures < 3 {
			failures++
			return errors.New("mongodb: server selection timeout")
		}
		return f.Project(ctx, st)
	})
	startMint(env)
	result(t, env)
	require.Equal(t, 3, failures)
	require.Equal(t, transfer.StatusInvalid, f.projected[len(f.projected)-1].Status, "the final status landed in the end")
}

func TestTheOrderFollowsWhatTheNodesAgreeOnNotTheWorkflowsNode(t *testing.T) {
	f := newFakeBridge()
	// The node running the workflow reads 13 POKT to a thief; the twelve
	// scanners read the truth.
	lie := validDeposit()
	lie.Amount, lie.PayAmount, lie.Recipient = 13_000_000, 13_000_000, "0x9999999999999999999999999999999999999999"
	f.deposit = validDeposit()
	truth := f.report()
	f.deposit = lie
	f.reports = make([]transfer.Reading, 12)
	for i := range f.reports {
		f.reports[i] = truth
	}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	spec := f.orders["mint-ab12cd34"].Spec
	require.Equal(t, recipient, spec.Recipient)
	require.EqualValues(t, 12_500_000, spec.Amount)
	require.EqualValues(t, 12_500_000, st.Amount)
	require.Equal(t, recipient, st.Recipient)
}

func TestNoOrderUntilThresholdNodesReadTheTransferAlike(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	truth := f.report()
	other := truth
	other.PayAmount, other.Amount = 1, 1
	f.reports = make([]transfer.Reading, 12)
	for i := range f.reports {
		f.reports[i] = truth
		if i >= 8 {
			f.reports[i] = other // only 8 alike
		}
	}
	env := newEnv(t, f)
	var waiting transfer.State
	env.RegisterDelayedCallback(func() { waiting = queryState(t, env) }, time.Hour)
	startMint(env)

	require.Zero(t, f.creates)
	require.Equal(t, transfer.StatusDetected, waiting.Status)
	require.Contains(t, waiting.Reason, "waiting for 9 nodes to read the transfer alike (8 read mint 12500000 upokt to "+recipient+"; 4 read mint 1 upokt")
}
