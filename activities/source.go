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
	hash := ref.TxHash
	head, err := chain.Height(ctx)
	if err != nil {
		return transfer.Reading{}, fmt.Errorf("read pocket height: %w", err)
	}
	tx, err := chain.Tx(ctx, hash)
	if errors.Is(err, pokt.ErrInvalidHash) {
		return transfer.Reading{}, temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorBadInput, nil)
	}
	if errors.Is(err, pokt.ErrTxNotFound) {
		return transfer.Reading{TxHash: hash, Source: transfer.SourceCheck{Head: head}}, nil
	}
	if err != nil {
		return transfer.Reading{}, fmt.Errorf("read deposit %s: %w", hash, err)
	}
	return pokt.ReadDeposit(*tx, head, rules.Deposit), nil
}
