package coppersim

import (
	"context"
	"errors"
	"fmt"

	"github.com/wpokt/bridge/devnet/shannonnet"
)

// ShannonExecutor is a PoktExecutor for a Pocket Shannon chain: it pays a
// withdraw as a real bank send signed with the vault's secp256k1 key (the
// vault account's number and sequence read by abci_query), the vault paying
// FeeUpokt on top, broadcast with broadcast_tx_sync; with WaitIncluded it
// returns once the tx is in a block and succeeded.
type ShannonExecutor struct {
	Client       *shannonnet.Client
	Vault        *shannonnet.Key
	FeeUpokt     uint64 // default 10000
	WaitIncluded bool
}

var _ PoktExecutor = (*ShannonExecutor)(nil)

// Send implements PoktExecutor.
func (e *ShannonExecutor) Send(ctx context.Context, to string, amountUpokt uint64, memo string) (string, error) {
	if e.Client == nil || e.Vault == nil {
		return "", errors.New("shannon executor: Client and Vault are required")
	}
	fee := e.FeeUpokt
	if fee == 0 {
		fee = 10_000
	}
	hash, err := e.Client.Send(ctx, shannonnet.SendParams{From: e.Vault, To: to, Amount: amountUpokt, Fee: fee, Memo: memo})
	if err != nil {
		return "", fmt.Errorf("shannon executor: pay %d upokt to %s: %w", amountUpokt, to, err)
	}
	if !e.WaitIncluded {
		return hash, nil
	}
	res, err := e.Client.WaitTx(ctx, hash)
	if err != nil {
		return hash, fmt.Errorf("shannon executor: %w", err)
	}
	if res.TxResult.Code != 0 {
		return hash, fmt.Errorf("shannon executor: tx %s failed (code %d, %s): %s", hash, res.TxResult.Code, res.TxResult.Codespace, res.TxResult.Log)
	}
	return hash, nil
}
