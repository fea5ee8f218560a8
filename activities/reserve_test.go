package activities_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/transfer"
)

// reserveAll asks for ids concurrently and returns each answer by ID.
func reserveAll(t *testing.T, a *activities.Shared, ids []string) map[string]transfer.ReserveResult {
	t.Helper()
	var mu sync.Mutex
	got := map[string]transfer.ReserveResult{}
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: id, Amount: 1})
			assert.NoError(t, err, id)
			mu.Lock()
			got[id] = res
			mu.Unlock()
		})
	}
	wg.Wait()
	return got
}

// TestReservesQueuedBehindAnUpdateGoInTheNextOne: while one update is in
// flight the node's further requests queue; the next update carries all
// of them, and each transfer gets its own answer.
func TestReservesQueuedBehindAnUpdateGoInTheNextOne(t *testing.T) {
	orch := &fakeOrchestrator{hold: make(chan struct{}), byID: map[string]transfer.ReserveResult{}}
	var ids []string
	for i := range 6 {
		id := fmt.Sprintf("mint-%d", i)
		ids = append(ids, id)
		orch.byID[id] = transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: uint64(i)}
	}
	a := &activities.Shared{Rules: activities.Rules{TaskQueue: "bridge"}, Temporal: orch}

	first := make(chan transfer.ReserveResult)
	go func() {
		res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: ids[0], Amount: 1})
		assert.NoError(t, err)
		first <- res
	}()
	require.Eventually(t, func() bool { return len(orch.sent()) == 1 }, 5*time.Second, time.Millisecond)
	rest := make(chan map[string]transfer.ReserveResult)
	go func() { rest <- reserveAll(t, a, ids[1:]) }()
	time.Sleep(50 * time.Millisecond) // the five queue behind the first update
	close(orch.hold)

	assert.Equal(t, orch.byID[ids[0]], <-first)
	got := <-rest
	for _, id := range ids[1:] {
		assert.Equal(t, orch.byID[id], got[id], id)
	}
	require.Len(t, orch.updates, 2, "one update in flight, then one for all that queued")
	assert.Len(t, orch.updates[1].UpdateOptions.Args[0], 5)
}

// TestReservesGoOneByOneToAControlWorkflowWithoutBatches: a control
// workflow on code from before batches (a rolling upgrade) refuses the
// batch as an unknown update; the requests go as single reserves.
func TestReservesGoOneByOneToAControlWorkflowWithoutBatches(t *testing.T) {
	orch := &fakeOrchestrator{oldControl: true, reserve: transfer.ReserveResult{Decision: transfer.ReserveGranted}}
	a := &activities.Shared{Rules: activities.Rules{TaskQueue: "bridge"}, Temporal: orch}
	res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "burn-1", Amount: 1})
	require.NoError(t, err)
	assert.Equal(t, orch.reserve, res)
	require.Len(t, orch.updates, 2)
	assert.Equal(t, transfer.UpdateReserveBatch, orch.updates[0].UpdateOptions.UpdateName)
	assert.Equal(t, transfer.UpdateReserve, orch.updates[1].UpdateOptions.UpdateName)
}

// TestAReserveWhoseActivityEndsReturnsAndTheQueueGoesOn: a request whose
// activity times out while it waits returns an error; the update still
// answers the others, and the next request is sent.
func TestAReserveWhoseActivityEndsReturnsAndTheQueueGoesOn(t *testing.T) {
	orch := &fakeOrchestrator{hold: make(chan struct{}), reserve: transfer.ReserveResult{Decision: transfer.ReserveGranted}}
	a := &activities.Shared{Rules: activities.Rules{TaskQueue: "bridge"}, Temporal: orch}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	_, err := a.Reserve(ctx, transfer.ReserveRequest{WorkflowID: "mint-late", Amount: 1})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "reserve 1 upokt for mint-late: waiting for the control workflow")

	close(orch.hold)
	res, err := a.Reserve(t.Context(), transfer.ReserveRequest{WorkflowID: "mint-next", Amount: 1})
	require.NoError(t, err)
	assert.Equal(t, transfer.ReserveGranted, res.Decision)
	assert.Equal(t, []string{"mint-late", "mint-next"}, []string{orch.sent()[0].WorkflowID, orch.sent()[1].WorkflowID})
}
