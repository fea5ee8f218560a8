package workflows

import (
	"fmt"

	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// MintWorkflow carries one Pocket deposit to the vault: minted as wPOKT
// when its memo names a recipient, refunded when the deposit is invalid,
// recorded as invalid or failed otherwise. Its ID is
// transfer.MintWorkflowID(tx hash), so every scanner that sees the deposit
// lands on this one run.
func MintWorkflow(ctx workflow.Context, in transfer.MintInput) (transfer.State, error) {
	r, err := newRun(ctx, transfer.KindMint, in.Settings)
	if err != nil {
		return transfer.State{}, err
	}
	return r.end(r.runMint(in))
}

func (r *run) runMint(in transfer.MintInput) (transfer.State, error) {
	r.st.SourceTxHash = in.TxHash

	if done, err := r.finishedBefore(); done || err != nil {
		return r.st, err
	}

	var dep transfer.Deposit
	read := func() (transfer.SourceCheck, error) {
		if err := r.local(transfer.ActivityReadDeposit, in.TxHash, &dep); err != nil {
			return transfer.SourceCheck{}, err
		}
		if dep.Source.Found {
			r.applyDeposit(dep)
		}
		return dep.Source, nil
	}
	if _, err := read(); err != nil {
		return r.st, err
	}
	if dep.Source.Found {
		r.setStatus(transfer.StatusDetected, "waiting for confirmations")
	}
	if dep.Kind == "failed" {
		r.setStatus(transfer.StatusFailed, dep.Reason)
		return r.st, nil
	}

	failure, err := r.awaitConfirmations(read)
	if err != nil {
		return r.st, err
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, failure)
		return r.st, nil
	}
	if dep, err = r.agreedDeposit(dep); err != nil {
		return r.st, err
	}
	switch dep.Kind {
	case "invalid":
		// Nothing can be sent back: the amount does not cover the fee.
		r.setStatus(transfer.StatusInvalid, dep.Reason)
		return r.st, nil
	case "failed":
		r.setStatus(transfer.StatusFailed, dep.Reason)
		return r.st, nil
	}
	r.setStatus(transfer.StatusConfirmed, fmt.Sprintf("%d confirmations", r.st.Confirmations))

	if dep.Kind == "refund" {
		return r.refund(dep)
	}
	return r.mint(dep)
}

func (r *run) applyDeposit(dep transfer.Deposit) {
	r.st.Classification = dep.Kind
	r.st.Sender = dep.Sender
	r.st.Amount = dep.Amount
	r.st.Memo = dep.Memo
	r.st.SourceHeight = dep.Source.Height
	switch dep.Kind {
	case "mint":
		r.st.Recipient = dep.Recipient
		r.st.PayAmount = dep.MintAmount
	case "refund":
		r.st.Recipient = dep.Sender
		r.st.PayAmount = dep.RefundAmount
	}
}

// agreedDeposit replaces this node's reading of the deposit by the one a
// threshold of nodes agree on.
func (r *run) agreedDeposit(dep transfer.Deposit) (transfer.Deposit, error) {
	own := dep.Report()
	rep, err := r.agreed(own)
	if err != nil || rep.Agrees(own) {
		return dep, err
	}
	dep.Kind, dep.Amount, dep.Reason = rep.Kind, rep.Amount, rep.Reason
	switch rep.Kind {
	case "mint":
		dep.Recipient, dep.MintAmount = rep.Recipient, rep.PayAmount
	case "refund":
		dep.Sender, dep.RefundAmount = rep.Recipient, rep.PayAmount
	}
	r.applyDeposit(dep)
	return dep, nil
}

// mint creates the smart-call order that mints wPOKT to the recipient with
// the next nonce of that recipient, and sees it executed.
func (r *run) mint(dep transfer.Deposit) (transfer.State, error) {
	req := r.reserveRequest(dep.MintAmount)
	req.Recipient = dep.Recipient
	ref, leased, err := r.order(req, func(nonce uint64) transfer.OrderSpec {
		return transfer.OrderSpec{
			ExternalID: r.st.WorkflowID, Kind: transfer.OrderMint,
			Recipient: dep.Recipient, Amount: dep.MintAmount, Nonce: nonce,
		}
	})
	if err != nil {
		return r.st, err
	}
	failure, err := r.finishOrder(ref, 0)
	if err != nil {
		return r.st, err
	}
	if leased {
		r.releaseNonce(dep.Recipient, ref.Spec.Nonce, failure == "")
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, failure)
		return r.st, nil
	}
	r.setStatus(transfer.StatusExecuted, fmt.Sprintf("minted with nonce %d in %s", ref.Spec.Nonce, r.st.DestTxHash))
	return r.st, nil
}

// refund sends an invalid deposit back to its sender, minus the fee.
func (r *run) refund(dep transfer.Deposit) (transfer.State, error) {
	ref, _, err := r.order(r.reserveRequest(dep.RefundAmount), func(uint64) transfer.OrderSpec {
		return transfer.OrderSpec{
			ExternalID: r.st.WorkflowID, Kind: transfer.OrderRefund,
			Recipient: dep.Sender, Amount: dep.RefundAmount, Memo: transfer.RefundMemo(dep.TxHash),
		}
	})
	if err != nil {
		return r.st, err
	}
	failure, err := r.finishOrder(ref, 0)
	if err != nil {
		return r.st, err
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, "refund: "+failure+" (deposit was invalid: "+dep.Reason+")")
		return r.st, nil
	}
	r.setStatus(transfer.StatusRefunded, fmt.Sprintf("refunded %d upokt in %s: %s", dep.RefundAmount, r.st.DestTxHash, dep.Reason))
	return r.st, nil
}

func (r *run) reserveRequest(amount uint64) transfer.ReserveRequest {
	return transfer.ReserveRequest{WorkflowID: r.st.WorkflowID, Amount: amount}
}

// releaseNonce gives the recipient's nonce lease back to the control
// workflow, which hands it to the next queued mint.
func (r *run) releaseNonce(recipient string, nonce uint64, used bool) {
	err := workflow.SignalExternalWorkflow(r.ctx, transfer.ControlWorkflowID, "", transfer.SignalNonceRelease,
		transfer.NonceRelease{WorkflowID: r.st.WorkflowID, Recipient: recipient, Nonce: nonce, Used: used}).Get(r.ctx, nil)
	if err != nil {
		// Only a control workflow that an operator terminated loses a
		// release; a queued mint then asks again after nonceRetry.
		r.logger.Warn("release mint nonce", "recipient", recipient, "error", err)
	}
}
