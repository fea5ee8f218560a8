package workflows

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// governorWindow is the rolling window of the daily cap.
const governorWindow = 24 * time.Hour

// controlContinueAfter bounds the control workflow's history: after this
// many requests it continues as new with its state.
const controlContinueAfter = 2000

// ControlWorkflow holds the global pause and the governor. Transfers ask it
// (update "reserve") before they create an order; operators pause and
// resume it by signal:
//
//	temporal workflow signal --workflow-id wpokt-control --name pause --input '{"By":"alice","Reason":"incident 42"}'
//	temporal workflow signal --workflow-id wpokt-control --name resume
func ControlWorkflow(ctx workflow.Context, s transfer.ControlState) error {
	logger := workflow.GetLogger(ctx)
	if err := workflow.SetQueryHandler(ctx, transfer.QueryState, func() (transfer.ControlState, error) { return s, nil }); err != nil {
		return fmt.Errorf("set query handler: %w", err)
	}
	err := workflow.SetUpdateHandlerWithOptions(ctx, transfer.UpdateReserve,
		func(ctx workflow.Context, req transfer.ReserveRequest) (transfer.ReserveResult, error) {
			s.Handled++
			return reserve(&s, req, workflow.Now(ctx)), nil
		},
		workflow.UpdateHandlerOptions{Validator: func(req transfer.ReserveRequest) error {
			if req.WorkflowID == "" {
				return errors.New("reserve: empty workflow id")
			}
			return nil
		}},
	)
	if err != nil {
		return fmt.Errorf("set update handler: %w", err)
	}
	pause := workflow.GetSignalChannel(ctx, transfer.SignalPause)
	resume := workflow.GetSignalChannel(ctx, transfer.SignalResume)
	drain := func() {
		for {
			var p transfer.PauseSignal
			if pause.ReceiveAsync(&p) {
				s.Paused, s.PausedBy, s.PauseReason, s.PausedAt = true, orUnknown(p.By), p.Reason, workflow.Now(ctx)
				logger.Warn("bridge paused", "by", s.PausedBy, "reason", p.Reason)
				continue
			}
			if resume.ReceiveAsync(nil) {
				if s.Paused {
					logger.Info("bridge resumed", "waiting_transfers", len(s.Waiting))
				}
				s.Paused, s.PausedBy, s.PauseReason = false, "", ""
				for _, id := range s.Waiting {
					// A transfer that ended meanwhile cannot be signalled:
					// nothing to do for it.
					_ = workflow.SignalExternalWorkflow(ctx, id, "", transfer.SignalResumed, nil)
				}
				s.Waiting = nil
				continue
			}
			return
		}
	}
	for {
		err := workflow.Await(ctx, func() bool {
			return pause.Len() > 0 || resume.Len() > 0 || s.Handled >= controlContinueAfter ||
				workflow.GetInfo(ctx).GetContinueAsNewSuggested()
		})
		if err != nil {
			return err
		}
		drain()
		if s.Handled >= controlContinueAfter || workflow.GetInfo(ctx).GetContinueAsNewSuggested() {
			if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
				return err
			}
			drain()
			s.Handled = 0
			return workflow.NewContinueAsNewError(ctx, ControlWorkflow, s)
		}
	}
}

// reserve decides one request: paused first, then the single-transfer
// limit, then the rolling cap. Asking twice for one transfer is answered
// the same way.
func reserve(s *transfer.ControlState, req transfer.ReserveRequest, now time.Time) transfer.ReserveResult {
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
			return transfer.ReserveResult{Decision: transfer.ReserveGranted}
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
	return transfer.ReserveResult{Decision: transfer.ReserveGranted}
}

func prune(s *transfer.ControlState, now time.Time) {
	kept := s.Window[:0]
	for _, g := range s.Window {
		if now.Sub(g.At) < governorWindow {
			kept = append(kept, g)
		}
	}
	s.Window = kept
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
