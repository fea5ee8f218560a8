package e2e

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/lockedio"
	"github.com/wpokt/bridge/starters"
	"github.com/wpokt/bridge/transfer"
	"github.com/wpokt/bridge/workers"
)

// TestForgedReadingsAreIgnored: before any node's scanner reads a valid
// deposit, someone with access to the namespace starts its workflow with
// nine readings calling it invalid from node IDs outside the signing set,
// and nine more from real node IDs signed with the wrong key. They are
// dropped (with a log line each); the deposit is minted once the honest
// nodes read it.
func TestForgedReadingsAreIgnored(t *testing.T) {
	var logged lockedio.Writer
	e := start(t, 21, func(o *devnet.Options) { o.NodeLog = io.MultiWriter(o.NodeLog, &logged) })
	alice, bob := e.d.Users[0], e.d.Users[1]
	for n := 1; n <= nodeCount; n++ {
		e.d.StopNode(n)
	}
	const amount = 25 * pokt
	id := e.mint(alice, bob.Eth.Address, amount)
	hash := strings.TrimPrefix(id, "mint-")

	cfg, err := config.Load(e.d.NodeConfigPath(1))
	require.NoError(t, err)
	in := transfer.MintInput{TxHash: hash, Settings: workers.Settings(cfg, starters.ChainPocket)}
	lie := transfer.Reading{Class: transfer.ClassInvalid, Reason: "forged: not a deposit", Recipient: strings.ToLower(alice.PoktAddress), Amount: amount}
	var forged []transfer.SeenSignal
	for i := 1; i <= 9; i++ {
		stranger := devnet.NodeID(90 + i)
		forged = append(forged,
			transfer.SeenSignal{NodeID: stranger, Height: 1, Report: lie}.Sign(id, devnet.ReadingKey(stranger)),
			transfer.SeenSignal{NodeID: devnet.NodeID(i), Height: 1, Report: lie}.Sign(id, devnet.ReadingKey("mallory")))
	}
	ctx, cancel := context.WithTimeout(e.ctx, 30*time.Second)
	defer cancel()
	_, err = e.tc.SignalWithStartWorkflow(ctx, id, transfer.SignalSeen, forged[0],
		client.StartWorkflowOptions{ID: id, TaskQueue: cfg.Temporal.TaskQueue}, transfer.MintWorkflowType, in)
	require.NoError(t, err)
	for _, s := range forged[1:] {
		require.NoError(t, e.tc.SignalWorkflow(ctx, id, "", transfer.SignalSeen, s))
	}

	for n := 1; n <= nodeCount; n++ {
		require.NoError(t, e.d.StartNode(e.ctx, n))
	}
	e.finish(2 * time.Minute)
	doc, _ := e.doc(id)
	require.Equal(t, transfer.StatusExecuted, doc.Status, doc.Reason)
	require.GreaterOrEqual(t, strings.Count(logged.String(), "dropped a reading that is not signed by a node of the signing set"), len(forged),
		"every forged reading is dropped with a log line")
}
