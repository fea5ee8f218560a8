package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// MintWorkflow carries one Pocket deposit to the vault: minted as wPOKT
// when its memo names a recipient, refunded when the deposit is invalid,
// recorded as invalid or failed otherwise. Its ID is
// transfer.MintWorkflowID(tx hash), so every scanner that sees the deposit
// lands on this one run.
func MintWorkflow(ctx workflow.Context, in transfer.MintInput) (transfer.State, error) {
	r, err := newRun(ctx, transfer.KindMint, in.Settings)
	if err != nil {
		return transfer.State{}, err
	}
	r.st.SourceTxHash = in.TxHash
	return r.end(r.carry(func() (transfer.Reading, error) {
		var rd transfer.Reading
		err := r.local(transfer.ActivityReadDeposit, transfer.DepositRef{TxHash: in.TxHash}, &rd)
		return rd, err
	}))
}
