// Package starters holds each node's chain scanners. A scanner reads new
// transfers from its node's own RPC and, for each, signals-with-start the
// transfer's workflow under the transfer's own ID: the first of the twelve
// nodes starts it, the others only add their "seen" signal. A node's cursor
// is durable and advances only after every start of a range succeeded, so
// a crash re-scans rather than skips.
package starters

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/transfer"
)

// Temporal is the part of the Temporal client a scanner uses.
type Temporal interface {
	SignalWithStartWorkflow(ctx context.Context, workflowID, signalName string, signalArg any,
		options client.StartWorkflowOptions, workflow any, workflowArgs ...any) (client.WorkflowRun, error)
}

// Cursors keeps each node's scan position per chain.
type Cursors interface {
	Cursor(ctx context.Context, nodeID, chain string) (height int64, found bool, err error)
	SaveCursor(ctx context.Context, nodeID, chain string, height int64) error
}

// Observer hears what a scanner does, for metrics and health.
type Observer interface {
	Scanned(chain string, cursor, head int64)
	Started(chain string, workflowID string)
	ScanFailed(chain string, err error)
}

type nopObserver struct{}

func (nopObserver) Scanned(string, int64, int64) {}
func (nopObserver) Started(string, string)       {}
func (nopObserver) ScanFailed(string, error)     {}

// Chain names, as cursors and metrics label them.
const (
	ChainPocket   = "pokt"
	ChainEthereum = "eth"
)

// Node is what both scanners of a node share: who they start workflows for,
// where, and where they keep their cursors.
type Node struct {
	NodeID    string
	TaskQueue string
	Temporal  Temporal
	Cursors   Cursors
	Observer  Observer // optional
	Logger    *slog.Logger
}

func (n Node) observer() Observer {
	if n.Observer == nil {
		return nopObserver{}
	}
	return n.Observer
}

func (n Node) logger() *slog.Logger {
	if n.Logger == nil {
		return slog.Default()
	}
	return n.Logger
}

var (
	searchStatus = temporal.NewSearchAttributeKeyKeyword(transfer.SearchStatus)
	searchKind   = temporal.NewSearchAttributeKeyKeyword(transfer.SearchKind)
)

// start signals-with-start one transfer workflow. The reuse policy never
// allows a second run under the same ID, even after the first closed: such
// a start is refused, which here means the transfer is already handled.
func (s Node) start(ctx context.Context, chain, id string, kind transfer.Kind, height int64, workflowType string, input any) error {
	opts := client.StartWorkflowOptions{
		ID:                       id,
		TaskQueue:                s.TaskQueue,
		WorkflowIDReusePolicy:    enums.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enums.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
		TypedSearchAttributes: temporal.NewSearchAttributes(
			searchStatus.ValueSet(string(transfer.StatusDetected)),
			searchKind.ValueSet(string(kind)),
		),
	}
	_, err := s.Temporal.SignalWithStartWorkflow(ctx, id, transfer.SignalSeen,
		transfer.SeenSignal{NodeID: s.NodeID, Height: height}, opts, workflowType, input)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		s.logger().Debug("transfer already handled", "workflow_id", id, "chain", chain)
		return nil
	}
	if err != nil {
		return fmt.Errorf("start %s: %w", id, err)
	}
	s.observer().Started(chain, id)
	s.logger().Debug("transfer seen", "workflow_id", id, "chain", chain, "height", height)
	return nil
}

// loop calls scan every interval until ctx ends, logging failures (the next
// round retries from the same cursor).
func loop(ctx context.Context, interval time.Duration, scan func(context.Context) error) error {
	t := time.NewTimer(0)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		_ = scan(ctx)
		t.Reset(interval)
	}
}

// loadCursor reads the node's cursor, or the configured start on a fresh
// node: the cursor is the last height fully scanned.
func loadCursor(ctx context.Context, cursors Cursors, nodeID, chain string, start int64) (int64, error) {
	h, found, err := cursors.Cursor(ctx, nodeID, chain)
	if err != nil {
		return 0, err
	}
	if !found {
		return start - 1, nil
	}
	return h, nil
}
