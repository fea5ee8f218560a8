package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// awaitRelease holds the transfer until a threshold of node operators
// released it, each on their own node (a release signed with that node's
// reading key), or until the configured delay has passed. One operator's
// word, or a release anyone in the namespace could send, moves nothing.
func (r *run) awaitRelease(why string) error {
	release := workflow.GetSignalChannel(r.ctx, transfer.SignalRelease)
	deadline := workflow.Now(r.ctx).Add(r.trust.ReleaseAfter)
	timer := workflow.NewTimer(r.ctx, r.trust.ReleaseAfter)
	released := func() []string { return r.trust.Keys.ReleasedBy(r.st.WorkflowID, r.releases) }
	r.setStatus(transfer.StatusHeld, r.holdReason(why, released(), deadline))
	for len(released()) < r.trust.Threshold {
		expired := false
		sel := workflow.NewSelector(r.ctx)
		sel.AddReceive(release, func(c workflow.ReceiveChannel, _ bool) {
			var rel transfer.ReleaseSignal
			c.Receive(r.ctx, &rel)
			if !r.trust.Keys.VerifyRelease(r.st.WorkflowID, rel) {
				r.logger.Warn("dropped a release that is not signed by a node of the signing set", "node", rel.NodeID)
				return
			}
			if !slices.Contains(released(), rel.NodeID) {
				r.releases = append(r.releases, rel)
				r.logger.Info("transfer released by a node", "node", rel.NodeID, "by", rel.By, "reason", rel.Reason)
			}
		})
		sel.AddFuture(timer, func(workflow.Future) { expired = true })
		sel.Select(r.ctx)
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if expired {
			r.note(fmt.Sprintf("released after the %s hold (%s)", r.trust.ReleaseAfter, r.releasedBy(released())))
			return nil
		}
		r.note(r.holdReason(why, released(), deadline))
	}
	r.note("released by " + r.releasedBy(released()))
	return nil
}

func (r *run) holdReason(why string, by []string, deadline time.Time) string {
	return fmt.Sprintf("held: %s; released by %s of the %d nodes needed (each operator runs wpokt-node release on their own node), or at %s",
		why, r.releasedBy(by), r.trust.Threshold, deadline.UTC().Format(time.RFC3339))
}

func (r *run) releasedBy(by []string) string {
	if len(by) == 0 {
		return "no node"
	}
	sorted := slices.Clone(by)
	slices.Sort(sorted)
	return fmt.Sprintf("%d (%s)", len(sorted), strings.Join(sorted, ", "))
}

// awaitOperator holds a transfer that no rule can settle (a tx to the vault
// that no node could read: funds may have moved) until an operator settles
// it by hand and ends the workflow (temporal workflow terminate --reason).
// No order is made for it, and no release moves it.
func (r *run) awaitOperator(why string) error {
	r.setStatus(transfer.StatusHeld, "held for an operator: "+why+"; settle it by hand, then terminate this workflow with the reason")
	return workflow.Await(r.ctx, func() bool { return false })
}
