package activities

import (
	"context"
	"fmt"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// capWindow is the rolling window of a signer's daily cap.
const capWindow = 24 * time.Hour

// checkLimits applies this node's own governor where its signature is
// made (DESIGN.md, rule 4): its operator's pause, and, with SignerLimits,
// the single-transfer limit and the rolling 24 h cap counted in its own
// ledger. A released transfer (see released) passes the limits, never
// the pause. The refusal says what would let the transfer through; the
// workflow waits meanwhile.
func (s *Signer) checkLimits(ctx context.Context, req transfer.SignRequest, want transfer.OrderSpec, now time.Time) error {
	r := s.Rules
	if r.Paused {
		return s.refuse(ctx, req, "paused", "this node's operator paused its signer (governor.paused)")
	}
	if !r.SignerLimits {
		return nil
	}
	release := fmt.Sprintf("until %d node operators release %s (wpokt-node release), its hold delay of %s passes, or its operator lists it in governor.released_transfers, and signers are asked to retry",
		r.Release.Threshold, want.ExternalID, r.Release.After)
	if r.SingleTransferLimit > 0 && want.Amount > r.SingleTransferLimit {
		if ok, err := s.released(ctx, req, want); err != nil || ok {
			return err
		}
		return s.refuse(ctx, req, "over_limit", fmt.Sprintf("%d upokt is above this node's single-transfer limit of %d: held %s",
			want.Amount, r.SingleTransferLimit, release))
	}
	if r.DailyCap == 0 {
		return nil
	}
	signed, err := s.Ledger.SignedSince(now.Add(-capWindow))
	if err != nil {
		return s.refuseLedger(ctx, req, err)
	}
	var sum uint64
	for id, amount := range signed {
		if id != want.ExternalID {
			sum += amount
		}
	}
	if sum+want.Amount > r.DailyCap {
		if ok, err := s.released(ctx, req, want); err != nil || ok {
			return err
		}
		return s.refuse(ctx, req, "over_cap", fmt.Sprintf("%d upokt would take what this node signed in the last 24 h from %d to %d, above its cap of %d: held %s, or until the window frees room",
			want.Amount, sum, sum+want.Amount, r.DailyCap, release))
	}
	return nil
}
