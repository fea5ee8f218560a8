package eth

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Mint is one Minted(recipient, amount, nonce) log of the wPOKT contract.
type Mint struct {
	TxHash      common.Hash
	BlockNumber uint64
	Recipient   common.Address
	Amount      *big.Int
	Nonce       *big.Int
}

// Mints returns the wPOKT contract's Minted logs in blocks [from, to], in
// chain order, asking at most LogRange blocks per eth_getLogs call: what an
// operator's ledger rebuild holds Copper's mint orders against.
func (c *Client) Mints(ctx context.Context, from, to uint64) ([]Mint, error) {
	if from > to {
		return nil, fmt.Errorf("filter minted logs %d-%d: %w: from is after to", from, to, ErrInvalidArgument)
	}
	var mints []Mint
	err := c.inChunks(from, to, func(start, end uint64) error {
		q := ethereum.FilterQuery{Addresses: []common.Address{c.addr}, Topics: [][]common.Hash{{c.mintedTopic}},
			FromBlock: new(big.Int).SetUint64(start), ToBlock: new(big.Int).SetUint64(end)}
		logs, err := call(ctx, c, func(ctx context.Context) ([]types.Log, error) { return c.ec.FilterLogs(ctx, q) })
		if err != nil {
			return fmt.Errorf("filter minted logs %d-%d: %w", start, end, err)
		}
		for _, l := range logs {
			m, err := c.parseMintedLog(l, start, end)
			if err != nil {
				return fmt.Errorf("filter minted logs %d-%d: %w", start, end, err)
			}
			mints = append(mints, m)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return mints, nil
}

// parseMintedLog checks that l is a Minted log of the wPOKT contract in
// [from, to] and decodes it; all three fields are indexed.
func (c *Client) parseMintedLog(l types.Log, from, to uint64) (Mint, error) {
	switch {
	case l.BlockNumber < from || l.BlockNumber > to:
		return Mint{}, fmt.Errorf("%w: log in block %d, outside the range asked", ErrBadResponse, l.BlockNumber)
	case l.Removed:
		return Mint{}, fmt.Errorf("%w: removed log %s/%d in a log query", ErrBadResponse, l.TxHash, l.Index)
	case l.Address != c.addr || len(l.Topics) != 4 || l.Topics[0] != c.mintedTopic || len(l.Data) != 0:
		return Mint{}, fmt.Errorf("%w: log %s/%d is not a Minted log of the wpokt contract", ErrBadResponse, l.TxHash, l.Index)
	}
	to20, ok := topicAddress(l.Topics[1])
	if !ok {
		return Mint{}, fmt.Errorf("%w: minted log %s/%d has a malformed address topic", ErrBadResponse, l.TxHash, l.Index)
	}
	return Mint{TxHash: l.TxHash, BlockNumber: l.BlockNumber, Recipient: to20,
		Amount: new(big.Int).SetBytes(l.Topics[2].Bytes()), Nonce: new(big.Int).SetBytes(l.Topics[3].Bytes())}, nil
}
