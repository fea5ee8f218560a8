// Package starters holds each node's chain scanners. A scanner reads new
// transfers from its node's own RPC and, for each, signals-with-start the
// transfer's workflow under the transfer's own ID: the first of the twelve
// nodes starts it, the others only add their "seen" signal. A node's cursor
// is durable and advances only after every start of a range succeeded, so
// a crash re-scans rather than skips.
package starters

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"golang.org/x/sync/errgroup"

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
	// SwapCursor moves the cursor from old to new unless someone (an
	// operator's rescan) moved it meanwhile: then it returns that value.
	SwapCursor(ctx context.Context, nodeID, chain string, old, new int64) (current int64, swapped bool, err error)
}

// Observer hears what a scanner does, for metrics and health.
type Observer interface {
	Scanned(chain string, cursor, head int64)
	// Watching says a subscribed scanner's subscription is alive: it sees
	// every new burn without scanning.
	Watching(chain string)
	Started(chain string, workflowID string)
	ScanFailed(chain string, err error)
	// Restarted says Supervise restarted a chain's scanner, and why
	// (RestartPanic, RestartReturned).
	Restarted(chain, reason string)
	// Unreadable says a scan found a tx it could not read (its transfer
	// waits for an operator).
	Unreadable(chain string)
}

type nopObserver struct{}

func (nopObserver) Scanned(string, int64, int64) {}
func (nopObserver) Watching(string)              {}
func (nopObserver) Started(string, string)       {}
func (nopObserver) ScanFailed(string, error)     {}
func (nopObserver) Restarted(string, string)     {}
func (nopObserver) Unreadable(string)            {}

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
	// ReadingKey signs what this node's scanners read: the workflow counts
	// a reading only under the node's key in every node's config.
	ReadingKey ed25519.PrivateKey
	// CursorSaveInterval is how often the cursor is written (default 5 s):
	// a crash re-scans at most that much, which is harmless.
	CursorSaveInterval time.Duration
	// RestartBackoff is Supervise's first pause before restarting a
	// scanner that panicked or stopped (default 1 s).
	RestartBackoff time.Duration
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

// sighting is one transfer a scanner saw: the workflow it belongs to and
// what this node read of it.
type sighting struct {
	chain        string
	workflowID   string
	workflowType string
	kind         transfer.Kind
	// input starts the workflow when this node is the first to see it.
	input   any
	height  int64
	reading transfer.Reading
}

// start signals-with-start one transfer workflow. The reuse policy never
// allows a second run under the same ID, even after the first closed: such
// a start is refused, which here means the transfer is already handled.
func (s Node) start(ctx context.Context, t sighting) error {
	chain, id, kind, height := t.chain, t.workflowID, t.kind, t.height
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
	if len(s.ReadingKey) != ed25519.PrivateKeySize {
		return fmt.Errorf("start %s: node %s has no reading key to sign its reading with", id, s.NodeID)
	}
	seen := transfer.SeenSignal{NodeID: s.NodeID, Height: height, Report: t.reading}.Sign(id, s.ReadingKey)
	_, err := s.Temporal.SignalWithStartWorkflow(ctx, id, transfer.SignalSeen, seen, opts, t.workflowType, t.input)
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

// startConcurrency is how many transfers of one scan a scanner starts at
// once. A block full of transfers then reaches its workflows in a few
// round trips instead of one after another, and each workflow gets the
// twelve nodes' readings close together: a reading that comes apart from
// the others wakes the workflow for a task of its own.
const startConcurrency = 8

// startEach runs start for each of n transfers, startConcurrency at a
// time, and returns the first error (the cursor then stays, and the next
// scan signals them all again, which the workflows take once).
func startEach(ctx context.Context, n int, start func(ctx context.Context, i int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(startConcurrency)
	for i := range n {
		g.Go(func() error { return start(ctx, i) })
	}
	return g.Wait()
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

// cursor is a scanner's position: the last height fully scanned. It is
// kept in memory and written every CursorSaveInterval, so that scanning a
// block costs no database write; each write also picks up a position an
// operator set with `wpokt rescan`.
type cursor struct {
	node  Node
	chain string
	start int64

	loaded  bool
	at      int64 // scanned up to here
	saved   int64 // the value last written (or read)
	savedAt time.Time
}

// current returns the position, reading it from the store the first time
// (a fresh node starts below its configured start height).
func (c *cursor) current(ctx context.Context) (int64, error) {
	if c.loaded {
		return c.at, nil
	}
	h, found, err := c.node.Cursors.Cursor(ctx, c.node.NodeID, c.chain)
	if err != nil {
		return 0, err
	}
	if !found {
		h = c.start - 1
	}
	// A cursor read is due for writing at once: a fresh node's is then on
	// record (for `wpokt rescan`) after its first scan.
	c.loaded, c.at, c.saved, c.savedAt = true, h, h, time.Time{}
	return h, nil
}

// saveInterval is how often the cursor is written.
func (c *cursor) saveInterval() time.Duration {
	if every := c.node.CursorSaveInterval; every > 0 {
		return every
	}
	return 5 * time.Second
}

// movedByOperator writes the cursor (or, with nothing new to write, reads
// it) and reports whether an operator moved it meanwhile (`wpokt rescan`):
// a database call, no RPC.
func (c *cursor) movedByOperator(ctx context.Context) (bool, error) {
	if !c.loaded {
		return false, nil
	}
	if c.at != c.saved {
		before := c.at
		if err := c.persist(ctx); err != nil {
			return false, err
		}
		return c.at < before, nil
	}
	h, found, err := c.node.Cursors.Cursor(ctx, c.node.NodeID, c.chain)
	if err != nil || !found || h == c.saved {
		return false, err
	}
	c.node.logger().Info("cursor moved by an operator: re-scanning", "chain", c.chain, "from", h+1)
	c.at, c.saved, c.savedAt = h, h, time.Now()
	return true, nil
}

// advance records a scan up to height and writes the cursor when due.
func (c *cursor) advance(ctx context.Context, height int64) error {
	c.at = height
	if time.Since(c.savedAt) < c.saveInterval() {
		return nil
	}
	return c.persist(ctx)
}

// persist writes the cursor unless an operator moved it, in which case the
// scanner takes the operator's position.
func (c *cursor) persist(ctx context.Context) error {
	if !c.loaded {
		return nil
	}
	h, swapped, err := c.node.Cursors.SwapCursor(ctx, c.node.NodeID, c.chain, c.saved, c.at)
	if err != nil {
		return err
	}
	if !swapped {
		c.node.logger().Info("cursor moved by an operator: re-scanning", "chain", c.chain, "from", h+1)
	}
	c.at, c.saved, c.savedAt = h, h, time.Now()
	return nil
}

// flush writes the cursor at shutdown.
func (c *cursor) flush() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.persist(ctx); err != nil {
		c.node.logger().Warn("save cursor at shutdown", "chain", c.chain, "error", err)
	}
}
