package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// Burn carries one BurnAndBridge log back to Pocket: once the burn
// is confirmed on the canonical chain, a Copper withdraw order sends the
// amount minus the Pocket fee from the vault to the Pocket address. Its ID
// is transfer.BurnWorkflowID(tx hash, position of the log in its tx).
func (t Transfers) Burn(ctx workflow.Context, in transfer.BurnInput) (transfer.State, error) {
	r, err := newRun(ctx, transfer.KindBurn, in.Settings, t.trust)
	if err != nil {
		return transfer.State{}, err
	}
	r.st.SourceTxHash, r.st.LogPosition = in.TxHash, in.LogPosition
	return r.end(r.carry(func(wait transfer.ConfirmWait) (transfer.Reading, error) {
		var rd transfer.Reading
		ref := transfer.BurnRef{TxHash: in.TxHash, LogPosition: in.LogPosition, Wait: wait}
		err := r.local(transfer.ActivityReadBurn, ref, &rd)
		return rd, err
	}))
}
