package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// BurnWorkflow carries one BurnAndBridge log back to Pocket: once the burn
// is confirmed on the canonical chain, a Copper withdraw order sends the
// amount minus the Pocket fee from the vault to the Pocket address. Its ID
// is transfer.BurnWorkflowID(tx hash, position of the log in its tx).
func BurnWorkflow(ctx workflow.Context, in transfer.BurnInput) (transfer.State, error) {
	r, err := newRun(ctx, transfer.KindBurn, in.Settings)
	if err != nil {
		return transfer.State{}, err
	}
	return r.end(r.runBurn(in))
}

func (r *run) runBurn(in transfer.BurnInput) (transfer.State, error) {
	r.st.SourceTxHash = in.TxHash
	r.st.LogPosition = in.LogPosition

	if done, err := r.finishedBefore(); done || err != nil {
		return r.st, err
	}

	var burn transfer.Burn
	req := transfer.BurnRef{TxHash: in.TxHash, LogPosition: in.LogPosition}
	read := func() (transfer.SourceCheck, error) {
		if err := r.local(transfer.ActivityReadBurn, req, &burn); err != nil {
			return transfer.SourceCheck{}, err
		}
		if burn.Source.Found {
			r.applyBurn(burn)
		}
		return burn.Source, nil
	}
	if _, err := read(); err != nil {
		return r.st, err
	}
	if burn.Source.Found {
		r.setStatus(transfer.StatusDetected, "waiting for confirmations")
	}
	failure, err := r.awaitConfirmations(read)
	if err != nil {
		return r.st, err
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, failure)
		return r.st, nil
	}
	own := burn.Report()
	rep, err := r.agreed(own)
	if err != nil {
		return r.st, err
	}
	if !rep.Agrees(own) {
		burn.Kind, burn.Recipient, burn.Amount, burn.ReturnAmount, burn.Reason = rep.Kind, rep.Recipient, rep.Amount, rep.PayAmount, rep.Reason
		r.applyBurn(burn)
	}
	switch burn.Kind {
	case "invalid":
		// The wPOKT is burnt but nothing can be sent: say why, for an
		// operator to settle by hand.
		r.setStatus(transfer.StatusInvalid, burn.Reason)
		return r.st, nil
	case "failed":
		r.setStatus(transfer.StatusFailed, burn.Reason)
		return r.st, nil
	}
	r.setStatus(transfer.StatusConfirmed, fmt.Sprintf("%d confirmations", r.st.Confirmations))

	ref, _, err := r.order(r.reserveRequest(burn.ReturnAmount), func(uint64) transfer.OrderSpec {
		return transfer.OrderSpec{
			ExternalID: r.st.WorkflowID, Kind: transfer.OrderReturn,
			Recipient: burn.Recipient, Amount: burn.ReturnAmount,
			Memo: transfer.ReturnMemo(burn.TxHash, burn.LogPosition),
		}
	})
	if err != nil {
		return r.st, err
	}
	failure, err = r.finishOrder(ref, in.LogPosition)
	if err != nil {
		return r.st, err
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, failure)
		return r.st, nil
	}
	r.setStatus(transfer.StatusExecuted, fmt.Sprintf("returned %d upokt in %s", burn.ReturnAmount, r.st.DestTxHash))
	return r.st, nil
}

func (r *run) applyBurn(b transfer.Burn) {
	r.st.Classification = b.Kind
	r.st.Sender = b.Sender
	r.st.Recipient = b.Recipient
	r.st.Amount = b.Amount
	r.st.PayAmount = b.ReturnAmount
	r.st.SourceHeight = b.Source.Height
}
