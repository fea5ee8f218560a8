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

// rereads is one source read again and again while a wait for its
// confirmations lasts. Once the source is found, only the head is read
// until it confirms the source, and then the source once more: the source
// is the node's costliest reply (a Pocket tx with its events, an Ethereum
// receipt and its block's place), and a reading that confirms still comes
// from a read of the source made then (a reorg meanwhile shows there).
type rereads[S any] struct {
	// source reads the source and the head; found is what head needs
	// later, nil while the source is not found (or failed, or is off the
	// canonical chain).
	source func(ctx context.Context) (rd transfer.Reading, found *S, err error)
	// head reads only the head for found; confirmed: the head confirms it.
	head  func(ctx context.Context, found *S) (rd transfer.Reading, confirmed bool, err error)
	found *S
}

func (r *rereads[S]) read(ctx context.Context) (transfer.Reading, error) {
	if r.found != nil {
		rd, confirmed, err := r.head(ctx, r.found)
		if err != nil || !confirmed {
			return rd, err
		}
	}
	rd, found, err := r.source(ctx)
	r.found = found
	return rd, err
}
