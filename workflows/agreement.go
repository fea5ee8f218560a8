package workflows

import (
	"fmt"
	"slices"
	"strings"

	"github.com/wpokt/bridge/transfer"

	"go.temporal.io/sdk/workflow"
)

// agreed waits until threshold nodes' scanners read the transfer alike and
// returns that reading: the order is built from what 9 nodes agree on, not
// from the read of the one node that runs the workflow (its RPC may lie).
// own is that node's read, logged when it differs.
func (r *run) agreed(own transfer.Reading) (transfer.Reading, error) {
	var agreed transfer.Reading
	tally := func() bool {
		readings := make([]transfer.Reading, len(r.reports))
		for i, rep := range r.reports {
			readings[i] = rep.report
		}
		var ok bool
		agreed, ok = agreedOn(readings, r.trust.Threshold)
		return ok
	}
	for !tally() {
		// Say who read what, and update it as more nodes report.
		r.note(fmt.Sprintf("waiting for %d nodes to read the transfer alike (%s)", r.trust.Threshold, r.readings()))
		n := len(r.reports)
		if err := workflow.Await(r.ctx, func() bool { return len(r.reports) != n }); err != nil {
			return transfer.Reading{}, err
		}
	}
	if !agreed.Agrees(own) {
		r.logger.Warn("this node's RPC reads the transfer otherwise than the nodes agree on: going with them",
			"own", fmt.Sprintf("%+v", own), "agreed", fmt.Sprintf("%+v", agreed))
	}
	return agreed, nil
}

// readings summarises the reports so far, for a waiting transfer's reason.
func (r *run) readings() string {
	var parts []string
	counted := make([]bool, len(r.reports))
	for i, a := range r.reports {
		if counted[i] {
			continue
		}
		n := 0
		for j, b := range r.reports {
			if a.report.Agrees(b.report) {
				counted[j] = true
				n++
			}
		}
		parts = append(parts, fmt.Sprintf("%d read %s %d upokt to %s", n, a.report.Class, a.report.PayAmount, a.report.Recipient))
	}
	if len(parts) == 0 {
		return "no node has reported yet"
	}
	return strings.Join(parts, "; ")
}

// agreedNonce is the recipient's last mint nonce that a threshold of the
// readings agreeing with rd vouch for: the threshold-th highest of their
// nonces, so that fewer than a threshold of nodes can move it neither up
// (every later mint to the address would wait) nor below what the honest
// ones read (the order would be refused). ok is false when fewer than a
// threshold of agreeing readings carry one.
func (r *run) agreedNonce(rd transfer.Reading) (nonce uint64, ok bool) {
	var nonces []uint64
	for _, rep := range r.reports {
		if rep.report.Agrees(rd) {
			nonces = append(nonces, rep.report.RecipientNonce)
		}
	}
	if len(nonces) < r.trust.Threshold {
		return 0, false
	}
	slices.Sort(nonces)
	slices.Reverse(nonces)
	return nonces[r.trust.Threshold-1], true
}
