package workflows

import (
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// askControl passes the governor, the global pause and, for a mint, its
// recipient's nonce lease: it returns once the control workflow granted
// the amount (and the nonce), holding for an operator's release, waiting
// out a pause or waiting in the recipient's queue on the way.
func (r *run) askControl(req transfer.ReserveRequest) (nonce uint64, err error) {
	resumed := workflow.GetSignalChannel(r.ctx, transfer.SignalResumed)
	granted := workflow.GetSignalChannel(r.ctx, transfer.SignalNonceGranted)
	for {
		var res transfer.ReserveResult
		if err := r.local(transfer.ActivityReserve, req, &res); err != nil {
			return 0, err
		}
		switch res.Decision {
		case transfer.ReserveGranted:
			return res.Nonce, nil
		case transfer.ReserveHeld:
			if err := r.awaitRelease(res.Reason); err != nil {
				return 0, err
			}
			req.Released = true
		case transfer.ReservePaused:
			r.note("waiting: the bridge is paused (" + res.Reason + ")")
			r.waitSignal(resumed, pauseRecheck, nil)
		case transfer.ReserveQueued:
			r.note("waiting: " + res.Reason)
			var grant transfer.NonceGrant
			if r.waitSignal(granted, nonceRetry, &grant) {
				return grant.Nonce, nil
			}
		default:
			return 0, temporal.NewNonRetryableApplicationError("control workflow answered "+res.Decision, transfer.ErrorBadReserve, nil)
		}
	}
}

// waitSignal waits for a signal, or gives up after timeout so that the
// caller asks again (a lost signal costs a delay, never a stuck transfer).
func (r *run) waitSignal(ch workflow.ReceiveChannel, timeout time.Duration, into any) bool {
	got := false
	sel := workflow.NewSelector(r.ctx)
	sel.AddReceive(ch, func(c workflow.ReceiveChannel, _ bool) { c.Receive(r.ctx, into); got = true })
	sel.AddFuture(workflow.NewTimer(r.ctx, timeout), func(workflow.Future) {})
	sel.Select(r.ctx)
	return got
}

// giveBackNonce gives the recipient's nonce lease back to the control
// workflow, which hands it to the next queued mint. It waits for the
// delivery although that costs the mint a workflow task before its close:
// a signal initiated in the task that completes the workflow is never
// delivered (tried: the control workflow's history got no release).
func (r *run) giveBackNonce(recipient string, nonce uint64, used bool) {
	err := workflow.SignalExternalWorkflow(r.ctx, transfer.ControlWorkflowID, "", transfer.SignalNonceRelease,
		transfer.NonceRelease{WorkflowID: r.st.WorkflowID, Recipient: recipient, Nonce: nonce, Used: used}).Get(r.ctx, nil)
	if err != nil {
		// Only a control workflow that an operator terminated loses a
		// release; a queued mint then asks again after nonceRetry.
		r.logger.Warn("release mint nonce", "recipient", recipient, "error", err)
	}
}
