package e2e

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/secret"
	"github.com/wpokt/bridge/transfer"
)

// TestASecondOrderForAPaidTransferGetsNoHonestSignature: a malicious node
// with its own Copper API key and access to the Temporal namespace files a
// second order for an executed burn and for an executed mint (nonce 2, the
// chain's next) in a Copper that allows it, and schedules their signing on
// every signer queue: no node signs either, each one refuses with an alert,
// and nothing moves twice.
func TestASecondOrderForAPaidTransferGetsNoHonestSignature(t *testing.T) {
	e := start(t, 12, nil)
	alice, bob := e.d.Users[0], e.d.Users[1]
	minted := e.mint(alice, alice.Eth.Address, 40*pokt)
	e.waitStatus(time.Minute, []string{minted}, transfer.StatusExecuted)
	burned := e.burn(alice, 10*pokt, bob.PoktAddress)
	e.waitStatus(time.Minute, []string{burned}, transfer.StatusExecuted)
	wpokt, err := e.d.Eth.BalanceOf(e.ctx, alice.Eth.Address)
	require.NoError(t, err)
	paid := e.poktBalance(bob.PoktAddress)

	cs := e.d.Copper
	cs.AllowDuplicateExternalIDs(true)
	rogue := cs.Nodes()[len(cs.Nodes())-1]
	var reqs []transfer.SignRequest
	for _, id := range []string{minted, burned} {
		first, ok := cs.OrderByExternalID(id)
		require.True(t, ok)
		require.Equal(t, copper.StatusExecuted, first.Status)
		second := secondOrder(t, e, rogue, first)
		kind, hash, n, err := transfer.ParseWorkflowID(id)
		require.NoError(t, err)
		orderKind := transfer.OrderReturn
		if kind == transfer.KindMint {
			orderKind = transfer.OrderMint
		}
		for _, node := range cs.Nodes() {
			reqs = append(reqs, transfer.SignRequest{NodeID: node.ID, WorkflowID: id, Kind: orderKind,
				SourceTxHash: hash, LogPosition: n, OrderID: second.OrderID})
		}
	}

	// The rogue node's own workflow, on its own queue, asks every signer.
	const queue = "rogue"
	w := worker.New(e.tc, queue, worker.Options{})
	w.RegisterWorkflowWithOptions(askEverySigner, workflow.RegisterOptions{Name: "rogue-sign"})
	require.NoError(t, w.Start())
	defer w.Stop()
	run, err := e.tc.ExecuteWorkflow(e.ctx, client.StartWorkflowOptions{ID: "rogue-double-pay", TaskQueue: queue}, "rogue-sign", reqs)
	require.NoError(t, err)
	var answers []string
	require.NoError(t, run.Get(e.ctx, &answers))

	require.Len(t, answers, len(reqs))
	for i, a := range answers {
		assert.Contains(t, a, "refused: ALERT: transfer "+reqs[i].WorkflowID+" already has order", "%s", reqs[i].NodeID)
	}
	for _, req := range reqs {
		assert.Zero(t, cs.SignatureCount(req.OrderID), "no signature on %s", req.OrderID)
	}
	for i := 1; i <= e.d.NodeCount(); i++ {
		status, body := httpGet(t, "http://"+e.d.NodeMetricsAddress(i)+"/metrics")
		require.Equal(t, 200, status)
		assert.Contains(t, body, `wpokt_signer_alerts_total{reason="second_order"} 2`, "node %d", i)
	}
	after, err := e.d.Eth.BalanceOf(e.ctx, alice.Eth.Address)
	require.NoError(t, err)
	assert.Equal(t, wpokt, after, "minted once")
	assert.Equal(t, paid, e.poktBalance(bob.PoktAddress), "paid once")
}

// secondOrder files, with the rogue node's own API key, an order paying
// what first paid under first's externalOrderId (a mint with the next
// nonce), and starts its signing.
func secondOrder(t *testing.T, e *env, rogue coppersim.NodeConfig, first copper.Order) *copper.Order {
	t.Helper()
	payload := first.Extra.Payload
	if payload != "" {
		data, err := hex.DecodeString(strings.TrimPrefix(payload, "0x"))
		require.NoError(t, err)
		to, amount, nonce, err := eth.DecodeMintCall(data)
		require.NoError(t, err)
		payload = "0x" + hex.EncodeToString(eth.EncodeMintCall(to, amount, new(big.Int).Add(nonce, big.NewInt(1))))
	}
	o, err := coppersim.PostOrder(e.ctx, e.d.Copper.PlatformURL(), rogue.API, copper.CreateOrderBody{
		ExternalOrderID: first.ExternalOrderID, OrderType: first.OrderType, PortfolioID: devnet.PortfolioID,
		BaseCurrency: first.BaseCurrency, MainCurrency: first.MainCurrency, Amount: first.Amount,
		ToAddress: first.Extra.ToAddress, Memo: first.Extra.Memo,
		BlockchainTransactionType: first.Extra.BlockchainTransactionType, Payload: payload,
	})
	require.NoError(t, err)
	c, err := copper.NewClient(copper.Config{BaseURL: e.d.Copper.PlatformURL(), APIKey: secret.Value(rogue.API.Key),
		APISecret: secret.Value(rogue.API.Secret), PortfolioID: devnet.PortfolioID, Timeout: 5 * time.Second})
	require.NoError(t, err)
	require.NoError(t, c.StartSigning(e.ctx, o.OrderID))
	return o
}

// askEverySigner schedules each request's signing on its node's queue,
// once, and returns what each answered.
func askEverySigner(ctx workflow.Context, reqs []transfer.SignRequest) ([]string, error) {
	futures := make([]workflow.Future, len(reqs))
	for i, req := range reqs {
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue: transfer.SignerQueue(req.NodeID), StartToCloseTimeout: time.Minute,
			RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		futures[i] = workflow.ExecuteActivity(actx, transfer.ActivitySign, req)
	}
	answers := make([]string, len(reqs))
	for i, f := range futures {
		var res transfer.SignResult
		if err := f.Get(ctx, &res); err != nil {
			answers[i] = err.Error()
		} else {
			answers[i] = fmt.Sprintf("signed: %+v", res)
		}
	}
	return answers, nil
}
