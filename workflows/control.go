package workflows

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/log"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// governorWindow is the rolling window of the daily cap.
const governorWindow = 24 * time.Hour

// controlContinueAfter bounds the control workflow's history: after this
// many requests it continues as new with its state.
const controlContinueAfter = 1000

// ControlWorkflow holds the global pause, the governor and the mint nonce
// leases. Transfers ask it (update "reserve") before they create an order;
// mints give their nonce lease back by signal; operators pause and resume
// it by signal:
//
//	temporal workflow signal --workflow-id wpokt-control --name pause --input '{"By":"alice","Reason":"incident 42"}'
//	temporal workflow signal --workflow-id wpokt-control --name resume
func ControlWorkflow(ctx workflow.Context, s transfer.ControlState) error {
	c := &control{
		ctx: ctx, s: &s, logger: workflow.GetLogger(ctx),
		pause:   workflow.GetSignalChannel(ctx, transfer.SignalPause),
		resume:  workflow.GetSignalChannel(ctx, transfer.SignalResume),
		release: workflow.GetSignalChannel(ctx, transfer.SignalNonceRelease),
	}
	if err := c.setHandlers(); err != nil {
		return err
	}
	for {
		err := workflow.Await(ctx, func() bool {
			return c.pause.Len() > 0 || c.resume.Len() > 0 || c.release.Len() > 0 || c.due()
		})
		if err != nil {
			return err
		}
		c.drain()
		if c.due() {
			return c.continueAsNew()
		}
	}
}

// control is one run of the control workflow: its state and its inboxes.
type control struct {
	ctx    workflow.Context
	s      *transfer.ControlState
	logger log.Logger

	pause, resume, release workflow.ReceiveChannel
	// notifying are the signals to transfers still on their way. The
	// server drops a signal whose sender's run has closed before it was
	// delivered, so the workflow waits for them before it continues as new.
	notifying []workflow.Future
}

// setHandlers answers the state query and the reserve updates.
func (c *control) setHandlers() error {
	s := c.s
	if err := workflow.SetQueryHandler(c.ctx, transfer.QueryState, func() (transfer.ControlState, error) { return *s, nil }); err != nil {
		return fmt.Errorf("set query handler: %w", err)
	}
	err := workflow.SetUpdateHandlerWithOptions(c.ctx, transfer.UpdateReserve,
		func(ctx workflow.Context, req transfer.ReserveRequest) (transfer.ReserveResult, error) {
			s.Handled++
			return decideReserve(s, req, workflow.Now(ctx)), nil
		},
		workflow.UpdateHandlerOptions{Validator: validReserve},
	)
	if err != nil {
		return fmt.Errorf("set update handler: %w", err)
	}
	err = workflow.SetUpdateHandlerWithOptions(c.ctx, transfer.UpdateReserveBatch,
		func(ctx workflow.Context, reqs []transfer.ReserveRequest) ([]transfer.ReserveResult, error) {
			out := make([]transfer.ReserveResult, len(reqs))
			for i, req := range reqs {
				s.Handled++
				out[i] = decideReserve(s, req, workflow.Now(ctx))
			}
			return out, nil
		},
		workflow.UpdateHandlerOptions{Validator: func(reqs []transfer.ReserveRequest) error {
			if len(reqs) == 0 || len(reqs) > transfer.ReserveBatchMax {
				return fmt.Errorf("reserve-batch: %d requests, want 1 to %d", len(reqs), transfer.ReserveBatchMax)
			}
			for _, req := range reqs {
				if err := validReserve(req); err != nil {
					return err
				}
			}
			return nil
		}},
	)
	if err != nil {
		return fmt.Errorf("set batch update handler: %w", err)
	}
	return nil
}

func validReserve(req transfer.ReserveRequest) error {
	if req.WorkflowID == "" {
		return errors.New("reserve: empty workflow id")
	}
	return nil
}

// due says the run has handled enough to continue as new.
func (c *control) due() bool {
	return c.s.Handled >= controlContinueAfter || workflow.GetInfo(c.ctx).GetContinueAsNewSuggested()
}

// notify signals a transfer, keeping the future until it is delivered.
func (c *control) notify(workflowID, signal string, arg any) {
	kept := c.notifying[:0]
	for _, f := range c.notifying {
		if !f.IsReady() {
			kept = append(kept, f)
		}
	}
	c.notifying = append(kept, workflow.SignalExternalWorkflow(c.ctx, workflowID, "", signal, arg))
}

// drain handles every signal waiting: nonce releases, pauses, resumes.
func (c *control) drain() {
	for c.releaseOne() || c.pauseOne() || c.resumeOne() {
	}
}

func (c *control) releaseOne() bool {
	var rel transfer.NonceRelease
	if !c.release.ReceiveAsync(&rel) {
		return false
	}
	c.s.Handled++
	if next, nonce, ok := takeNonceBack(c.s, rel, workflow.Now(c.ctx)); ok {
		// A mint that ended meanwhile cannot be told: the next
		// release (or its own re-reserve) moves the queue on.
		c.notify(next, transfer.SignalNonceGranted, transfer.NonceGrant{Nonce: nonce})
	}
	return true
}

func (c *control) pauseOne() bool {
	var p transfer.PauseSignal
	if !c.pause.ReceiveAsync(&p) {
		return false
	}
	s := c.s
	s.Paused, s.PausedBy, s.PauseReason, s.PausedAt = true, orUnknown(p.By), p.Reason, workflow.Now(c.ctx)
	c.logger.Warn("bridge paused", "by", s.PausedBy, "reason", p.Reason)
	return true
}

func (c *control) resumeOne() bool {
	if !c.resume.ReceiveAsync(nil) {
		return false
	}
	s := c.s
	if s.Paused {
		c.logger.Info("bridge resumed", "waiting_transfers", len(s.Waiting))
	}
	s.Paused, s.PausedBy, s.PauseReason = false, "", ""
	for _, id := range s.Waiting {
		// A transfer that ended meanwhile cannot be signalled: nothing
		// to do for it.
		c.notify(id, transfer.SignalResumed, nil)
	}
	s.Waiting = nil
	return true
}

// continueAsNew waits for the running updates, hands on what came
// meanwhile and waits until every transfer was told, until nothing more
// comes; then it continues as new with the state.
func (c *control) continueAsNew() error {
	if err := workflow.Await(c.ctx, func() bool { return workflow.AllHandlersFinished(c.ctx) }); err != nil {
		return err
	}
	for c.drain(); len(c.notifying) > 0; c.drain() {
		for _, f := range c.notifying {
			// An error means the transfer ended meanwhile: nothing to tell.
			_ = f.Get(c.ctx, nil)
		}
		c.notifying = nil
	}
	c.s.Handled = 0
	return workflow.NewContinueAsNewError(c.ctx, ControlWorkflow, *c.s)
}

// decideReserve decides one request: paused first, then the single-transfer
// limit, then the rolling cap, then for a mint its recipient's nonce lease.
// Asking twice for one transfer is answered the same way.
func decideReserve(s *transfer.ControlState, req transfer.ReserveRequest, now time.Time) transfer.ReserveResult {
	if s.Paused {
		if !containsString(s.Waiting, req.WorkflowID) {
			s.Waiting = append(s.Waiting, req.WorkflowID)
		}
		return transfer.ReserveResult{Decision: transfer.ReservePaused, Reason: fmt.Sprintf("paused by %s: %s", s.PausedBy, s.PauseReason)}
	}
	prune(s, now)
	var sum uint64
	for _, g := range s.Window {
		if g.WorkflowID == req.WorkflowID {
			return leaseNonce(s, req, now)
		}
		sum += g.Amount
	}
	if !req.Released {
		if req.SingleTransferLimit > 0 && req.Amount > req.SingleTransferLimit {
			return transfer.ReserveResult{Decision: transfer.ReserveHeld,
				Reason: fmt.Sprintf("amount %d upokt is above the single-transfer limit of %d", req.Amount, req.SingleTransferLimit)}
		}
		if req.DailyCap > 0 && sum+req.Amount > req.DailyCap {
			return transfer.ReserveResult{Decision: transfer.ReserveHeld,
				Reason: fmt.Sprintf("the last 24 h carried %d upokt; %d more would pass the cap of %d", sum, req.Amount, req.DailyCap)}
		}
	}
	s.Window = append(s.Window, transfer.Grant{WorkflowID: req.WorkflowID, Amount: req.Amount, At: now})
	return leaseNonce(s, req, now)
}

// leaseNonce gives a mint its recipient's next nonce, or a place in the
// queue behind the mint that holds it. Other transfers need no nonce.
func leaseNonce(s *transfer.ControlState, req transfer.ReserveRequest, now time.Time) transfer.ReserveResult {
	if req.Recipient == "" {
		return transfer.ReserveResult{Decision: transfer.ReserveGranted}
	}
	r := recipientNonces(s, req.Recipient, now)
	switch {
	case r.Holder == req.WorkflowID:
	case r.Holder == "":
		r.Holder, r.HolderNonce = req.WorkflowID, max(req.ChainNonce+1, r.NextMin)
	default:
		if !containsString(r.Queue, req.WorkflowID) {
			r.Queue = append(r.Queue, req.WorkflowID)
		}
		return transfer.ReserveResult{Decision: transfer.ReserveQueued,
			Reason: fmt.Sprintf("the mint nonce of %s is held by %s; %d mints queued", req.Recipient, r.Holder, len(r.Queue))}
	}
	return transfer.ReserveResult{Decision: transfer.ReserveGranted, Nonce: r.HolderNonce}
}

// takeNonceBack takes a mint's lease back and hands it to the next queued
// mint, whose ID and nonce it returns (ok false when nobody waits).
func takeNonceBack(s *transfer.ControlState, rel transfer.NonceRelease, now time.Time) (next string, nonce uint64, ok bool) {
	r := recipientNonces(s, rel.Recipient, now)
	if r.Holder != rel.WorkflowID {
		return "", 0, false
	}
	if rel.Used {
		r.NextMin = max(r.NextMin, rel.Nonce+1)
	} else {
		// Never minted: the next mint takes the same nonce.
		r.NextMin = max(r.NextMin, rel.Nonce)
	}
	r.Holder, r.HolderNonce, r.IdleSince = "", 0, now
	if len(r.Queue) == 0 {
		return "", 0, false
	}
	r.Holder, r.HolderNonce, r.Queue = r.Queue[0], r.NextMin, r.Queue[1:]
	return r.Holder, r.HolderNonce, true
}

func recipientNonces(s *transfer.ControlState, recipient string, now time.Time) *transfer.RecipientNonces {
	key := strings.ToLower(recipient)
	for i := range s.Nonces {
		if s.Nonces[i].Recipient == key {
			return &s.Nonces[i]
		}
	}
	s.Nonces = append(s.Nonces, transfer.RecipientNonces{Recipient: key, IdleSince: now})
	return &s.Nonces[len(s.Nonces)-1]
}

// prune drops the grants older than the governor's window and the nonce
// records of recipients idle for as long (by then every node's RPC shows
// their last mint).
func prune(s *transfer.ControlState, now time.Time) {
	kept := s.Window[:0]
	for _, g := range s.Window {
		if now.Sub(g.At) < governorWindow {
			kept = append(kept, g)
		}
	}
	s.Window = kept
	nonces := s.Nonces[:0]
	for _, r := range s.Nonces {
		if r.Holder != "" || len(r.Queue) > 0 || now.Sub(r.IdleSince) < nonceIdle {
			nonces = append(nonces, r)
		}
	}
	s.Nonces = nonces
}

// nonceIdle is how long the nonce record of a recipient without a mint in
// flight is kept.
const nonceIdle = time.Hour

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
