package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/transfer"
)

// TestOwnRPCSayingADepositFailedIsOverruled: the RPC of the node running
// the workflow says a valid deposit failed on chain; the twelve nodes read
// it confirmed, so it is minted.
func TestOwnRPCSayingADepositFailedIsOverruled(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.ownSays = func(rd transfer.Reading) transfer.Reading {
		rd.Class, rd.Reason, rd.Source.Success = transfer.ClassFailed, "source tx failed on chain: code 5", false
		return rd
	}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status, st.Reason)
	require.Equal(t, 1, f.creates)
	require.Equal(t, recipient, f.orders[st.WorkflowID].Spec.Recipient)
	require.Equal(t, sender, st.Sender, "the sender comes from an agreeing node's reading")
}

// TestOwnRPCSayingADepositVanishedIsOverruled: the node's RPC no longer
// finds the deposit, well past where it would have confirmed; the others
// do, so it is minted.
func TestOwnRPCSayingADepositVanishedIsOverruled(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	f.ownSays = func(transfer.Reading) transfer.Reading {
		return transfer.Reading{Source: transfer.SourceCheck{Head: 500}}
	}
	env := newEnv(t, f)
	seen(env, "node-1", 100)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status, st.Reason)
	require.Equal(t, 1, f.creates)
}

// TestForgedFailureAnswersAreDropped: every node's source check says the
// deposit failed, but four of the answers are signed with another key: 8
// authenticated failures are not the threshold, so the deposit neither
// fails nor gets an order; it waits with the tally in its reason.
func TestForgedFailureAnswersAreDropped(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	failed := transfer.Reading{Class: transfer.ClassFailed, Reason: "source tx failed on chain: code 5",
		Source: transfer.SourceCheck{Found: true, Height: 100, Head: 200, Confirmations: 101}}
	f.ownSays = func(transfer.Reading) transfer.Reading { return failed }
	f.answers, f.forged = map[string]transfer.Reading{}, map[string]bool{}
	for i, n := range nodes {
		f.answers[n] = failed
		f.forged[n] = i >= 8
	}
	env := newEnv(t, f)
	var waiting transfer.State
	env.RegisterDelayedCallback(func() { waiting = queryState(t, env) }, time.Hour)
	env.RegisterDelayedCallback(env.CancelWorkflow, 2*time.Hour)
	startMint(env)

	require.Equal(t, transfer.StatusDetected, waiting.Status)
	require.Contains(t, waiting.Reason, "8 read it failed")
	require.Contains(t, waiting.Reason, "waiting for a threshold of nodes to agree")
	require.Zero(t, f.creates)
}

// TestDepositFailsOnlyWhenThresholdNodesAgree: nine nodes read the deposit
// failed, three confirmed: it fails, with no order.
func TestDepositFailsOnlyWhenThresholdNodesAgree(t *testing.T) {
	f := newFakeBridge()
	f.deposit = validDeposit()
	failed := transfer.Reading{Class: transfer.ClassFailed, Reason: "source tx failed on chain: code 5",
		Source: transfer.SourceCheck{Found: true, Height: 100, Head: 200, Confirmations: 101}}
	f.ownSays = func(transfer.Reading) transfer.Reading { return failed }
	f.answers = map[string]transfer.Reading{}
	for _, n := range nodes[:9] {
		f.answers[n] = failed
	}
	env := newEnv(t, f)
	startMint(env)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Equal(t, "source tx failed on chain: code 5", st.Reason)
	require.Zero(t, f.creates)
}

// TestUnreadableDepositWaitsForAnOperator: a tx to the vault that the
// nodes cannot read neither fails nor pays: it is held for an operator,
// with the reason, and nothing moves it.
func TestUnreadableDepositWaitsForAnOperator(t *testing.T) {
	f := newFakeBridge()
	f.deposit = transfer.Reading{Class: transfer.ClassUnreadable, Amount: 0,
		Reason: "the tx could not be read (undecodable: negative amount): an operator must look at it"}
	env := newEnv(t, f)
	var held transfer.State
	env.RegisterDelayedCallback(func() {
		releaseOn(env, nodes...)
	}, time.Hour)
	env.RegisterDelayedCallback(func() { held = queryState(t, env) }, 48*time.Hour)
	env.RegisterDelayedCallback(env.CancelWorkflow, 49*time.Hour)
	startMint(env)

	require.Equal(t, transfer.StatusHeld, held.Status)
	require.Contains(t, held.Reason, "held for an operator: the tx could not be read (undecodable: negative amount)")
	require.Zero(t, f.creates)
	require.Empty(t, f.reserves)
}

// TestMintNonceComesFromTheAgreedReadings: the nonce the mint asks the
// control workflow for is the one a threshold of readings vouch for:
// three nodes reading it far higher, or lower, move it neither way.
func TestMintNonceComesFromTheAgreedReadings(t *testing.T) {
	for name, liars := range map[string]uint64{"liars read higher": 100, "liars read lower": 0} {
		t.Run(name, func(t *testing.T) {
			f := newFakeBridge()
			f.deposit = validDeposit()
			f.reports = make([]transfer.Reading, 12)
			for i := range f.reports {
				f.reports[i] = validDeposit().Report()
				f.reports[i].RecipientNonce = 5
				if i >= 9 {
					f.reports[i].RecipientNonce = liars
				}
			}
			env := newEnv(t, f)
			startMint(env)

			st := result(t, env)
			require.Equal(t, transfer.StatusExecuted, st.Status, st.Reason)
			require.Equal(t, 1, f.mintReserves())
			require.True(t, f.reserves[0].NonceAgreed)
			require.EqualValues(t, 5, f.reserves[0].ChainNonce)
		})
	}
}
