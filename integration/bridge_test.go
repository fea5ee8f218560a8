// Package integration runs the whole bridge on the embedded Temporal server
// (temporaltest, in-process): twelve nodes with their own scanners and
// workers, the Pocket and Copper simulators, the simulated Ethereum backend
// and FerretDB.
package integration

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/server/temporaltest"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

func startBridge(t *testing.T) (*devnet.Devnet, client.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	ts := temporaltest.NewServer(temporaltest.WithT(t))
	attrs := map[string]enumspb.IndexedValueType{}
	for name, typ := range transfer.SearchAttributeTypes {
		attrs[name] = enumspb.IndexedValueType(enumspb.IndexedValueType_value["INDEXED_VALUE_TYPE_"+upper(typ)])
	}
	_, err := ts.GetDefaultClient().OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		SearchAttributes: attrs, Namespace: ts.GetDefaultNamespace(),
	})
	require.NoError(t, err)

	var nodeLog io.Writer = io.Discard
	if os.Getenv("WPOKT_TEST_LOGS") != "" {
		nodeLog = os.Stderr
	}
	d, err := devnet.Start(ctx, devnet.Options{
		Dir: t.TempDir(), TemporalAddress: ts.GetFrontendHostPort(), TemporalNamespace: ts.GetDefaultNamespace(),
		EthBlockInterval: 250 * time.Millisecond, PocketBlockInterval: 250 * time.Millisecond,
		ScanInterval: 200 * time.Millisecond, PollInterval: 100 * time.Millisecond, CopperPollInterval: 50 * time.Millisecond,
		NodeLog: nodeLog,
	})
	require.NoError(t, err)
	t.Cleanup(d.Close)
	return d, ts.GetDefaultClient()
}

func upper(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}

func TestDepositAndBurnCrossTheBridgeOnce(t *testing.T) {
	d, tc := startBridge(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	alice := d.Users[0]

	started := time.Now()
	depositHash, err := d.Deposit(ctx, alice, 12_500_000, devnet.MintMemo(alice.Eth.Address))
	require.NoError(t, err)
	mint, err := d.WaitStatus(ctx, transfer.MintWorkflowID(depositHash))
	require.NoError(t, err)
	require.Equal(t, transfer.StatusExecuted, mint.Status, mint.Reason)
	t.Logf("deposit executed in %s", time.Since(started).Round(time.Millisecond))
	require.GreaterOrEqual(t, len(mint.Signers), 9)
	require.Len(t, mint.SeenBy, 12, "every node's scanner saw the deposit")
	require.EqualValues(t, 1, mint.Nonce)
	balance, err := d.Eth.BalanceOf(ctx, alice.Eth.Address)
	require.NoError(t, err)
	require.EqualValues(t, 12_500_000, balance)

	started = time.Now()
	burnHash, err := d.Burn(ctx, alice, 3_000_000, alice.PoktAddress)
	require.NoError(t, err)
	before, err := d.PocketBalance(ctx, alice.PoktAddress)
	require.NoError(t, err)
	burn, err := d.WaitStatus(ctx, transfer.BurnWorkflowID(burnHash, 0))
	require.NoError(t, err)
	require.Equal(t, transfer.StatusExecuted, burn.Status, burn.Reason)
	t.Logf("burn executed in %s", time.Since(started).Round(time.Millisecond))
	require.Len(t, burn.SeenBy, 12)
	after, err := d.PocketBalance(ctx, alice.PoktAddress)
	require.NoError(t, err)
	require.EqualValues(t, 3_000_000, after-before, "on Shannon the whole amount comes back; the vault pays the fee")

	// An invalid memo is refunded.
	refundHash, err := d.Deposit(ctx, alice, 2_000_000, `{"address":"0x0000000000000000000000000000000000000000","chain_id":"1337"}`)
	require.NoError(t, err)
	refund, err := d.WaitStatus(ctx, transfer.MintWorkflowID(refundHash))
	require.NoError(t, err)
	require.Equal(t, transfer.StatusRefunded, refund.Status, refund.Reason)
	require.Contains(t, refund.Reason, "zero address")

	// Twelve scanners, one order per transfer.
	require.Equal(t, 3, d.Copper.OrderCount())
	_, err = d.Invariant(ctx)
	require.NoError(t, err)

	if dir := os.Getenv("WPOKT_RECORD_HISTORIES"); dir != "" {
		ids := map[string]string{
			"mint.json": mint.TransferID, "burn.json": burn.TransferID, "refund.json": refund.TransferID,
			"control.json": transfer.ControlWorkflowID,
		}
		for name, id := range ids {
			recordHistory(t, tc, id, filepath.Join(dir, name))
		}
		recordTrust(t, d, ids, filepath.Join(dir, "trust.json"))
	}
}

// recordTrust writes the devnet's signing set (the nodes' public reading
// keys and the threshold) and the histories' workflow IDs beside them: the
// replayer runs each workflow under its own ID with the trust its recorded
// readings were signed under.
func recordTrust(t *testing.T, d *devnet.Devnet, ids map[string]string, path string) {
	t.Helper()
	keys := map[string]string{}
	for i := 1; i <= d.NodeCount(); i++ {
		id := devnet.NodeID(i)
		keys[id] = hex.EncodeToString(devnet.ReadingKey(id).Public().(ed25519.PublicKey))
	}
	data, err := json.MarshalIndent(map[string]any{"threshold": d.Options().Threshold, "reading_keys": keys, "workflow_ids": ids,
		"release_after_seconds": int64(d.Options().Governor.ReleaseAfter / time.Second)}, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append(data, '\n'), 0o644))
}

// recordHistory writes a workflow's history as JSON, for the replay test
// in package workflows (make record-histories).
func recordHistory(t *testing.T, c client.Client, workflowID, path string) {
	t.Helper()
	iter := c.GetWorkflowHistory(context.Background(), workflowID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	hist := &historypb.History{}
	for iter.HasNext() {
		e, err := iter.Next()
		require.NoError(t, err)
		hist.Events = append(hist.Events, e)
	}
	data, err := temporalproto.CustomJSONMarshalOptions{Indent: "  "}.Marshal(hist)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o644))
	t.Logf("recorded %s (%d events) to %s", workflowID, len(hist.Events), path)
}
