package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/wpokt/bridge/devnet/mongowire"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// These tests read a real projection: FerretDB (the devnet's MongoDB),
// written by the bridge's own store and read through store.Reader.

var (
	mongoURI string
	mongoSrv *mongowire.Server
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "web-test-")
	if err != nil {
		panic(err)
	}
	srv, err := mongowire.Start(context.Background(), mongowire.Options{Dir: dir})
	if err != nil {
		panic(err)
	}
	mongoURI, mongoSrv = srv.URI(), srv
	code := m.Run()
	srv.Stop()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

var dbSeq atomic.Int64

// projection is a fresh database with the bridge's writer and the page's reader.
type projection struct {
	writer *store.Store
	reader *store.Reader
	name   string
}

func newProjection(t testing.TB, monitor *event.CommandMonitor) *projection {
	t.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("web%d_%d", os.Getpid(), dbSeq.Add(1))
	w, err := store.Connect(ctx, mongoURI, name, 10*time.Second)
	require.NoError(t, err)
	t.Cleanup(func() { _ = w.Close(context.Background()) })
	r, err := store.OpenReader(ctx, mongoURI, name, store.ReaderOptions{AllowWritableUser: true, Monitor: monitor})
	require.NoError(t, err)
	t.Cleanup(func() { _ = r.Close(context.Background()) })
	return &projection{writer: w, reader: r, name: name}
}

// serve runs the page on the projection.
func (p *projection) serve(t testing.TB, refresh time.Duration) *httptest.Server {
	t.Helper()
	s, err := New(p.reader, Config{Explorers: testExplorers, Fallback: testSettings, Refresh: refresh, Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

// seeded are the transfers of seed, by their status.
type seeded map[transfer.Status]transfer.State

func hashOf(i int) string { return fmt.Sprintf("%064X", 0xC0FFEE00+i) }

// seed projects one transfer per status, each moved along its path as
// the workflows do, so that each has a history, plus the bridge's
// settings and twelve fresh heartbeats.
func (p *projection) seed(t testing.TB) seeded {
	t.Helper()
	ctx := context.Background()
	settings := testSettings
	require.NoError(t, p.writer.SaveBridgeState(ctx, settings, &store.PauseState{CheckedBy: "node-1", CheckedAt: time.Now()}))
	for _, id := range settings.NodeIDs {
		require.NoError(t, p.writer.Heartbeat(ctx, store.Health{NodeID: id, Healthy: true, PoktHeight: 1000, EthBlock: 2000, HeartbeatAt: time.Now()}))
	}
	out := seeded{}
	for i, status := range transfer.AllStatuses {
		st := seedState(i, status)
		for _, step := range pathTo(st) {
			require.NoError(t, p.writer.Project(ctx, step))
		}
		out[status] = st
	}
	return out
}

// seedState is transfer i, in a given status, with what that status implies.
func seedState(i int, status transfer.Status) transfer.State {
	// Fixed times, so that the screenshot README shows is the same at
	// every run; only the burn waiting for confirmations is timed from now.
	began := t0.Add(time.Duration(i) * time.Minute)
	st := transfer.State{
		Kind: transfer.KindMint, Classification: "mint", Status: status, SourceTxHash: hashOf(i),
		Sender: morseAddr, Recipient: "0x1111111111111111111111111111111111111111", Amount: 12_500_000, PayAmount: 12_500_000,
		SourceHeight: 100, Confirmations: 8, CreatedAt: began, UpdatedAt: began.Add(5 * time.Minute), Revision: 10,
	}
	st.WorkflowID = transfer.MintWorkflowID(st.SourceTxHash)
	switch status {
	case transfer.StatusDetected: // a burn still waiting for its confirmations
		st.Kind, st.Classification = transfer.KindBurn, "burn"
		st.SourceTxHash = "0x" + strings.ToLower(hashOf(i))
		st.WorkflowID = transfer.BurnWorkflowID(st.SourceTxHash, 0)
		st.Sender, st.Recipient, st.PayAmount, st.Confirmations = "0x1111111111111111111111111111111111111111", morseAddr, 12_490_000, 3
		st.CreatedAt, st.UpdatedAt = time.Now().UTC(), time.Now().UTC()
	case transfer.StatusHeld:
		st.Reason = "held: 12.5 POKT is above the single-transfer limit, waiting for an operator's release"
	case transfer.StatusStarted: // stuck with 8 of the 9 signatures
		st.OrderID, st.Nonce = "order-started", 3
		st.Signers = testSettings.NodeIDs[:8]
		st.Refusals = []transfer.Refusal{{NodeID: "node-12", Reason: "source tx not found on this node's RPC"}}
		st.Reason = "stuck: 8 of 12 signed, 1 refused (node-12: source tx not found on this node's RPC)"
	case transfer.StatusSigned:
		st.OrderID, st.Nonce, st.Signers = "order-signed", 4, testSettings.NodeIDs[:9]
	case transfer.StatusExecuted:
		st.OrderID, st.Nonce, st.Signers = "order-executed", 5, testSettings.NodeIDs[:9]
		st.DestTxHash = "0x" + strings.Repeat("e", 64)
	case transfer.StatusRefunded:
		st.Classification, st.Reason, st.PayAmount = "refund", "memo is not JSON", 12_490_000
		st.OrderID, st.Signers, st.DestTxHash = "order-refund", testSettings.NodeIDs[:9], strings.Repeat("F", 64)
	case transfer.StatusInvalid:
		st.Classification, st.Reason, st.Amount, st.PayAmount = "invalid", "amount at or below the fee, not refundable", 5_000, 0
	case transfer.StatusFailed:
		st.Classification, st.Reason = "failed", "source tx failed"
	}
	return st
}

// pathTo lists the states a workflow projects on its way to st, one
// minute apart, ending with st.
func pathTo(st transfer.State) []transfer.State {
	var path []transfer.Status
	switch st.Status {
	case transfer.StatusInvalid, transfer.StatusFailed:
		path = []transfer.Status{transfer.StatusDetected, st.Status}
	case transfer.StatusHeld:
		path = []transfer.Status{transfer.StatusDetected, transfer.StatusConfirmed, transfer.StatusHeld}
	default:
		for _, s := range []transfer.Status{transfer.StatusDetected, transfer.StatusConfirmed, transfer.StatusStarted, transfer.StatusSigned} {
			path = append(path, s)
			if s == st.Status {
				break
			}
		}
		if st.Status.Final() {
			path = append(path, st.Status)
		}
	}
	var out []transfer.State
	for i, s := range path {
		step := st
		step.Status, step.Revision = s, uint64(i+1)
		step.UpdatedAt = st.CreatedAt.Add(time.Duration(i) * time.Minute)
		if s == st.Status {
			step.UpdatedAt = st.UpdatedAt
		}
		out = append(out, step)
	}
	return out
}
