package integration

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"

	"github.com/wpokt/bridge/transfer"
	"github.com/wpokt/bridge/workflows"
)

// queuedMint stands for a mint waiting in its recipient's nonce queue: it
// ends with the nonce the control workflow grants it.
func queuedMint(ctx workflow.Context) (uint64, error) {
	var grant transfer.NonceGrant
	workflow.GetSignalChannel(ctx, transfer.SignalNonceGranted).Receive(ctx, &grant)
	return grant.Nonce, nil
}

// A lease handed on in the very workflow task in which the control
// workflow continues as new still reaches the queued mint: the server drops
// a signal whose sender's run has closed before it is delivered.
func TestNonceGrantSurvivesContinueAsNew(t *testing.T) {
	ts := temporaltest.NewServer(temporaltest.WithT(t))
	c := ts.GetDefaultClient()
	w := worker.New(c, "control-test", worker.Options{})
	w.RegisterWorkflowWithOptions(workflows.ControlWorkflow, workflow.RegisterOptions{Name: transfer.ControlWorkflowType})
	w.RegisterWorkflow(queuedMint)
	require.NoError(t, w.Start())
	defer w.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	const recipient = "0x1111111111111111111111111111111111111111"
	waiter, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "mint-queued", TaskQueue: "control-test"}, queuedMint)
	require.NoError(t, err)
	// The control workflow has handled so many requests that it continues
	// as new right after the release it starts with.
	state := transfer.ControlState{
		Handled: 1 << 30,
		Nonces: []transfer.RecipientNonces{{
			Recipient: recipient, Holder: "mint-holder", HolderNonce: 7, Queue: []string{"mint-queued"}, IdleSince: time.Now(),
		}},
	}
	_, err = c.SignalWithStartWorkflow(ctx, transfer.ControlWorkflowID, transfer.SignalNonceRelease,
		transfer.NonceRelease{WorkflowID: "mint-holder", Recipient: recipient, Nonce: 7, Used: true},
		client.StartWorkflowOptions{TaskQueue: "control-test"}, transfer.ControlWorkflowType, state)
	require.NoError(t, err)

	waitCtx, waitCancel := context.WithTimeout(ctx, 20*time.Second)
	defer waitCancel()
	var nonce uint64
	require.NoError(t, waiter.Get(waitCtx, &nonce), "the queued mint never heard of its lease")
	require.EqualValues(t, 8, nonce)

	var after transfer.ControlState
	resp, err := c.QueryWorkflow(ctx, transfer.ControlWorkflowID, "", transfer.QueryState)
	require.NoError(t, err)
	require.NoError(t, resp.Get(&after))
	require.Zero(t, after.Handled, "the control workflow continued as new")
	require.Len(t, after.Nonces, 1)
	require.Equal(t, "mint-queued", after.Nonces[0].Holder)
}
