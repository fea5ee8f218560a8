package workflows

import (
	"fmt"

	"github.com/wpokt/bridge/transfer"
)

// order finds the transfer's custody order (a retry, or a re-run after
// Temporal forgot the first) or, once the control workflow let it through
// (and leased a mint its nonce), creates it. leased says the caller holds a
// nonce lease to give back when the order ended.
func (r *run) order(req transfer.ReserveRequest, spec func(nonce uint64) transfer.OrderSpec) (ref transfer.OrderRef, leased bool, err error) {
	if ref, err = r.findOrder(); err != nil {
		return ref, false, err
	}
	if ref.Found {
		// An earlier attempt passed the control workflow and created the
		// order (with its nonce): carry on with it, never create a second.
		r.useOrder(ref)
		r.setStatus(transfer.StatusStarted, "resuming custody order "+ref.OrderID)
		return ref, false, nil
	}
	nonce, err := r.askControl(req)
	if err != nil {
		return ref, false, err
	}
	ref, err = r.createOrder(spec(nonce))
	if err != nil {
		if req.Recipient != "" {
			r.giveBackNonce(req.Recipient, nonce, false)
		}
		return ref, false, err
	}
	return ref, req.Recipient != "", nil
}

// findOrder looks for an order this transfer already has (a retry, or a
// re-scan after Temporal forgot the first run).
func (r *run) findOrder() (transfer.OrderRef, error) {
	var ref transfer.OrderRef
	err := r.local(transfer.ActivityFindOrder, transfer.TransferRef{WorkflowID: r.st.WorkflowID}, &ref)
	return ref, err
}

func (r *run) createOrder(spec transfer.OrderSpec) (transfer.OrderRef, error) {
	var ref transfer.OrderRef
	if err := r.local(transfer.ActivityCreateOrder, spec, &ref); err != nil {
		return ref, err
	}
	r.useOrder(ref)
	r.setStatus(transfer.StatusStarted, "custody order "+ref.OrderID+" created")
	return ref, nil
}

func (r *run) useOrder(ref transfer.OrderRef) {
	r.st.OrderID = ref.OrderID
	r.st.OrderKind = ref.Spec.Kind
	r.st.Nonce = ref.Spec.Nonce
	r.st.PayAmount = ref.Spec.Amount
}

// finishedBefore stops a re-run of a transfer that the projection remembers
// as finished (Temporal forgets closed workflows after the retention
// period): the transfer ends as it ended then, and nothing is done again.
func (r *run) finishedBefore() (bool, error) {
	var rec transfer.PriorRecord
	if err := r.local(transfer.ActivityPriorRecord, transfer.TransferRef{WorkflowID: r.st.WorkflowID}, &rec); err != nil {
		return false, err
	}
	if !rec.Found || !rec.Status.Final() {
		return false, nil
	}
	r.st.OrderID = rec.OrderID
	r.setStatus(rec.Status, fmt.Sprintf("already %s in an earlier run (%s); nothing was done again", rec.Status, rec.Reason))
	return true, nil
}
