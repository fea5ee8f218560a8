package activities

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"go.temporal.io/sdk/temporal"

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
	return (&depositReads{chain: chain, rules: rules, ref: ref}).read(ctx)
}

// depositReads reads one deposit again and again while a wait for its
// confirmations lasts. Once the tx is found, only the head is read until
// it confirms the tx, and then the tx once more: the tx with its events is
// the node's costliest reply, and a reading that confirms still comes
// from a read of the tx made then (one that a reorg removed meanwhile is
// gone from it).
type depositReads struct {
	chain PocketChain
	rules Rules
	ref   transfer.DepositRef
	found *pokt.Tx
}

func (d *depositReads) read(ctx context.Context) (transfer.Reading, error) {
	if d.found != nil {
		head, err := d.chain.HeightAtLeast(ctx, pokt.HeadConfirming(d.found.Height, d.rules.PocketConfirmations))
		if err != nil {
			return transfer.Reading{}, fmt.Errorf("read pocket height: %w", err)
		}
		if rd := pokt.ReadDeposit(*d.found, head, d.rules.Deposit); rd.Source.Confirmations < d.rules.PocketConfirmations {
			return rd, nil
		}
	}
	d.found = nil
	tx, head, err := depositAndHead(ctx, d.chain, d.rules, d.ref.TxHash)
	if errors.Is(err, pokt.ErrInvalidHash) {
		return transfer.Reading{}, temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorBadInput, nil)
	}
	if errors.Is(err, pokt.ErrTxNotFound) {
		return transfer.Reading{TxHash: d.ref.TxHash, Source: transfer.SourceCheck{Head: head}}, nil
	}
	if err != nil {
		return transfer.Reading{}, err
	}
	d.found = tx
	return pokt.ReadDeposit(*tx, head, d.rules.Deposit), nil
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
