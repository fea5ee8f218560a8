package starters

import (
	"context"
	"fmt"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// PocketSource is what the Pocket scanner reads through its node's RPC.
type PocketSource interface {
	Height(ctx context.Context) (int64, error)
	ReceivedTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error)
}

// RecipientNonces reads the last mint nonce of an Ethereum address on this
// node's own RPC.
type RecipientNonces interface {
	LastNonce(ctx context.Context, recipient string) (uint64, error)
}

// PocketScanner finds deposits to the vault and starts their MintWorkflows.
type PocketScanner struct {
	Node
	Vault       string
	StartHeight int64
	Interval    time.Duration
	// Settings are the orchestration settings of the workflows it starts.
	Settings transfer.Settings
	// Rules classify each deposit for the node's report (its own rules).
	Rules pokt.DepositRules
	Chain PocketSource
	// Nonces reads a mint recipient's last nonce on Ethereum, for the
	// reading (the workflow leases the nonce a threshold vouch for).
	Nonces RecipientNonces

	cursor *cursor
}

// Run scans every Interval until ctx ends.
func (s *PocketScanner) Run(ctx context.Context) error {
	defer s.position().flush()
	return loop(ctx, s.Interval, func(ctx context.Context) error {
		_, err := s.ScanOnce(ctx)
		return err
	})
}

func (s *PocketScanner) position() *cursor {
	if s.cursor == nil {
		s.cursor = &cursor{node: s.Node, chain: ChainPocket, start: s.StartHeight}
	}
	return s.cursor
}

// ScanOnce starts a workflow for every deposit since the cursor and moves
// the cursor to the head it scanned to. It returns how many it found.
func (s *PocketScanner) ScanOnce(ctx context.Context) (int, error) {
	obs := s.observer()
	n, err := s.scan(ctx)
	if err != nil {
		obs.ScanFailed(ChainPocket, err)
		s.logger().Warn("pocket scan failed", "chain", ChainPocket, "node", s.NodeID, "error", err)
	}
	return n, err
}

func (s *PocketScanner) scan(ctx context.Context) (int, error) {
	cursor, err := s.position().current(ctx)
	if err != nil {
		return 0, err
	}
	head, err := s.Chain.Height(ctx)
	if err != nil {
		return 0, fmt.Errorf("read pocket height: %w", err)
	}
	s.observer().Scanned(ChainPocket, cursor, head)
	if head <= cursor {
		// Nothing new; still write (and re-read) the cursor when due.
		return 0, s.position().advance(ctx, cursor)
	}
	txs, err := s.Chain.ReceivedTxs(ctx, s.Vault, cursor+1, head)
	if err != nil {
		return 0, fmt.Errorf("read deposits %d-%d: %w", cursor+1, head, err)
	}
	if err := startEach(ctx, len(txs), func(ctx context.Context, i int) error { return s.startDeposit(ctx, txs[i]) }); err != nil {
		return 0, err
	}
	if err := s.position().advance(ctx, head); err != nil {
		return 0, err
	}
	s.observer().Scanned(ChainPocket, head, head)
	return len(txs), nil
}

// startDeposit classifies one deposit by this node's rules and starts (or
// signals) its MintWorkflow with this node's reading.
func (s *PocketScanner) startDeposit(ctx context.Context, tx pokt.Tx) error {
	id := transfer.MintWorkflowID(tx.Hash)
	in := transfer.MintInput{TxHash: tx.Hash, Settings: s.Settings}
	rd := pokt.ClassifyDeposit(tx, s.Rules)
	if rd.Class == transfer.ClassUnreadable {
		// The scan goes on; the transfer waits for an operator.
		s.observer().Unreadable(ChainPocket)
		s.logger().Error("a tx to the vault could not be read: its transfer waits for an operator",
			"chain", ChainPocket, "node", s.NodeID, "tx_hash", tx.Hash, "reason", rd.Reason)
	}
	if rd.Class == transfer.ClassMint && s.Nonces != nil {
		n, err := s.Nonces.LastNonce(ctx, rd.Recipient)
		if err != nil {
			return fmt.Errorf("read the mint nonce of %s for %s: %w", rd.Recipient, id, err)
		}
		rd.RecipientNonce = n
	}
	return s.start(ctx, sighting{chain: ChainPocket, workflowID: id, workflowType: transfer.MintWorkflowType, kind: transfer.KindMint,
		input: in, height: tx.Height, reading: rd})
}
