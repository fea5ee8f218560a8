package eth

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/event"
	"github.com/ethereum/go-ethereum/rpc"
)

// Burn is one BurnAndBridge log of the wPOKT contract.
type Burn struct {
	TxHash common.Hash
	// LogPosition is the position of this log among the wPOKT contract's
	// BurnAndBridge logs of its own transaction (0 for the usual single burn).
	// Unlike LogIndex (block-wide) it stays the same when a reorg re-mines the
	// transaction in another block: (TxHash, LogPosition) names a burn.
	LogPosition int
	BlockNumber uint64
	BlockHash   common.Hash
	LogIndex    uint
	Amount      *big.Int
	// PoktAddress is the 20-byte Pocket address to pay.
	PoktAddress common.Address
	From        common.Address
	// Removed is set on logs that a subscription reports as reorged out.
	Removed bool
}

// BurnCheck is a burn re-read from its transaction's receipt.
type BurnCheck struct {
	// Burn is the log re-read from the receipt. When Success is false the
	// transaction has no logs and only TxHash, LogPosition, BlockNumber and
	// BlockHash are set.
	Burn Burn
	// Success is the receipt's status.
	Success bool
	// Canonical: the receipt's block is the canonical block at its height.
	Canonical bool
	// Confirmations is Head - BlockNumber + 1 (1 in the head block), 0 when
	// not canonical.
	Confirmations uint64
	// Head is the head block number seen by the check.
	Head uint64
}

// Confirmed reports whether the burn succeeded, is canonical and has at least
// min confirmations: the one test for acting on it.
func (b *BurnCheck) Confirmed(min uint64) bool {
	return b != nil && b.Success && b.Canonical && b.Confirmations >= min && b.Burn.Amount != nil
}

func (c *Client) burnQuery() ethereum.FilterQuery {
	return ethereum.FilterQuery{
		Addresses: []common.Address{c.addr},
		Topics:    [][]common.Hash{{c.burnTopic}},
	}
}

// Burns returns the wPOKT contract's BurnAndBridge logs in blocks [from, to],
// in chain order, asking at most LogRange blocks per eth_getLogs call.
func (c *Client) Burns(ctx context.Context, from, to uint64) ([]Burn, error) {
	if from > to {
		return nil, fmt.Errorf("filter burn logs %d-%d: %w: from is after to", from, to, ErrInvalidArgument)
	}
	var burns []Burn
	err := c.inChunks(from, to, func(start, end uint64) error {
		q := c.burnQuery()
		q.FromBlock = new(big.Int).SetUint64(start)
		q.ToBlock = new(big.Int).SetUint64(end)
		logs, err := call(ctx, c, func(ctx context.Context) ([]types.Log, error) {
			return c.ec.FilterLogs(ctx, q)
		})
		if err != nil {
			return fmt.Errorf("filter burn logs %d-%d: %w", start, end, err)
		}
		chunk, err := c.burnsFromLogs(logs, start, end)
		if err != nil {
			return fmt.Errorf("filter burn logs %d-%d: %w", start, end, err)
		}
		burns = append(burns, chunk...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return burns, nil
}

// inChunks calls f on [from, to] in ranges of at most LogRange blocks, in
// order, until f fails.
func (c *Client) inChunks(from, to uint64, f func(start, end uint64) error) error {
	for start := from; ; {
		end := to
		if to-start >= c.logRange {
			end = start + c.logRange - 1
		}
		if err := f(start, end); err != nil {
			return err
		}
		if end == to {
			return nil
		}
		start = end + 1
	}
}

// burnsFromLogs checks the logs of one eth_getLogs answer for blocks
// [from, to] and numbers each burn within its transaction. A transaction's
// logs are all in one block, so one answer holds all of them.
func (c *Client) burnsFromLogs(logs []types.Log, from, to uint64) ([]Burn, error) {
	sort.SliceStable(logs, func(i, j int) bool {
		if logs[i].BlockNumber != logs[j].BlockNumber {
			return logs[i].BlockNumber < logs[j].BlockNumber
		}
		return logs[i].Index < logs[j].Index
	})
	type txKey struct{ tx, block common.Hash }
	positions := make(map[txKey]int)
	burns := make([]Burn, 0, len(logs))
	for i, l := range logs {
		if l.BlockNumber < from || l.BlockNumber > to {
			return nil, fmt.Errorf("%w: log in block %d, outside the range asked", ErrBadResponse, l.BlockNumber)
		}
		if l.Removed {
			return nil, fmt.Errorf("%w: removed log %s/%d in a log query", ErrBadResponse, l.TxHash, l.Index)
		}
		if i > 0 && logs[i-1].BlockNumber == l.BlockNumber && logs[i-1].Index == l.Index {
			return nil, fmt.Errorf("%w: log %d of block %d twice", ErrBadResponse, l.Index, l.BlockNumber)
		}
		key := txKey{l.TxHash, l.BlockHash}
		b, err := c.parseBurnLog(l, positions[key])
		if err != nil {
			return nil, err
		}
		positions[key]++
		burns = append(burns, b)
	}
	return burns, nil
}

// parseBurnLog checks that l is a BurnAndBridge log of the wPOKT contract and
// decodes it. All three fields are indexed: the data must be empty.
func (c *Client) parseBurnLog(l types.Log, position int) (Burn, error) {
	switch {
	case l.Address != c.addr:
		return Burn{}, fmt.Errorf("%w: burn log %s/%d from %s, not the wpokt contract", ErrBadResponse, l.TxHash, l.Index, l.Address)
	case len(l.Topics) != 4 || l.Topics[0] != c.burnTopic:
		return Burn{}, fmt.Errorf("%w: log %s/%d is not a BurnAndBridge log", ErrBadResponse, l.TxHash, l.Index)
	case len(l.Data) != 0:
		return Burn{}, fmt.Errorf("%w: burn log %s/%d has %d bytes of data, want none", ErrBadResponse, l.TxHash, l.Index, len(l.Data))
	}
	pokt, ok1 := topicAddress(l.Topics[2])
	from, ok2 := topicAddress(l.Topics[3])
	if !ok1 || !ok2 {
		return Burn{}, fmt.Errorf("%w: burn log %s/%d has a malformed address topic", ErrBadResponse, l.TxHash, l.Index)
	}
	return Burn{
		TxHash:      l.TxHash,
		LogPosition: position,
		BlockNumber: l.BlockNumber,
		BlockHash:   l.BlockHash,
		LogIndex:    l.Index,
		Amount:      new(big.Int).SetBytes(l.Topics[1].Bytes()),
		PoktAddress: pokt,
		From:        from,
		Removed:     l.Removed,
	}, nil
}

// topicAddress decodes an indexed address: 12 zero bytes, then 20.
func topicAddress(t common.Hash) (common.Address, bool) {
	for _, b := range t[:12] {
		if b != 0 {
			return common.Address{}, false
		}
	}
	return common.BytesToAddress(t[12:]), true
}

// SubscribeBurns pushes the wPOKT contract's new BurnAndBridge logs to ch,
// and again with Removed set when a reorg drops them. It needs a ws(s) RPC
// and fails with ErrSubscriptionUnsupported on http(s). ctx bounds only the
// setup; end the subscription with Unsubscribe, and watch Err: it reports a
// lost connection or a malformed log (then fall back to Burns).
//
// LogPosition is counted in delivery order within each (transaction, block,
// removed) run of logs; CheckBurn re-derives it from the receipt.
func (c *Client) SubscribeBurns(ctx context.Context, ch chan<- Burn) (ethereum.Subscription, error) {
	logs := make(chan types.Log, 128)
	sub, err := call(ctx, c, func(ctx context.Context) (ethereum.Subscription, error) {
		return c.ec.SubscribeFilterLogs(ctx, c.burnQuery(), logs)
	})
	if err != nil {
		if errors.Is(err, rpc.ErrNotificationsUnsupported) {
			return nil, fmt.Errorf("subscribe burn logs: %w", ErrSubscriptionUnsupported)
		}
		return nil, fmt.Errorf("subscribe burn logs: %w", err)
	}
	return event.NewSubscription(func(quit <-chan struct{}) error {
		defer sub.Unsubscribe()
		var (
			last    types.Log
			lastPos = -1
		)
		for {
			select {
			case l := <-logs:
				pos := 0
				if lastPos >= 0 && l.TxHash == last.TxHash && l.BlockHash == last.BlockHash && l.Removed == last.Removed {
					pos = lastPos + 1
				}
				b, err := c.parseBurnLog(l, pos)
				if err != nil {
					return fmt.Errorf("subscribe burn logs: %w", err)
				}
				last, lastPos = l, pos
				select {
				case ch <- b:
				case err := <-sub.Err():
					return subscriptionErr(err)
				case <-quit:
					return nil
				}
			case err := <-sub.Err():
				return subscriptionErr(err)
			case <-quit:
				return nil
			}
		}
	}), nil
}

func subscriptionErr(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("subscribe burn logs: %w", err)
}

// CheckBurn re-reads the burn (txHash, logPosition) from the transaction's
// receipt and checks it against the canonical chain. It fails with
// ErrTxNotFound when the node has no receipt (unknown, pending or reorged
// out) and with ErrLogNotFound when the successful transaction has no such
// burn. A reverted transaction is reported with Success false. Act on a burn
// only if the result's Confirmed(min) holds.
func (c *Client) CheckBurn(ctx context.Context, txHash common.Hash, logPosition int) (*BurnCheck, error) {
	if logPosition < 0 {
		return nil, fmt.Errorf("check burn %s/%d: %w: negative log position", txHash, logPosition, ErrInvalidArgument)
	}
	rcpt, err := c.receipt(ctx, txHash)
	if err != nil {
		return nil, fmt.Errorf("check burn %s/%d: %w", txHash, logPosition, err)
	}
	number := rcpt.BlockNumber.Uint64()
	check := &BurnCheck{
		Burn: Burn{
			TxHash:      txHash,
			LogPosition: logPosition,
			BlockNumber: number,
			BlockHash:   rcpt.BlockHash,
		},
		Success: rcpt.Status == types.ReceiptStatusSuccessful,
	}
	if check.Success {
		found := false
		pos := 0
		for _, l := range rcpt.Logs {
			if l == nil || l.Address != c.addr || len(l.Topics) == 0 || l.Topics[0] != c.burnTopic {
				continue
			}
			if pos == logPosition {
				if l.TxHash != txHash || l.BlockHash != rcpt.BlockHash || l.BlockNumber != number {
					return nil, fmt.Errorf("check burn %s/%d: %w: receipt log of another tx or block", txHash, logPosition, ErrBadResponse)
				}
				if check.Burn, err = c.parseBurnLog(*l, logPosition); err != nil {
					return nil, fmt.Errorf("check burn %s/%d: %w", txHash, logPosition, err)
				}
				found = true
				break
			}
			pos++
		}
		if !found {
			return nil, fmt.Errorf("check burn %s/%d: %w: the tx has %d burn logs", txHash, logPosition, ErrLogNotFound, pos)
		}
	}
	check.Canonical, check.Head, check.Confirmations, err = c.position(ctx, number, rcpt.BlockHash)
	if err != nil {
		return nil, fmt.Errorf("check burn %s/%d: %w", txHash, logPosition, err)
	}
	return check, nil
}

// receipt fetches a mined transaction's receipt and checks that it is one.
func (c *Client) receipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error) {
	rcpt, err := call(ctx, c, func(ctx context.Context) (*types.Receipt, error) {
		return c.ec.TransactionReceipt(ctx, txHash)
	})
	if errors.Is(err, ethereum.NotFound) {
		return nil, fmt.Errorf("get receipt: %w", ErrTxNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get receipt: %w", err)
	}
	if rcpt.TxHash != txHash || rcpt.BlockNumber == nil || !rcpt.BlockNumber.IsUint64() || rcpt.BlockHash == (common.Hash{}) {
		return nil, fmt.Errorf("get receipt: %w: receipt of tx %s in block %v %s", ErrBadResponse, rcpt.TxHash, rcpt.BlockNumber, rcpt.BlockHash)
	}
	return rcpt, nil
}
