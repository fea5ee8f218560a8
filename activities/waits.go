package activities

import (
	"context"
	"errors"
	"sync"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/transfer"
)

// WaitNotifier signals a transfer's workflow: Temporal's client.
type WaitNotifier interface {
	SignalWorkflow(ctx context.Context, workflowID, runID, signalName string, arg any) error
}

const (
	// waitRetell is how many attempts pass before an unchanged wait is
	// told again (a workflow that missed it, a reader who wants it fresh).
	waitRetell = 20
	// maxWaitReason bounds what a wait says.
	maxWaitReason = 400
)

// told remembers the last wait told to each transfer, so that a signer
// retrying every second tells a transfer once per change.
type told struct {
	mu   sync.Mutex
	last map[string]string
}

// changed records reason for workflowID and reports whether it differs
// from the last one told; "" forgets the transfer.
func (t *told) changed(workflowID, reason string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if reason == "" {
		delete(t.last, workflowID)
		return false
	}
	if t.last == nil {
		t.last = map[string]string{}
	}
	if t.last[workflowID] == reason {
		return false
	}
	t.last[workflowID] = reason
	return true
}

// tellWait signals the transfer why this signer cannot sign yet (see
// waitSignal) through Temporal.
func (s *Signer) tellWait(ctx context.Context, req transfer.SignRequest, err error) {
	if s.Waits == nil || len(s.ReadingKey) == 0 || !activity.IsActivity(ctx) {
		return
	}
	info := activity.GetInfo(ctx)
	w, tell := s.waitSignal(req.WorkflowID, info.Attempt, err)
	if !tell {
		return
	}
	if err := s.Waits.SignalWorkflow(ctx, info.WorkflowExecution.ID, info.WorkflowExecution.RunID, transfer.SignalSignerWaiting, w); err != nil && s.Logger != nil {
		s.Logger.Warn("could not tell the transfer why this signer waits", "workflow_id", req.WorkflowID, "error", err)
	}
}

// waitSignal is what a failed attempt tells the transfer, if anything:
// from the second failed attempt on (the first may be a passing lag), when
// the reason changed, and every waitRetell attempts; signed with the
// node's reading key. A refusal or a signature ends the transfer's wait.
func (s *Signer) waitSignal(workflowID string, attempt int32, err error) (transfer.WaitSignal, bool) {
	var appErr *temporal.ApplicationError
	if err == nil || (errors.As(err, &appErr) && appErr.Type() == transfer.SignerRefusedError) {
		s.told.changed(workflowID, "")
		return transfer.WaitSignal{}, false
	}
	reason := err.Error()
	if errors.As(err, &appErr) {
		reason = appErr.Message() // without the error type's suffix
	}
	if len(reason) > maxWaitReason {
		reason = reason[:maxWaitReason] + "…"
	}
	if attempt < 2 || (!s.told.changed(workflowID, reason) && attempt%waitRetell != 0) {
		return transfer.WaitSignal{}, false
	}
	return transfer.WaitSignal{NodeID: s.Rules.NodeID, Reason: reason, Attempt: attempt}.Sign(workflowID, s.ReadingKey), true
}
