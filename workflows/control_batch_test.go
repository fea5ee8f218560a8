package workflows

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"

	"github.com/wpokt/bridge/transfer"
)

// batchAt sends a reserve-batch update at a point of (skipped) time; its
// answer or its rejection lands in out or rejected.
func batchAt(env *testsuite.TestWorkflowEnvironment, at time.Duration, reqs []transfer.ReserveRequest, out *[]transfer.ReserveResult, rejected *error) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(transfer.UpdateReserveBatch, "batch"+at.String(), &testsuite.TestUpdateCallback{
			OnReject: func(err error) { *rejected = err },
			OnAccept: func() {},
			OnComplete: func(v any, err error) {
				if err != nil {
					panic(err)
				}
				*out = v.([]transfer.ReserveResult)
			},
		}, reqs)
	}, at)
}

// TestABatchIsDecidedInItsOrderAsSingleReservesWouldBe: the requests of
// one batch go through the governor one after the other (the third one
// passes the rolling cap that the first two filled), a transfer asking
// again in a later batch gets the same answer, and a batch with an empty
// workflow ID, none or too many requests is refused whole.
func TestABatchIsDecidedInItsOrderAsSingleReservesWouldBe(t *testing.T) {
	env := newControlEnv(t)
	var first, again, single []transfer.ReserveResult
	var err1, err2, errEmpty, errNone, errTooMany error
	batchAt(env, time.Minute, []transfer.ReserveRequest{limits("mint-a", 100), limits("mint-b", 100), limits("mint-c", 60), limits("mint-big", 101)}, &first, &err1)
	batchAt(env, 2*time.Minute, []transfer.ReserveRequest{limits("mint-b", 100), limits("mint-d", 51)}, &again, &err2)
	batchAt(env, 3*time.Minute, []transfer.ReserveRequest{limits("mint-e", 1), {Amount: 5}}, &single, &errEmpty)
	batchAt(env, 4*time.Minute, nil, &single, &errNone)
	batchAt(env, 5*time.Minute, make([]transfer.ReserveRequest, transfer.ReserveBatchMax+1), &single, &errTooMany)
	var state transfer.ControlState
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(transfer.QueryState)
		require.NoError(t, err)
		require.NoError(t, v.Get(&state))
	}, 6*time.Minute)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(transfer.ControlWorkflowType, transfer.ControlState{})

	require.NoError(t, err1)
	require.NoError(t, err2)
	decisions := func(rs []transfer.ReserveResult) (out []string) {
		for _, r := range rs {
			out = append(out, r.Decision)
		}
		return out
	}
	require.Equal(t, []string{transfer.ReserveGranted, transfer.ReserveGranted, transfer.ReserveHeld, transfer.ReserveHeld}, decisions(first))
	require.Contains(t, first[2].Reason, "60 more would pass the cap of 250")
	require.Equal(t, []string{transfer.ReserveGranted, transfer.ReserveHeld}, decisions(again), "mint-b answered alike; mint-d still over the cap")
	require.ErrorContains(t, errEmpty, "empty workflow id")
	require.ErrorContains(t, errNone, "0 requests")
	require.ErrorContains(t, errTooMany, "51 requests")
	require.Len(t, state.Window, 2, "a refused batch reserves nothing")
	require.EqualValues(t, 6, state.Handled)
}
