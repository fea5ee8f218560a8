package workers

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.temporal.io/sdk/converter"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// publishEvery spaces a node's writes of the bridge state: the pause is
// read with a query of the control workflow, which is a workflow task on
// whichever worker holds it, and twelve nodes asking on every heartbeat
// would load the one workflow every transfer needs. The status page's
// pause banner is at most this (plus one heartbeat) late.
const publishEvery = 10 * time.Second

// controlQuerier is the part of the Temporal client the publisher uses.
type controlQuerier interface {
	QueryWorkflow(ctx context.Context, workflowID, runID, queryType string, args ...any) (converter.EncodedValue, error)
}

// bridgeStateWriter is the part of the store the publisher uses.
type bridgeStateWriter interface {
	SaveBridgeState(ctx context.Context, settings store.BridgeSettings, pause *store.PauseState) error
}

// bridgeStatePublisher writes, with the node's heartbeat, what the status
// page needs of the bridge as a whole: the settings a transfer's progress
// is measured against, and the pause state read from the control workflow.
type bridgeStatePublisher struct {
	nodeID    string
	settings  func(now time.Time) store.BridgeSettings
	temporal  controlQuerier
	store     bridgeStateWriter
	logger    *slog.Logger
	lastWrite time.Time
}

func newBridgeStatePublisher(cfg *config.Config, temporal controlQuerier, w bridgeStateWriter, logger *slog.Logger) *bridgeStatePublisher {
	return &bridgeStatePublisher{nodeID: cfg.Node.ID, temporal: temporal, store: w, logger: logger, settings: func(now time.Time) store.BridgeSettings {
		return store.BridgeSettings{
			NodeIDs: cfg.Validators.NodeIDs, Threshold: cfg.Validators.Threshold,
			PocketConfirmations: cfg.Pocket.Confirmations, EthConfirmations: cfg.Ethereum.Confirmations,
			PocketBlockTimeMs: cfg.Pocket.BlockTime.Milliseconds(), EthBlockTimeMs: cfg.Ethereum.BlockTime.Milliseconds(),
			WrittenBy: cfg.Node.ID, WrittenAt: now.UTC(),
		}
	}}
}

// publish writes the settings, and the pause state if the control
// workflow answered, when they are due; a failed query (e.g. before the
// control workflow started) leaves the stored pause state as another node
// last wrote it.
func (p *bridgeStatePublisher) publish(ctx context.Context, now time.Time) error {
	if now.Sub(p.lastWrite) < publishEvery {
		return nil
	}
	p.lastWrite = now
	pause, err := p.queryPause(ctx, now)
	if err != nil && ctx.Err() == nil {
		p.logger.Debug("status page: pause state not read", "error", err)
	}
	return p.store.SaveBridgeState(ctx, p.settings(now), pause)
}

func (p *bridgeStatePublisher) queryPause(ctx context.Context, now time.Time) (*store.PauseState, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	v, err := p.temporal.QueryWorkflow(ctx, transfer.ControlWorkflowID, "", transfer.QueryState)
	if err != nil {
		return nil, fmt.Errorf("query the control workflow's pause: %w", err)
	}
	var st transfer.ControlState
	if err := v.Get(&st); err != nil {
		return nil, fmt.Errorf("decode the control workflow's state: %w", err)
	}
	return &store.PauseState{Paused: st.Paused, By: st.PausedBy, Reason: st.PauseReason, Since: st.PausedAt.UTC(),
		CheckedBy: p.nodeID, CheckedAt: now.UTC()}, nil
}
