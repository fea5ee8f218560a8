package starters

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/transfer"
)

// EthSource is what the Ethereum scanner reads through its node's RPC.
type EthSource interface {
	HeadNumber(ctx context.Context) (uint64, error)
	Burns(ctx context.Context, from, to uint64) ([]eth.Burn, error)
}

// EthSubscriber pushes new burns (a ws:// RPC).
type EthSubscriber interface {
	SubscribeBurns(ctx context.Context, ch chan<- eth.Burn) (ethereum.Subscription, error)
}

// EthScanner finds BurnAndBridge logs and starts their BurnWorkflows. With a
// subscription it starts each burn as it is mined and reconciles with a
// ranged scan only every Reconcile interval (so an idle node makes about
// one log query per LogRange blocks); without one it polls every Interval.
type EthScanner struct {
	Node
	StartBlock uint64
	Interval   time.Duration
	// Reconcile is how often a subscribed scanner re-scans from its cursor,
	// catching anything a dropped subscription missed.
	Reconcile  time.Duration
	Settings   transfer.Settings
	Chain      EthSource
	Subscriber EthSubscriber // optional
	// Rules classify each burn for the report, as this node's signer will.
	Rules eth.BurnRules

	cursor *cursor
	// started remembers the burns started lately, by workflow ID, with
	// their block, so that re-scanning the reorg window below the cursor
	// (see scan) signals nothing twice.
	started map[string]uint64
}

func (s *EthScanner) position() *cursor {
	if s.cursor == nil {
		s.cursor = &cursor{node: s.Node, chain: ChainEthereum, start: int64(s.StartBlock)}
	}
	return s.cursor
}

// Run scans until ctx ends.
func (s *EthScanner) Run(ctx context.Context) error {
	defer s.position().flush()
	if s.Subscriber == nil {
		return loop(ctx, s.Interval, func(ctx context.Context) error {
			_, err := s.ScanOnce(ctx)
			return err
		})
	}
	for ctx.Err() == nil {
		if err := s.runSubscribed(ctx); err != nil {
			s.logger().Warn("burn subscription lost; polling until it is back", "chain", ChainEthereum, "node", s.NodeID, "error", err)
			s.observer().ScanFailed(ChainEthereum, err)
			// Poll meanwhile so that nothing waits for the subscription.
			_, _ = s.ScanOnce(ctx)
			select {
			case <-ctx.Done():
			case <-time.After(s.Interval):
			}
		}
	}
	return nil
}

func (s *EthScanner) runSubscribed(ctx context.Context) error {
	burns := make(chan eth.Burn, 256)
	sub, err := s.Subscriber.SubscribeBurns(ctx, burns)
	if err != nil {
		return err
	}
	defer sub.Unsubscribe()
	// Catch up from the cursor now that the subscription covers new blocks.
	if _, err := s.ScanOnce(ctx); err != nil {
		return err
	}
	reconcile := time.NewTicker(max(s.Reconcile, s.Interval))
	defer reconcile.Stop()
	// The subscription does not move the cursor; between reconciles only
	// an operator's re-scan needs noticing, which the database tells.
	operator := time.NewTicker(max(s.position().saveInterval(), 100*time.Millisecond))
	defer operator.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-sub.Err():
			if err == nil {
				err = errors.New("subscription closed")
			}
			return err
		case b := <-burns:
			if err := s.startBurns(ctx, pushed(b, burns)); err != nil {
				s.logger().Warn("start burns from subscription; the next reconcile retries", "error", err)
			}
		case <-reconcile.C:
			_, _ = s.ScanOnce(ctx)
		case <-operator.C:
			s.observer().Watching(ChainEthereum)
			moved, err := s.position().movedByOperator(ctx)
			if err != nil {
				s.logger().Warn("check the cursor for a re-scan", "chain", ChainEthereum, "error", err)
			} else if moved {
				_, _ = s.ScanOnce(ctx)
			}
		}
	}
}

// ScanOnce starts a workflow for every burn from the cursor to the head, in
// ranges of the client's LogRange, and advances the cursor. It also looks
// again at the last Confirmations blocks below the cursor, for burns a
// reorg brought in; it returns how many burns it started.
func (s *EthScanner) ScanOnce(ctx context.Context) (int, error) {
	n, err := s.scan(ctx)
	if err != nil {
		s.observer().ScanFailed(ChainEthereum, err)
		s.logger().Warn("ethereum scan failed", "chain", ChainEthereum, "node", s.NodeID, "error", err)
	}
	return n, err
}

func (s *EthScanner) scan(ctx context.Context) (int, error) {
	cursor, err := s.position().current(ctx)
	if err != nil {
		return 0, err
	}
	head, err := s.Chain.HeadNumber(ctx)
	if err != nil {
		return 0, fmt.Errorf("read ethereum head: %w", err)
	}
	s.observer().Scanned(ChainEthereum, cursor, int64(head))
	if int64(head) <= cursor {
		// Nothing new; still write (and re-read) the cursor when due.
		return 0, s.position().advance(ctx, cursor)
	}
	// Scan again the last blocks below the cursor: a reorg may have
	// replaced them with blocks holding burns the old ones did not (a
	// subscription would push those, a polling scanner would skip them for
	// good). A reorg deeper than the confirmations is beyond what the
	// bridge can handle anyway.
	from := uint64(cursor + 1)
	depth := uint64(max(s.Settings.Confirmations, 1))
	from = max(s.StartBlock, from-min(from, depth))
	burns, err := s.Chain.Burns(ctx, from, head)
	if err != nil {
		return 0, err
	}
	var todo []eth.Burn
	for _, b := range burns {
		if b.Removed {
			continue
		}
		if int64(b.BlockNumber) <= cursor && s.started[transfer.BurnWorkflowID(b.TxHash.Hex(), b.LogPosition)] != 0 {
			continue // started when its block was first scanned
		}
		todo = append(todo, b)
	}
	if err := s.startBurns(ctx, todo); err != nil {
		return 0, err
	}
	for id, block := range s.started {
		if block+depth < uint64(cursor) {
			delete(s.started, id)
		}
	}
	if err := s.position().advance(ctx, int64(head)); err != nil {
		return 0, err
	}
	s.observer().Scanned(ChainEthereum, int64(head), int64(head))
	return len(todo), nil
}

// pushed is b and the burns the subscription has pushed behind it (a
// block's worth), without the ones a reorg removed: the workflow's
// confirmation check sees the reorg.
func pushed(b eth.Burn, burns <-chan eth.Burn) []eth.Burn {
	var out []eth.Burn
	for {
		if !b.Removed {
			out = append(out, b)
		}
		select {
		case b = <-burns:
		default:
			return out
		}
	}
}

// startBurns starts (or signals) the burns' workflows and remembers them
// once all are started.
func (s *EthScanner) startBurns(ctx context.Context, burns []eth.Burn) error {
	if err := startEach(ctx, len(burns), func(ctx context.Context, i int) error { return s.startBurn(ctx, burns[i]) }); err != nil {
		return err
	}
	if s.started == nil {
		s.started = map[string]uint64{}
	}
	for _, b := range burns {
		s.started[transfer.BurnWorkflowID(b.TxHash.Hex(), b.LogPosition)] = max(b.BlockNumber, 1)
	}
	return nil
}

func (s *EthScanner) startBurn(ctx context.Context, b eth.Burn) error {
	hash := b.TxHash.Hex()
	id := transfer.BurnWorkflowID(hash, b.LogPosition)
	in := transfer.BurnInput{TxHash: hash, LogPosition: b.LogPosition, Settings: s.Settings}
	return s.start(ctx, sighting{chain: ChainEthereum, workflowID: id, workflowType: transfer.BurnWorkflowType, kind: transfer.KindBurn,
		input: in, height: int64(b.BlockNumber), reading: eth.ClassifyBurn(b.Amount, b.PoktAddress, s.Rules)})
}
