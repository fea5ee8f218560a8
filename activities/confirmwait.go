package activities

import (
	"context"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// minConfirmPoll keeps a wait without a poll interval from spinning.
const minConfirmPoll = 10 * time.Millisecond

// readConfirmed reads with read until the reading is no longer pending
// (w.Pending) or w.For is over, and returns the last reading: the workflow
// judges it as it would a single read's. A zero wait reads once. The end of
// the activity's context ends the wait with the last reading.
func readConfirmed(ctx context.Context, w transfer.ConfirmWait, read func() (transfer.Reading, error)) (transfer.Reading, error) {
	poll := max(w.Poll, minConfirmPoll)
	deadline := time.Now().Add(w.For)
	for {
		rd, err := read()
		if err != nil || !w.Pending(rd) || time.Now().Add(poll).After(deadline) {
			return rd, err
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return rd, nil
		case <-t.C:
		}
	}
}
