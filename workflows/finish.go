package workflows

import (
	"errors"
	"fmt"
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// finishOrder runs an order from its signatures to its verified execution
// and returns the failure reason if it ended unexecuted.
func (r *run) finishOrder(ref transfer.OrderRef) (failure string, err error) {
	if ref.NeedsSignatures {
		if err := r.collectSignatures(ref.Spec.Kind); err != nil {
			return "", err
		}
	}
	res, err := r.awaitOrder()
	if err != nil {
		return "", err
	}
	if !res.Executed {
		return fmt.Sprintf("custody order %s ended %s: %s", res.OrderID, res.Status, res.Reason), nil
	}
	if err := r.verifyDestination(ref.Spec, res.TxHash); err != nil {
		var appErr *temporal.ApplicationError
		if errors.As(err, &appErr) {
			return "destination check failed: " + appErr.Error(), nil
		}
		return "", err
	}
	return "", nil
}

// awaitOrder waits for Copper to finish the order.
func (r *run) awaitOrder() (transfer.AwaitOrderResult, error) {
	ctx := workflow.WithActivityOptions(r.ctx, workflow.ActivityOptions{
		StartToCloseTimeout: awaitTimeout,
		HeartbeatTimeout:    awaitHeartbeat,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:    time.Second,
			BackoffCoefficient: 2,
			MaximumInterval:    time.Minute,
		},
	})
	var res transfer.AwaitOrderResult
	err := workflow.ExecuteActivity(ctx, transfer.ActivityAwaitOrder, transfer.AwaitOrderRequest{
		OrderID: r.st.OrderID, PollInterval: r.settings.OrderPollInterval,
	}).Get(ctx, &res)
	return res, err
}

// verifyDestination checks the executed order's tx on the destination chain.
func (r *run) verifyDestination(spec transfer.OrderSpec, txHash string) error {
	var res transfer.VerifyResult
	if err := r.local(transfer.ActivityVerifyDestination, transfer.VerifyRequest{Spec: spec, TxHash: txHash}, &res); err != nil {
		return err
	}
	r.st.DestTxHash = res.TxHash
	return nil
}

// end turns an activity's non-retryable error (bad input that retrying
// cannot fix, e.g. a custody order that does not match its transfer) into
// the failed status with its reason, so that every transfer ends in a
// named state. Other errors (cancellation) end the workflow as they are.
func (r *run) end(st transfer.State, err error) (transfer.State, error) {
	var appErr *temporal.ApplicationError
	if err != nil && errors.As(err, &appErr) && appErr.NonRetryable() {
		r.setStatus(transfer.StatusFailed, rootCause(err))
		return r.st, nil
	}
	return st, err
}
