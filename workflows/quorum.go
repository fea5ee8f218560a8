package workflows

import (
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// A source check on a node's signer queue: a node that is down does not
// hold the workflow up for long, since threshold others answer.
const (
	sourceCheckTimeout = 30 * time.Second
	sourceCheckGiveUp  = 2 * time.Minute
)

// sourceVerdict is what a threshold of nodes' own reads say of a source.
type sourceVerdict struct {
	decided bool
	// failure is non-empty when they agree the source failed or vanished.
	failure string
	// reading is an agreeing node's reading when they agree it is
	// confirmed (it replaces the reading of the node running the workflow).
	reading transfer.Reading
	// summary says who read what, for a waiting transfer's reason.
	summary string
}

// askNodes asks every node of the signing set to read the source on its
// own RPC, and returns as soon as threshold authenticated answers agree
// that it failed, that it vanished, or that it is confirmed.
func (r *run) askNodes(own string) sourceVerdict {
	ctx, cancel := workflow.WithCancel(r.ctx)
	defer cancel()
	sel := workflow.NewSelector(ctx)
	var answers []transfer.SourceAnswer
	pending := 0
	for _, node := range r.trust.signers {
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:              transfer.SignerQueue(node),
			StartToCloseTimeout:    sourceCheckTimeout,
			ScheduleToCloseTimeout: sourceCheckGiveUp,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: time.Second, NonRetryableErrorTypes: []string{transfer.ErrorBadInput}},
		})
		req := transfer.SourceRequest{NodeID: node, WorkflowID: r.st.WorkflowID, Kind: r.st.Kind,
			TxHash: r.st.SourceTxHash, LogPosition: r.st.LogPosition}
		pending++
		sel.AddFuture(workflow.ExecuteActivity(actx, transfer.ActivityCheckSource, req), func(f workflow.Future) {
			pending--
			var a transfer.SourceAnswer
			if err := f.Get(ctx, &a); err != nil {
				r.logger.Info("a node did not answer the source check", "node", node, "error", rootCause(err))
				return
			}
			if a.NodeID != node || !r.trust.Keys.VerifySource(r.st.WorkflowID, a) {
				r.logger.Warn("dropped a source check answer that is not signed by the node asked", "node", node, "named", a.NodeID)
				return
			}
			answers = append(answers, a)
		})
	}
	v := r.verdict(answers)
	for pending > 0 && !v.decided {
		// Say what is awaited, and update it as nodes answer.
		r.note(waitingForNodes(own, v))
		sel.Select(ctx)
		v = r.verdict(answers)
	}
	return v
}

// verdict tallies the answers so far into failed, vanished and confirmed.
func (r *run) verdict(answers []transfer.SourceAnswer) sourceVerdict {
	var failed, vanished, confirmed []transfer.Reading
	for _, a := range answers {
		switch rd := a.Reading; {
		case failedOnChain(rd):
			failed = append(failed, rd)
		case r.vanished(rd.Source):
			vanished = append(vanished, rd)
		case r.confirmed(rd.Source):
			confirmed = append(confirmed, rd)
		}
	}
	other := len(answers) - len(failed) - len(vanished) - len(confirmed)
	v := sourceVerdict{summary: fmt.Sprintf("%d of %d nodes answered: %d read it failed, %d vanished, %d confirmed, %d neither yet",
		len(answers), len(r.trust.signers), len(failed), len(vanished), len(confirmed), other)}
	t := r.trust.Threshold
	switch {
	case len(failed) >= t:
		v.decided, v.failure = true, failureReason(failed[0])
	case len(vanished) >= t:
		v.decided, v.failure = true, fmt.Sprintf("source transaction vanished before confirmation (seen at height %d; %d nodes no longer find it)", r.seenHeight, len(vanished))
	case len(confirmed) >= t:
		v.reading, v.decided = agreedOn(confirmed, t)
	}
	return v
}

// agreedOn is a reading that threshold of readings agree with (the same
// class, recipient and amounts), if there is one.
func agreedOn(readings []transfer.Reading, threshold int) (transfer.Reading, bool) {
	for _, a := range readings {
		n := 0
		for _, b := range readings {
			if a.Agrees(b) {
				n++
			}
		}
		if n >= threshold {
			return a, true
		}
	}
	return transfer.Reading{}, false
}

// failedOnChain: the source failed on chain, or is no transfer at all.
func failedOnChain(rd transfer.Reading) bool {
	return rd.Source.Found && (!rd.Source.Success || rd.Class == transfer.ClassFailed)
}

// vanished: the source is not found though the chain is past where it
// would have confirmed (a node's RPC may just lag the scanner that saw it).
func (r *run) vanished(sc transfer.SourceCheck) bool {
	return !sc.Found && r.seenHeight > 0 && sc.Head >= r.seenHeight+r.settings.Confirmations
}

// confirmed: the source has the required confirmations on the canonical
// chain.
func (r *run) confirmed(sc transfer.SourceCheck) bool {
	return sc.Found && sc.Success && sc.Canonical && sc.Confirmations >= r.settings.Confirmations
}

func failureReason(rd transfer.Reading) string {
	if strings.TrimSpace(rd.Reason) == "" {
		return "source transaction failed on chain"
	}
	return rd.Reason
}

// waitingForNodes is a waiting transfer's reason while the nodes are asked.
func waitingForNodes(own string, v sourceVerdict) string {
	return "this node's RPC says: " + own + "; waiting for a threshold of nodes to agree (" + v.summary + ")"
}

// ownFailure is what this node's own read says is final: the source failed
// (or is no transfer) or vanished; empty when it says neither.
func (r *run) ownFailure(rd transfer.Reading) string {
	switch {
	case failedOnChain(rd):
		return failureReason(rd)
	case r.vanished(rd.Source):
		return fmt.Sprintf("source transaction vanished before confirmation (seen at height %d, head %d)", r.seenHeight, rd.Source.Head)
	}
	return ""
}
