package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// collectSignatures asks every node's signer queue to verify and co-sign
// the order, and returns as soon as threshold distinct nodes signed (the
// other requests are cancelled). Refusals are recorded; when too many nodes
// refused for the threshold to be reachable the transfer says so and waits
// for an operator's retry-signers signal.
func (r *run) collectSignatures(kind transfer.OrderKind) error {
	ctx, cancel := workflow.WithCancel(r.ctx)
	defer cancel()
	sel := workflow.NewSelector(ctx)
	// Slices, not maps: the order of rescheduling must replay the same.
	var signed []string
	var refused []transfer.Refusal
	// waits are the signers that told why they cannot sign yet.
	var waits signerWaits
	complete := false
	addSigner := func(node string) {
		waits.remove(node)
		if !slices.Contains(signed, node) {
			signed = append(signed, node)
			r.st.Signers = append(r.st.Signers, node)
		}
	}

	schedule := func(node string) {
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:           transfer.SignerQueue(node),
			StartToCloseTimeout: signTimeout,
			RetryPolicy: &temporal.RetryPolicy{
				InitialInterval:        min(time.Second, r.settings.SignerRetryMax),
				BackoffCoefficient:     2,
				MaximumInterval:        r.settings.SignerRetryMax,
				NonRetryableErrorTypes: []string{transfer.SignerRefusedError},
			},
		})
		req := transfer.SignRequest{
			NodeID: node, WorkflowID: r.st.WorkflowID, Kind: kind,
			SourceTxHash: r.st.SourceTxHash, LogPosition: r.st.LogPosition, OrderID: r.st.OrderID,
			Releases: r.releases,
		}
		sel.AddFuture(workflow.ExecuteActivity(actx, transfer.ActivitySign, req), func(f workflow.Future) {
			var res transfer.SignResult
			err := f.Get(ctx, &res)
			switch {
			case err == nil && res.OrderComplete:
				complete = true
				for _, cs := range res.CoSigners {
					if slices.Contains(r.trust.signers, cs) {
						addSigner(cs)
					}
				}
			case err == nil:
				addSigner(node)
			case temporal.IsCanceledError(err):
			default:
				ref := transfer.Refusal{NodeID: node, Reason: rootCause(err)}
				waits.remove(node)
				refused = append(refused, ref)
				r.st.Refusals = append(r.st.Refusals, ref)
				r.logger.Warn("signer refused", "node", node, "reason", ref.Reason)
			}
		})
	}
	for _, node := range r.trust.signers {
		schedule(node)
	}
	retry := workflow.GetSignalChannel(r.ctx, transfer.SignalRetrySigners)
	sel.AddReceive(retry, func(c workflow.ReceiveChannel, _ bool) {
		c.Receive(ctx, nil)
		again := refused
		refused = nil
		for _, ref := range again {
			schedule(ref.NodeID)
		}
		r.note("operator asked the refusing signers to retry")
	})
	sel.AddReceive(workflow.GetSignalChannel(r.ctx, transfer.SignalSignerWaiting), func(c workflow.ReceiveChannel, _ bool) {
		var w transfer.WaitSignal
		c.Receive(ctx, &w)
		switch {
		case !slices.Contains(r.trust.signers, w.NodeID) || !r.trust.Keys.VerifyWait(r.st.WorkflowID, w):
			r.logger.Warn("dropped a signer's wait that is not signed by a node of the signing set", "node", w.NodeID)
		case !slices.Contains(signed, w.NodeID):
			waits.set(w.NodeID, w.Reason)
		}
	})

	total := len(r.trust.signers)
	for len(signed) < r.trust.Threshold && !complete {
		sel.Select(ctx)
		waiting := waits.reason(len(signed), r.trust.Threshold)
		switch {
		case len(refused) > total-r.trust.Threshold:
			r.note(fmt.Sprintf("stuck: %d of %d signed, %d refused (%s); the threshold %d cannot be reached until refusing nodes are fixed and an operator sends %s",
				len(signed), total, len(refused), refusalSummary(refused), r.trust.Threshold, transfer.SignalRetrySigners))
		case waiting != "" && waiting != r.st.Reason:
			r.note(waiting)
		case len(refused) > 0:
			r.project()
		}
	}
	slices.Sort(r.st.Signers)
	r.setStatus(transfer.StatusSigned, fmt.Sprintf("co-signed by %d nodes", len(signed)))
	return nil
}

func refusalSummary(refused []transfer.Refusal) string {
	sorted := slices.Clone(refused)
	slices.SortFunc(sorted, func(a, b transfer.Refusal) int { return strings.Compare(a.NodeID, b.NodeID) })
	parts := make([]string, len(sorted))
	for i, ref := range sorted {
		// A signer's reason starts with its node ID.
		parts[i] = ref.Reason
		if !strings.HasPrefix(ref.Reason, ref.NodeID) {
			parts[i] = ref.NodeID + ": " + ref.Reason
		}
	}
	return strings.Join(parts, "; ")
}

// signerWaits are what signers that retry on their own said of why they
// cannot sign yet, one per node, in node order (a slice, not a map: what
// the workflow writes must replay the same).
type signerWaits []transfer.Refusal

// set records a node's wait, replacing its earlier one.
func (w *signerWaits) set(node, reason string) {
	w.remove(node)
	*w = append(*w, transfer.Refusal{NodeID: node, Reason: reason})
	slices.SortFunc(*w, func(a, b transfer.Refusal) int { return strings.Compare(a.NodeID, b.NodeID) })
}

// remove forgets a node's wait (it signed or refused).
func (w *signerWaits) remove(node string) {
	*w = slices.DeleteFunc(*w, func(r transfer.Refusal) bool { return r.NodeID == node })
}

// reason says why the transfer waits for signatures, one part per
// distinct reason with the nodes that gave it ("" when no signer said).
func (w signerWaits) reason(signed, threshold int) string {
	if len(w) == 0 {
		return ""
	}
	var reasons []string
	nodes := map[string][]string{}
	for _, r := range w {
		// A signer's reason may start with its node ID.
		why := strings.TrimPrefix(r.Reason, r.NodeID+": ")
		if _, ok := nodes[why]; !ok {
			reasons = append(reasons, why)
		}
		nodes[why] = append(nodes[why], r.NodeID)
	}
	slices.Sort(reasons)
	parts := make([]string, len(reasons))
	for i, why := range reasons {
		parts[i] = fmt.Sprintf("%s (%s)", why, strings.Join(nodes[why], ", "))
	}
	return fmt.Sprintf("waiting for co-signatures: %d of %d signed; %d signers not ready: %s", signed, threshold, len(w), strings.Join(parts, "; "))
}
