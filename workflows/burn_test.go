package workflows

import (
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

const burnHash = "0xBEEF00000000000000000000000000000000000000000000000000000000CAFE"

func validBurn() transfer.Reading {
	return transfer.Reading{
		Sender: "0x3333333333333333333333333333333333333333", Recipient: sender,
		Amount: 3_000_000, PayAmount: 2_990_000, Class: transfer.ClassBurn,
	}
}

func startBurn(env *testsuite.TestWorkflowEnvironment, pos int) {
	startedID = transfer.BurnWorkflowID(burnHash, pos)
	env.SetStartWorkflowOptions(client.StartWorkflowOptions{ID: startedID})
	env.ExecuteWorkflow(transfer.BurnWorkflowType, transfer.BurnInput{TxHash: burnHash, LogPosition: pos, Settings: testSettings()})
}

func TestBurnHappyPath(t *testing.T) {
	f := newFakeBridge()
	f.burn = validBurn()
	env := newEnv(t, f)
	seen(env, "node-2", 100)
	startBurn(env, 1)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status)
	require.Equal(t, "burn-0xbeef00000000000000000000000000000000000000000000000000000000cafe-1", st.WorkflowID)
	require.Equal(t, 1, st.LogPosition)
	require.Len(t, st.Signers, 9)
	require.Equal(t, 1, f.creates)
	spec := f.orders[st.WorkflowID].Spec
	require.Equal(t, transfer.OrderReturn, spec.Kind)
	require.Equal(t, sender, spec.Recipient)
	require.EqualValues(t, 2_990_000, spec.Amount, "the vault returns the amount minus the Pocket fee")
	require.Contains(t, spec.Memo, "-1")
	require.Zero(t, f.mintReserves())
	require.Equal(t, []transfer.Status{
		transfer.StatusDetected, transfer.StatusConfirmed, transfer.StatusStarted, transfer.StatusSigned, transfer.StatusExecuted,
	}, f.statuses())
}

func TestBurnReorgedOutBeforeConfirmationNeverReturnsPOKT(t *testing.T) {
	f := newFakeBridge()
	f.burn = validBurn()
	f.vanishAfterReads = 2
	env := newEnv(t, f)
	seen(env, "node-2", 100)
	startBurn(env, 0)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Contains(t, st.Reason, "vanished before confirmation")
	require.Zero(t, f.creates)
}

func TestBurnAtOrBelowFeeIsInvalid(t *testing.T) {
	f := newFakeBridge()
	f.burn = transfer.Reading{Sender: "0x33", Recipient: sender, Amount: 10_000, Class: transfer.ClassInvalid, Reason: "amount 10000 is at or below the fee"}
	env := newEnv(t, f)
	startBurn(env, 0)

	st := result(t, env)
	require.Equal(t, transfer.StatusInvalid, st.Status)
	require.Zero(t, f.creates)
}

func TestFailedBurnTxFails(t *testing.T) {
	f := newFakeBridge()
	f.burn = validBurn()
	f.burn.Class, f.burn.Reason = transfer.ClassFailed, "burn transaction failed on chain (reverted)"
	env := newEnv(t, f)
	startBurn(env, 0)

	st := result(t, env)
	require.Equal(t, transfer.StatusFailed, st.Status)
	require.Contains(t, st.Reason, "failed on chain")
	require.Zero(t, f.creates)
	require.NotZero(t, f.sourceChecks, "the nodes were asked before it ended")
}

// TestOwnRPCSayingABurnFailedIsOverruled: the RPC of the node running the
// workflow says the burn failed; the other nodes read it confirmed, so it
// is returned all the same.
func TestOwnRPCSayingABurnFailedIsOverruled(t *testing.T) {
	f := newFakeBridge()
	f.burn = validBurn()
	f.ownSays = func(rd transfer.Reading) transfer.Reading {
		rd.Source.Success = false
		return rd
	}
	env := newEnv(t, f)
	startBurn(env, 0)

	st := result(t, env)
	require.Equal(t, transfer.StatusExecuted, st.Status, st.Reason)
	require.Equal(t, 1, f.creates)
	require.EqualValues(t, 2_990_000, f.orders[st.WorkflowID].Spec.Amount)
}
