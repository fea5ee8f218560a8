package workflows

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wpokt/bridge/transfer"

	"go.temporal.io/sdk/workflow"
)

// agreed waits until threshold nodes' scanners read the transfer alike and
// returns that reading: the order is built from what 9 nodes agree on, not
// from the read of the one node that runs the workflow (its RPC may lie).
// own is that node's read, logged when it differs.
func (r *run) agreed(own transfer.Reading) (transfer.Reading, error) {
	ctx, cancel := workflow.WithCancel(r.ctx)
	defer cancel() // a refresh timer still armed
	var progress tallyNote
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
	for {
		// The wait below resumes from the reports this tally saw: more may
		// arrive while its note is projected.
		n := len(r.reports)
		if tally() {
			break
		}
		// Say who read what, and update it as more nodes report.
		reason := fmt.Sprintf("waiting for %d nodes to read the transfer alike (%s)", r.trust.Threshold, r.readings())
		if r.quietTally {
			r.noteTally(ctx, &progress, reason)
		} else {
			r.note(reason)
		}
		if err := workflow.Await(ctx, func() bool { return len(r.reports) != n || progress.due() }); err != nil {
			return transfer.Reading{}, err
		}
	}
	if !agreed.Agrees(own) {
		r.logger.Warn("this node's RPC reads the transfer otherwise than the nodes agree on: going with them",
			"own", fmt.Sprintf("%+v", own), "agreed", fmt.Sprintf("%+v", agreed))
	}
	return agreed, nil
}

// tallyProjectEvery is how often at most a transfer waiting for readings
// projects their changing tally. Readings that trickle in (twelve
// scanners working through a burst) would otherwise cost a local activity
// and a database write each; the query shows every change at once.
const tallyProjectEvery = 30 * time.Second

// tallyNote is what a transfer waiting for readings last projected, and
// the timer that projects a later change once tallyProjectEvery passed.
type tallyNote struct {
	projected string
	at        time.Time
	refresh   workflow.Future
}

// due: the refresh timer fired.
func (n *tallyNote) due() bool { return n.refresh != nil && n.refresh.IsReady() }

// noteTally records the readings' tally for the query at once and projects
// it when nothing was projected for tallyProjectEvery; a change before
// then arms one timer that projects it (a transfer left short of readings
// shows its last tally, however long it waits).
func (r *run) noteTally(ctx workflow.Context, n *tallyNote, reason string) {
	if r.searchStale {
		r.upsertSearch()
	}
	if n.due() {
		n.refresh = nil
	}
	r.setReason(reason)
	if reason == n.projected {
		return
	}
	now := workflow.Now(ctx)
	if next := n.at.Add(tallyProjectEvery); n.projected != "" && now.Before(next) {
		if n.refresh == nil {
			n.refresh = workflow.NewTimer(ctx, next.Sub(now))
		}
		return
	}
	r.project()
	n.projected, n.at, n.refresh = reason, now, nil
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
