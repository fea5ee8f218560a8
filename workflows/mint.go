package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// Transfers are the transfer workflows, bound to the signing set of the
// worker that runs them.
type Transfers struct {
	trust Trust
}

// Mint carries one Pocket deposit to the vault: minted as wPOKT
// when its memo names a recipient, refunded when the deposit is invalid,
// recorded as invalid or failed otherwise. Its ID is
// transfer.MintWorkflowID(tx hash), so every scanner that sees the deposit
// lands on this one run.
func (t Transfers) Mint(ctx workflow.Context, in transfer.MintInput) (transfer.State, error) {
	r, err := newRun(ctx, transfer.KindMint, in.Settings, t.trust)
	if err != nil {
		return transfer.State{}, err
	}
	r.st.SourceTxHash = in.TxHash
	return r.end(r.carry(func(wait transfer.ConfirmWait) (transfer.Reading, error) {
		var rd transfer.Reading
		err := r.local(transfer.ActivityReadDeposit, transfer.DepositRef{TxHash: in.TxHash, Wait: wait}, &rd)
		return rd, err
	}))
}
