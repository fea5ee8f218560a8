package workflows

import (
	"fmt"

	"github.com/wpokt/bridge/transfer"
)

// readSource re-reads a transfer's source on the node that runs the
// workflow, waiting there for its confirmations as wait says: the one
// thing a mint and a burn do differently.
type readSource func(wait transfer.ConfirmWait) (transfer.Reading, error)

// carry is the one skeleton of a transfer, whatever its direction: read
// the source until it is confirmed, take the reading a threshold of nodes
// agree on, pass the control workflow, create the one custody order its
// class calls for, collect the signatures and see it executed. Every path
// ends in a named status with its reason.
func (r *run) carry(read readSource) (transfer.State, error) {
	if done, err := r.finishedBefore(); done || err != nil {
		return r.st, err
	}
	check := func(wait transfer.ConfirmWait) (transfer.Reading, error) {
		rd, err := read(wait)
		if err == nil && rd.Source.Found {
			r.apply(rd)
		}
		return rd, err
	}
	own, err := check(transfer.ConfirmWait{})
	if err != nil {
		return r.st, err
	}
	if own.Source.Found {
		r.setStatus(transfer.StatusDetected, "waiting for confirmations")
	}
	own, failure, err := r.awaitConfirmations(check)
	if err != nil {
		return r.st, err
	}
	if failure != "" {
		r.setStatus(transfer.StatusFailed, failure)
		return r.st, nil
	}
	r.apply(own)
	rd, err := r.agreedReading(own)
	if err != nil {
		return r.st, err
	}
	switch rd.Class {
	case transfer.ClassInvalid:
		// Funds moved but nothing can be paid (an amount at or below the
		// fee): say why, for an operator to settle by hand.
		r.setStatus(transfer.StatusInvalid, rd.Reason)
		return r.st, nil
	case transfer.ClassFailed:
		r.setStatus(transfer.StatusFailed, rd.Reason)
		return r.st, nil
	case transfer.ClassUnreadable:
		return r.st, r.awaitOperator(rd.Reason)
	case transfer.ClassTopUp:
		r.setStatus(transfer.StatusToppedUp, rd.Reason)
		return r.st, nil
	}
	confirmed := fmt.Sprintf("%d confirmations", r.st.Confirmations)
	if r.folded {
		// The order's status follows in this workflow task unless the
		// control workflow or Copper holds it up, and then their note
		// writes this one.
		r.quietStatus(transfer.StatusConfirmed, confirmed)
	} else {
		r.setStatus(transfer.StatusConfirmed, confirmed)
	}
	return r.pay(rd)
}

// apply records a reading in the transfer's state.
func (r *run) apply(rd transfer.Reading) {
	r.st.Classification = rd.Class
	r.st.Sender = rd.Sender
	r.st.Recipient = rd.Recipient
	r.st.Amount = rd.Amount
	r.st.PayAmount = rd.PayAmount
	r.st.Memo = rd.Memo
	if rd.Source.Found {
		r.st.SourceHeight = rd.Source.Height
	}
}

// agreedReading replaces this node's reading by the one a threshold of
// nodes agree on (their scanners' reports), keeping what only this node's
// read knows (the source's place on chain, its sender and memo).
func (r *run) agreedReading(own transfer.Reading) (transfer.Reading, error) {
	rep, err := r.agreed(own.Report())
	if err != nil || rep.Agrees(own) {
		return own, err
	}
	rd := own
	rd.Class, rd.Reason, rd.Recipient, rd.Amount, rd.PayAmount = rep.Class, rep.Reason, rep.Recipient, rep.Amount, rep.PayAmount
	r.apply(rd)
	return rd, nil
}

// pay creates the custody order the reading calls for (a mint holds its
// recipient's nonce lease from the control workflow until the order
// ended), sees it executed and records the end.
func (r *run) pay(rd transfer.Reading) (transfer.State, error) {
	// The order is named by this workflow's own key, not by what an RPC
	// answered.
	rd.TxHash, rd.LogPosition = r.st.SourceTxHash, r.st.LogPosition
	req := transfer.ReserveRequest{WorkflowID: r.st.WorkflowID, Amount: rd.PayAmount}
	if rd.Class == transfer.ClassMint {
		req.Recipient = rd.Recipient
		req.ChainNonce, req.NonceAgreed = r.agreedNonce(rd)
	}
	ref, leased, err := r.order(req, rd.Order)
	if err != nil {
		return r.st, err
	}
	failure, err := r.finishOrder(ref)
	if err != nil {
		return r.st, err
	}
	if leased && r.folded {
		// The end is written in the task that gives the nonce back, so
		// that the task after the release's delivery only closes the run.
		r.close(rd, ref, failure)
		r.giveBackNonce(rd.Recipient, ref.Spec.Nonce, failure == "")
		return r.st, nil
	}
	if leased {
		r.giveBackNonce(rd.Recipient, ref.Spec.Nonce, failure == "")
	}
	r.close(rd, ref, failure)
	return r.st, nil
}

// close records how a paid transfer ended.
func (r *run) close(rd transfer.Reading, ref transfer.OrderRef, failure string) {
	switch {
	case failure != "" && rd.Class == transfer.ClassRefund:
		r.setStatus(transfer.StatusFailed, "refund: "+failure+" (deposit was invalid: "+rd.Reason+")")
	case failure != "":
		r.setStatus(transfer.StatusFailed, failure)
	case rd.Class == transfer.ClassMint:
		r.setStatus(transfer.StatusExecuted, fmt.Sprintf("minted with nonce %d in %s", ref.Spec.Nonce, r.st.DestTxHash))
	case rd.Class == transfer.ClassRefund:
		r.setStatus(transfer.StatusRefunded, fmt.Sprintf("refunded %d upokt in %s: %s", rd.PayAmount, r.st.DestTxHash, rd.Reason))
	default:
		r.setStatus(transfer.StatusExecuted, fmt.Sprintf("returned %d upokt in %s", rd.PayAmount, r.st.DestTxHash))
	}
}
