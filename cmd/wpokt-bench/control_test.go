package main

import (
	"testing"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	updatepb "go.temporal.io/api/update/v1"

	"github.com/wpokt/bridge/transfer"
)

// TestRequestsInCountsTheBatch: a batch update counts its requests, a
// single reserve one.
func TestRequestsInCountsTheBatch(t *testing.T) {
	batch := &updatepb.Input{Name: transfer.UpdateReserveBatch, Args: &commonpb.Payloads{Payloads: []*commonpb.Payload{
		{Data: []byte(`[{"WorkflowID":"mint-a"},{"WorkflowID":"mint-b"},{"WorkflowID":"burn-c"}]`)},
	}}}
	require.Equal(t, 3, requestsIn(batch))
	require.Equal(t, 1, requestsIn(&updatepb.Input{Name: transfer.UpdateReserve}))

	old := ControlResult{Updates: 10, UpdatesPerS: 2, UpdatesPerTask: 2.5}
	require.Equal(t, 10, old.reserves(), "results from before batches: one reserve an update")
	require.Contains(t, ControlResult{Updates: 4, Reserves: 12, UpdatesPerS: 2}.summary(), "6.0/s in 2.0 updates/s; 3.00;")
}
