package workflows

import (
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/workflow"
)

// awaitConfirmations re-reads the source tx with read until it has the
// required confirmations on the canonical chain. It waits with timers
// sized to the expected block time, not with a busy activity. It returns
// the reading to go on with, or a non-empty failure reason when a
// threshold of nodes agree the tx failed or vanished: this node's RPC alone
// never ends a transfer (it may lie or lag), nor does it alone hold one up.
func (r *run) awaitConfirmations(read readSource) (rd transfer.Reading, failure string, err error) {
	need := r.settings.Confirmations
	for {
		rd, err := read()
		if err != nil {
			return rd, "", err
		}
		sc := rd.Source
		wait := r.settings.PollInterval
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
			}
		}
		if err := workflow.Sleep(r.ctx, wait); err != nil {
			return rd, "", err
		}
	}
}
