package eth

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// MintCheck is a verified mint.
type MintCheck struct {
	TxHash      common.Hash
	BlockNumber uint64
	BlockHash   common.Hash
	// LogIndex is the block-wide index of the Minted log.
	LogIndex uint
	// Confirmations is Head - BlockNumber + 1 (1 in the head block).
	Confirmations uint64
	// Head is the head block number seen by the check.
	Head uint64
}

// VerifyMinted checks that the mined, successful, canonical transaction
// txHash emitted Minted(recipient, amount, nonce) from the wPOKT contract.
// It fails with ErrTxNotFound (no receipt), ErrTxFailed (reverted),
// ErrMintNotFound (no such Minted log; the detail names the Minted logs it
// has) or ErrNotCanonical (its block was reorged out).
func (c *Client) VerifyMinted(ctx context.Context, txHash common.Hash, recipient common.Address, amount, nonce *big.Int) (*MintCheck, error) {
	wrap := func(err error) error {
		return fmt.Errorf("verify mint %s of %v to %s nonce %v: %w", txHash, amount, recipient, nonce, err)
	}
	for _, v := range []*big.Int{amount, nonce} {
		if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
			return nil, wrap(fmt.Errorf("%w: amount and nonce must be uint256 values", ErrInvalidArgument))
		}
	}
	rcpt, err := c.receipt(ctx, txHash)
	if err != nil {
		return nil, wrap(err)
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return nil, wrap(fmt.Errorf("%w: status %d in block %d", ErrTxFailed, rcpt.Status, rcpt.BlockNumber))
	}
	want := []common.Hash{
		c.mintedTopic,
		common.BytesToHash(recipient.Bytes()),
		common.BigToHash(amount),
		common.BigToHash(nonce),
	}
	var (
		match  *types.Log
		others []string
	)
	for _, l := range rcpt.Logs {
		if l == nil || l.Address != c.addr || len(l.Topics) == 0 || l.Topics[0] != c.mintedTopic {
			continue
		}
		if len(l.Topics) == 4 && len(l.Data) == 0 && l.Topics[1] == want[1] && l.Topics[2] == want[2] && l.Topics[3] == want[3] {
			match = l
			break
		}
		others = append(others, describeMinted(l))
	}
	if match == nil {
		if len(others) == 0 {
			return nil, wrap(fmt.Errorf("%w: the tx emitted no Minted log of %s", ErrMintNotFound, c.addr))
		}
		return nil, wrap(fmt.Errorf("%w: the tx emitted %v instead", ErrMintNotFound, others))
	}
	number := rcpt.BlockNumber.Uint64()
	canonical, head, confirmations, err := c.position(ctx, number, rcpt.BlockHash)
	if err != nil {
		return nil, wrap(err)
	}
	if !canonical {
		return nil, wrap(fmt.Errorf("%w: block %d %s", ErrNotCanonical, number, rcpt.BlockHash))
	}
	return &MintCheck{
		TxHash:        txHash,
		BlockNumber:   number,
		BlockHash:     rcpt.BlockHash,
		LogIndex:      match.Index,
		Confirmations: confirmations,
		Head:          head,
	}, nil
}

func describeMinted(l *types.Log) string {
	if len(l.Topics) != 4 {
		return fmt.Sprintf("a malformed Minted log (%d topics)", len(l.Topics))
	}
	return fmt.Sprintf("Minted(%s, %s, %s)",
		common.BytesToAddress(l.Topics[1].Bytes()),
		new(big.Int).SetBytes(l.Topics[2].Bytes()),
		new(big.Int).SetBytes(l.Topics[3].Bytes()))
}
