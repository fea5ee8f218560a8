package workflows

import (
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/workflow"
)

// versionFoldedSteps is the change (2026-12-04) that folds steps into
// fewer workflow tasks and actions: the last stretch before a confirming
// block is waited in the read (transfer.ConfirmWait) instead of on a
// timer, the confirmed status rides on the order's (quietStatus), and a
// mint writes its end in the task that gives its nonce back (pay).
// Histories from before it keep their timers, upserts and tasks. Its
// version 2 (the same day) projects the tally of the nodes' readings at
// most every tallyProjectEvery instead of at each one (agreed).
const versionFoldedSteps = "folded-steps"

// readWaitMax is the longest one read waits on its node for the confirming
// block; a longer wait sleeps on a timer first, whose lateness then does
// not matter.
const readWaitMax = 2 * time.Second

// awaitConfirmations re-reads the source tx with read until it has the
// required confirmations on the canonical chain. It waits with timers
// sized to the expected block time, not with a busy activity; the last
// stretch before the confirming block it waits in the read itself. It
// returns the reading to go on with, or a non-empty failure reason when a
// threshold of nodes agree the tx failed or vanished: this node's RPC alone
// never ends a transfer (it may lie or lag), nor does it alone hold one up.
func (r *run) awaitConfirmations(read readSource) (rd transfer.Reading, failure string, err error) {
	need := r.settings.Confirmations
	v := workflow.GetVersion(r.ctx, versionFoldedSteps, workflow.DefaultVersion, 2)
	r.folded, r.quietTally = v >= 1, v >= 2
	var inRead transfer.ConfirmWait
	if r.folded {
		inRead = transfer.ConfirmWait{Confirmations: need, For: readWaitMax, Poll: r.settings.PollInterval}
	}
	for {
		rd, err := read(inRead)
		if err != nil {
			return rd, "", err
		}
		sc := rd.Source
		wait := r.settings.PollInterval
		waitsInRead := false
		switch own := r.ownFailure(rd); {
		case own != "":
			v := r.askNodes(own)
			if v.decided && v.failure != "" {
				return rd, v.failure, nil
			}
			if v.decided {
				r.logger.Warn("this node's RPC reads the source otherwise than a threshold of nodes: going with them", "own", own, "nodes", v.summary)
				r.st.Confirmations, r.st.SourceHeight = v.reading.Source.Confirmations, v.reading.Source.Height
				return v.reading, "", nil
			}
			r.note(waitingForNodes(own, v))
			wait = max(wait, retryPause)
		case !sc.Found:
			// A node's RPC may lag the scanner that saw the tx.
			r.note("source transaction not found on this node's RPC yet")
			waitsInRead = true
		case r.confirmed(sc):
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
			return rd, "", nil
		default:
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
			if sc.Canonical {
				// Sleep until the block that confirms it is due.
				wait = max(wait, time.Duration(need-sc.Confirmations)*r.settings.BlockTime)
				waitsInRead = true
			}
		}
		if r.folded && waitsInRead {
			// The next read waits up to readWaitMax on the node; only
			// what is due later than that is slept on a timer.
			wait -= readWaitMax
		}
		if wait <= 0 {
			continue
		}
		if err := workflow.Sleep(r.ctx, wait); err != nil {
			return rd, "", err
		}
	}
}
