package ethnet

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// MintOutsideBridge is a compromised admin key at work: the admin grants
// itself the minter role and mints amount to `to` (with to's next nonce),
// with no deposit behind it. It returns once both txs are mined.
func (c *Chain) MintOutsideBridge(ctx context.Context, to common.Address, amount uint64) error {
	minter := crypto.Keccak256Hash([]byte("MINTER_ROLE"))
	grant, err := c.Send(ctx, c.Admin, c.WPOKT, c.token.PackGrantRole(minter, c.Admin.Address), 0)
	if err != nil {
		return fmt.Errorf("ethnet: grant the admin the minter role: %w", err)
	}
	if err := c.mined(ctx, grant, "grant the admin the minter role"); err != nil {
		return err
	}
	last, err := c.UserNonce(ctx, to)
	if err != nil {
		return err
	}
	data := c.token.PackMint(to, new(big.Int).SetUint64(amount), new(big.Int).SetUint64(last+1))
	// A mint needs more gas than a burn: a first mint to an address ran
	// out at 200,000.
	mint, err := c.sendWithGas(ctx, c.Admin, c.WPOKT, data, 0, 3*sendGas)
	if err != nil {
		return fmt.Errorf("ethnet: mint outside the bridge: %w", err)
	}
	return c.mined(ctx, mint, "mint outside the bridge")
}

// mined waits for tx's receipt and wants it successful.
func (c *Chain) mined(ctx context.Context, tx *types.Transaction, what string) error {
	r, err := c.Receipt(ctx, tx.Hash())
	if err != nil {
		return fmt.Errorf("ethnet: %s: %w", what, err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("ethnet: %s: tx %s reverted", what, tx.Hash().Hex())
	}
	return nil
}
