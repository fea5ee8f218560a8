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
	need := r.settings.Confirmations
	var failed, vanished, confirmed, other []transfer.SourceAnswer
	for _, a := range answers {
		sc := a.Reading.Source
		switch {
		case sc.Found && (!sc.Success || a.Reading.Class == transfer.ClassFailed):
			failed = append(failed, a)
		case !sc.Found && r.seenHeight > 0 && sc.Head >= r.seenHeight+need:
			vanished = append(vanished, a)
		case sc.Found && sc.Success && sc.Canonical && sc.Confirmations >= need:
			confirmed = append(confirmed, a)
		default:
			other = append(other, a)
		}
	}
	v := sourceVerdict{summary: fmt.Sprintf("%d of %d nodes answered: %d read it failed, %d vanished, %d confirmed, %d neither yet",
		len(answers), len(r.trust.signers), len(failed), len(vanished), len(confirmed), len(other))}
	t := r.trust.Threshold
	switch {
	case len(failed) >= t:
		v.decided, v.failure = true, orDefault(failed[0].Reading.Reason, "source transaction failed on chain")
	case len(vanished) >= t:
		v.decided, v.failure = true, fmt.Sprintf("source transaction vanished before confirmation (seen at height %d; %d nodes no longer find it)", r.seenHeight, len(vanished))
	case len(confirmed) >= t:
		v.decided, v.reading = true, agreeingReading(confirmed, t)
		v.decided = v.reading.Class != ""
	}
	return v
}

// agreeingReading is a reading threshold confirmed answers agree on (the
// same class, recipient and amounts), or none.
func agreeingReading(answers []transfer.SourceAnswer, threshold int) transfer.Reading {
	for _, a := range answers {
		n := 0
		for _, b := range answers {
			if a.Reading.Agrees(b.Reading) {
				n++
			}
		}
		if n >= threshold {
			return a.Reading
		}
	}
	return transfer.Reading{}
}

// waitingForNodes is a waiting transfer's reason while the nodes are asked.
func waitingForNodes(own string, v sourceVerdict) string {
	return "this node's RPC says: " + own + "; waiting for a threshold of nodes to agree (" + v.summary + ")"
}

// ownFailure is what this node's own read says is final: the source failed
// (or is no transfer) or vanished; empty when it says neither.
func (r *run) ownFailure(rd transfer.Reading) string {
	sc := rd.Source
	switch {
	case sc.Found && (!sc.Success || rd.Class == transfer.ClassFailed):
		return orDefault(rd.Reason, "source transaction failed on chain")
	case !sc.Found && r.seenHeight > 0 && sc.Head >= r.seenHeight+r.settings.Confirmations:
		return fmt.Sprintf("source transaction vanished before confirmation (seen at height %d, head %d)", r.seenHeight, sc.Head)
	}
	return ""
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
