package workflows

import (
	"fmt"
	"time"

	"github.com/wpokt/bridge/transfer"
	"go.temporal.io/sdk/workflow"
)

// awaitConfirmations re-reads the source tx with read until it has the
// required confirmations on the canonical chain. It waits with timers
// sized to the expected block time, not with a busy activity. It returns a
// non-empty failure reason when the tx failed or vanished.
func (r *run) awaitConfirmations(read func() (transfer.SourceCheck, error)) (failure string, err error) {
	need := r.settings.Confirmations
	for {
		sc, err := read()
		if err != nil {
			return "", err
		}
		switch {
		case sc.Found && !sc.Success:
			return "source transaction failed on chain", nil
		case !sc.Found:
			// A node's RPC may lag the scanner that saw the tx: call it gone
			// only once the chain is past where it would have confirmed.
			if r.seenHeight > 0 && sc.Head >= r.seenHeight+need {
				return fmt.Sprintf("source transaction vanished before confirmation (seen at height %d, head %d)", r.seenHeight, sc.Head), nil
			}
			r.note("source transaction not found on this node's RPC yet")
		case sc.Canonical && sc.Confirmations >= need:
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
			return "", nil
		default:
			r.st.Confirmations = sc.Confirmations
			r.st.SourceHeight = sc.Height
		}
		wait := r.settings.PollInterval
		if sc.Found && sc.Canonical && sc.Confirmations < need {
			// Sleep until the block that confirms it is due.
			wait = max(wait, time.Duration(need-sc.Confirmations)*r.settings.BlockTime)
		}
		if err := workflow.Sleep(r.ctx, wait); err != nil {
			return "", err
		}
	}
}
