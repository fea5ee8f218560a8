package workers

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

type fakeControl struct {
	state transfer.ControlState
	err   error
	asked []string
}

func (f *fakeControl) QueryWorkflow(_ context.Context, id, _, query string, _ ...any) (converter.EncodedValue, error) {
	f.asked = append(f.asked, id+"/"+query)
	if f.err != nil {
		return nil, f.err
	}
	p, err := converter.GetDefaultDataConverter().ToPayload(f.state)
	if err != nil {
		return nil, err
	}
	return encoded{p: p}, nil
}

// encoded is a query answer as the SDK hands it over.
type encoded struct{ p *commonpb.Payload }

func (e encoded) HasValue() bool  { return true }
func (e encoded) Get(v any) error { return converter.GetDefaultDataConverter().FromPayload(e.p, v) }

type savedState struct {
	settings store.BridgeSettings
	pause    *store.PauseState
}

type fakeBridgeStore struct{ saved []savedState }

func (f *fakeBridgeStore) SaveBridgeState(_ context.Context, s store.BridgeSettings, p *store.PauseState) error {
	f.saved = append(f.saved, savedState{s, p})
	return nil
}

func TestHeartbeatPublishesSettingsAndThePauseForTheStatusPage(t *testing.T) {
	cfg := &config.Config{}
	cfg.Node.ID = "node-3"
	cfg.Validators = config.Validators{NodeIDs: []string{"node-1", "node-2", "node-3"}, Threshold: 2}
	cfg.Pocket.Confirmations, cfg.Pocket.BlockTime = 8, time.Minute
	cfg.Ethereum.Confirmations, cfg.Ethereum.BlockTime = 32, 12*time.Second
	since := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	control := &fakeControl{state: transfer.ControlState{Paused: true, PausedBy: "ops", PauseReason: "upgrade", PausedAt: since}}
	db := &fakeBridgeStore{}
	p := newBridgeStatePublisher(cfg, control, db, slog.New(slog.DiscardHandler))

	now := since.Add(time.Hour)
	require.NoError(t, p.publish(context.Background(), now))
	require.NoError(t, p.publish(context.Background(), now.Add(time.Second)), "too soon: nothing asked nor written")
	require.Equal(t, []string{transfer.ControlWorkflowID + "/" + transfer.QueryState}, control.asked)
	require.Len(t, db.saved, 1)
	got := db.saved[0]
	require.Equal(t, store.BridgeSettings{NodeIDs: cfg.Validators.NodeIDs, Threshold: 2, PocketConfirmations: 8, EthConfirmations: 32,
		PocketBlockTimeMs: 60_000, EthBlockTimeMs: 12_000, WrittenBy: "node-3", WrittenAt: now}, got.settings)
	require.Equal(t, &store.PauseState{Paused: true, By: "ops", Reason: "upgrade", Since: since, CheckedBy: "node-3", CheckedAt: now}, got.pause)

	// The control workflow does not answer: the settings are written, the
	// stored pause state is left alone.
	control.err = errors.New("workflow not found")
	require.NoError(t, p.publish(context.Background(), now.Add(publishEvery)))
	require.Len(t, db.saved, 2)
	require.Nil(t, db.saved[1].pause)
}
