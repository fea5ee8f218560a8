package activities

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// CheckSource reads a transfer's source on this node's own RPC and signs
// the reading with this node's reading key. The workflow asks every node
// when the node running it reads the source as failed or gone, and ends
// the transfer without an order only when a threshold of them agree.
func (s *Signer) CheckSource(ctx context.Context, req transfer.SourceRequest) (transfer.SourceAnswer, error) {
	if req.NodeID != s.Rules.NodeID {
		return transfer.SourceAnswer{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("source check for node %s reached node %s", req.NodeID, s.Rules.NodeID), transfer.ErrorBadInput, nil)
	}
	if len(s.ReadingKey) != ed25519.PrivateKeySize {
		return transfer.SourceAnswer{}, temporal.NewNonRetryableApplicationError("node has no reading key", transfer.ErrorBadInput, nil)
	}
	var rd transfer.Reading
	var err error
	switch req.Kind {
	case transfer.KindMint:
		rd, err = readDeposit(ctx, s.Pocket, s.Rules, transfer.DepositRef{TxHash: req.TxHash})
	case transfer.KindBurn:
		rd, err = readBurn(ctx, s.Eth, s.Rules, transfer.BurnRef{TxHash: req.TxHash, LogPosition: req.LogPosition})
	default:
		err = temporal.NewNonRetryableApplicationError(fmt.Sprintf("source check of unknown kind %q", req.Kind), transfer.ErrorBadInput, nil)
	}
	if err != nil {
		return transfer.SourceAnswer{}, err
	}
	return transfer.SourceAnswer{NodeID: s.Rules.NodeID, Reading: rd}.Sign(req.WorkflowID, s.ReadingKey), nil
}

// readDeposit reads a deposit and classifies it with this node's rules; a
// tx the node does not know is a reading with Found false and the head.
func readDeposit(ctx context.Context, chain PocketChain, rules Rules, ref transfer.DepositRef) (transfer.Reading, error) {
	rd, _, err := readDepositTx(ctx, chain, rules, ref)
	return rd, err
}

// depositReads is a deposit read again and again while a wait for its
// confirmations lasts (rereads).
func depositReads(chain PocketChain, rules Rules, ref transfer.DepositRef) *rereads[pokt.Tx] {
	return &rereads[pokt.Tx]{
		source: func(ctx context.Context) (transfer.Reading, *pokt.Tx, error) {
			return readDepositTx(ctx, chain, rules, ref)
		},
		head: func(ctx context.Context, tx *pokt.Tx) (transfer.Reading, bool, error) {
			head, err := chain.HeightAtLeast(ctx, pokt.HeadConfirming(tx.Height, rules.PocketConfirmations))
			if err != nil {
				return transfer.Reading{}, false, fmt.Errorf("read pocket height: %w", err)
			}
			rd := pokt.ReadDeposit(*tx, head, rules.Deposit)
			return rd, rd.Source.Confirmations >= rules.PocketConfirmations, nil
		},
	}
}

// readDepositTx is readDeposit with the tx it found.
func readDepositTx(ctx context.Context, chain PocketChain, rules Rules, ref transfer.DepositRef) (transfer.Reading, *pokt.Tx, error) {
	tx, head, err := depositAndHead(ctx, chain, rules, ref.TxHash)
	if errors.Is(err, pokt.ErrInvalidHash) {
		return transfer.Reading{}, nil, temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorBadInput, nil)
	}
	if errors.Is(err, pokt.ErrTxNotFound) {
		return transfer.Reading{TxHash: ref.TxHash, Source: transfer.SourceCheck{Head: head}}, nil, nil
	}
	if err != nil {
		return transfer.Reading{}, nil, err
	}
	return pokt.ReadDeposit(*tx, head, rules.Deposit), tx, nil
}

// depositAndHead reads a deposit by hash, then a head to count its
// confirmations against: one the node remembers when it is high enough to
// confirm the deposit (nearly always, for a deposit the workflow saw
// confirmed), else a fresh one. The tx comes first, so that the head is
// never older than the tx it counts for. A tx the node does not know
// returns an error wrapping pokt.ErrTxNotFound with a fresh head.
func depositAndHead(ctx context.Context, chain PocketChain, rules Rules, hash string) (*pokt.Tx, int64, error) {
	tx, err := chain.Tx(ctx, hash)
	if errors.Is(err, pokt.ErrTxNotFound) {
		head, herr := chain.Height(ctx)
		if herr != nil {
			return nil, 0, fmt.Errorf("read pocket height: %w", herr)
		}
		return nil, head, err
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read deposit %s: %w", hash, err)
	}
	head, err := chain.HeightAtLeast(ctx, pokt.HeadConfirming(tx.Height, rules.PocketConfirmations))
	if err != nil {
		return nil, 0, fmt.Errorf("read pocket height: %w", err)
	}
	return tx, head, nil
}

func readBurn(ctx context.Context, chain EthChain, rules Rules, ref transfer.BurnRef) (transfer.Reading, error) {
	rd, _, err := readBurnCheck(ctx, chain, rules, ref)
	return rd, err
}

// burnReads is a burn read again and again while a wait for its
// confirmations lasts (rereads): its receipt and its block's place until
// it is found, successful and canonical, then the head.
func burnReads(chain EthChain, rules Rules, ref transfer.BurnRef) *rereads[eth.BurnCheck] {
	return &rereads[eth.BurnCheck]{
		source: func(ctx context.Context) (transfer.Reading, *eth.BurnCheck, error) {
			return readBurnCheck(ctx, chain, rules, ref)
		},
		head: func(ctx context.Context, found *eth.BurnCheck) (transfer.Reading, bool, error) {
			head, err := chain.HeadNumber(ctx)
			if err != nil {
				return transfer.Reading{}, false, fmt.Errorf("read ethereum head: %w", err)
			}
			c := *found
			c.Head, c.Confirmations = head, eth.Confirmations(c.Burn.BlockNumber, head)
			return eth.ReadBurn(&c, rules.Burn()), int64(c.Confirmations) >= rules.EthConfirmations, nil
		},
	}
}

// readBurnCheck is readBurn with the burn it found, when successful and
// on the canonical chain.
func readBurnCheck(ctx context.Context, chain EthChain, rules Rules, ref transfer.BurnRef) (transfer.Reading, *eth.BurnCheck, error) {
	if !isTxHash(ref.TxHash) {
		return transfer.Reading{}, nil, temporal.NewNonRetryableApplicationError(fmt.Sprintf("burn tx hash %q is not a 32-byte hex hash", ref.TxHash), transfer.ErrorBadInput, nil)
	}
	check, err := chain.CheckBurn(ctx, common.HexToHash(ref.TxHash), ref.LogPosition)
	if errors.Is(err, eth.ErrTxNotFound) || errors.Is(err, eth.ErrLogNotFound) {
		head, herr := chain.HeadNumber(ctx)
		if herr != nil {
			return transfer.Reading{}, nil, fmt.Errorf("read ethereum head: %w", herr)
		}
		return transfer.Reading{TxHash: ref.TxHash, LogPosition: ref.LogPosition, Source: transfer.SourceCheck{Head: int64(head)}}, nil, nil
	}
	if err != nil {
		return transfer.Reading{}, nil, fmt.Errorf("read burn %s-%d: %w", ref.TxHash, ref.LogPosition, err)
	}
	rd := eth.ReadBurn(check, rules.Burn())
	if !check.Success || !check.Canonical {
		check = nil
	}
	return rd, check, nil
}
