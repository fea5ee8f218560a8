package e2e

import (
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	pocket "github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/rpcproxy"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// TestLyingRPCs: a node whose RPC lies refuses to co-sign, with the reason
// in the projection, and the honest nodes carry the transfer. One node's
// Pocket RPC adds 1 POKT to deposits, another's rewrites their memos to
// mint to a thief, a third node's Ethereum RPC adds 1 POKT to the amount of
// burns; later four nodes lie about one deposit: it is stuck with their
// reasons until their RPCs are fixed and an operator sends retry-signers.
//
// The RPCs lie about a transfer once its Copper order exists, i.e. to the
// nodes' signers. (A node that lies while it runs the transfer's workflow
// makes the order itself wrong: the honest nodes then refuse it and the
// transfer is stuck, funds safe; TestLyingWorkflowNode pins that down.)
//
// On Shannon a node's RPC cannot change a real tx's body (its hash is the
// sha256 of its bytes): the Pocket liars add 1 POKT to the deposit's
// transfer event instead, which their nodes read as a tx whose events
// disagree with its body.
func TestLyingRPCs(t *testing.T) { lyingRPCs(t, nil) }

// TestLyingRPCsMorse: the same on the Morse simulator, whose liars change
// amounts and memos.
func TestLyingRPCsMorse(t *testing.T) { lyingRPCs(t, onMorse(nil)) }

func lyingRPCs(t *testing.T, tweak func(*devnet.Options)) {
	e := start(t, 5, tweak)
	users := e.d.Users
	held := map[common.Address]uint64{}
	var setup []string
	for i, u := range users {
		amount := e.amount(100, 200)
		setup = append(setup, e.mint(u, users[(i+1)%len(users)].Eth.Address, amount))
		held[users[(i+1)%len(users)].Eth.Address] += amount
	}
	e.waitStatus(time.Minute, setup, transfer.StatusExecuted)

	t.Run("lying nodes refuse, the honest nodes sign", func(t *testing.T) {
		picked := pickNodes(e, 6)
		amountLiar, memoLiar, ethLiar, stopped := picked[0], picked[1], picked[2], picked[3:]
		all := func(string) bool { return true }
		thief := devnet.NewUser("thief", e.d.Protocol()).Eth.Address
		amountLie, amountSays := depositLie(e, all)
		memoLie, memoSays := lieAboutMemos(e.d, thief, all), ", want "+thief.Hex()
		if e.d.Protocol() != pocket.Morse {
			memoLie, memoSays = amountLie, amountSays // no memo lie without a new tx hash
		}
		e.d.PocketProxy(amountLiar).SetRewrite(amountLie)
		e.d.PocketProxy(memoLiar).SetRewrite(memoLie)
		e.d.EthProxy(ethLiar).SetRewrite(lieAboutBurns(e.d, all))
		defer e.d.PocketProxy(amountLiar).SetRewrite(nil)
		defer e.d.PocketProxy(memoLiar).SetRewrite(nil)
		defer e.d.EthProxy(ethLiar).SetRewrite(nil)
		// With 3 honest nodes stopped, at most 8 honest ones remain for
		// each transfer: it waits until its liars' refusals are on record,
		// so that no refusal can lose the race to the 9th honest signature.
		for _, n := range stopped {
			e.d.StopNode(n)
		}
		t.Logf("Pocket RPCs of nodes %d (amounts) and %d (memos) lie, Ethereum RPC of node %d lies; nodes %v stopped for a while",
			amountLiar, memoLiar, ethLiar, stopped)

		var deposits []string
		for i := range 3 {
			deposits = append(deposits, e.mint(users[i], users[i+1].Eth.Address, e.amount(1, 50)))
		}
		burns := randomBurns(e, users, held, 3)
		e.mayBeRefused(deposits...)
		e.mayBeRefused(burns...)
		// Each liar, and what its refusal says.
		type refusal struct{ node, says string }
		liarsOf := map[string][]refusal{}
		for _, id := range deposits {
			liarsOf[id] = []refusal{{devnet.NodeID(amountLiar), amountSays}, {devnet.NodeID(memoLiar), memoSays}}
		}
		for _, id := range burns {
			liarsOf[id] = []refusal{{devnet.NodeID(ethLiar), "upokt, want"}}
		}
		eventually(t, time.Minute, func() (bool, string) {
			docs := e.docs()
			for id, liars := range liarsOf {
				doc := docs[id]
				if doc.Status != transfer.StatusStarted || len(doc.Refusals) != len(liars) {
					return false, fmt.Sprintf("%s is %s (%s), refusals %v", id, doc.Status, doc.Reason, doc.Refusals)
				}
			}
			return true, ""
		})
		for _, n := range stopped {
			require.NoError(t, e.d.StartNode(e.ctx, n))
		}
		e.waitStatus(time.Minute, append(slices.Clone(deposits), burns...), transfer.StatusExecuted)
		docs := e.docs()
		for id, liars := range liarsOf {
			doc := docs[id]
			assert.Len(t, doc.Refusals, len(liars), "%s: only its liars refused: %v", id, doc.Refusals)
			for _, l := range liars {
				assert.NotContains(t, doc.Signers, l.node, "%s signed by a lying node", id)
				assert.True(t, refusedBy(doc, l.node, l.says), "%s: refusal of %s says %q: %v", id, l.node, l.says, doc.Refusals)
			}
		}
		for _, r := range docs[deposits[0]].Refusals {
			t.Logf("e.g. %s", r.Reason)
		}
		t.Logf("e.g. %s", docs[burns[0]].Refusals[0].Reason)
	})

	t.Run("four liars: stuck with reasons, then retry-signers", func(t *testing.T) {
		liars := pickNodes(e, 4)
		var target atomic.Value
		target.Store("")
		lie, says := depositLie(e, func(id string) bool { return id == target.Load() })
		for _, n := range liars {
			e.d.PocketProxy(n).SetRewrite(lie)
		}
		id := e.mint(users[0], users[1].Eth.Address, 42*pokt)
		target.Store(id)
		e.mayBeRefused(id)
		t.Logf("Pocket RPCs of nodes %v lie about %s", liars, id)

		stuck := func() (bool, string) {
			doc, ok := e.doc(id)
			if !ok || doc.Status != transfer.StatusStarted || len(doc.Refusals) != len(liars) || !strings.Contains(doc.Reason, "stuck") {
				return false, fmt.Sprintf("%s is %s (%s), refusals %v", id, doc.Status, doc.Reason, doc.Refusals)
			}
			if n := e.d.Copper.SignatureCount(doc.OrderID); n != nodeCount-len(liars) {
				return false, fmt.Sprintf("order %s has %d co-signatures", doc.OrderID, n)
			}
			return true, ""
		}
		eventually(t, time.Minute, stuck)
		// It stays stuck while the chains move on.
		from := e.d.PocketHeight()
		eventually(t, time.Minute, func() (bool, string) { return e.d.PocketHeight() >= from+8, "waiting for 8 more Pocket blocks" })
		ok, why := stuck()
		require.True(t, ok, why)
		doc, _ := e.doc(id)
		for _, n := range liars {
			assert.True(t, refusedBy(doc, devnet.NodeID(n), says), "refusal of node %d: %v", n, doc.Refusals)
		}
		assert.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, e.describe(id))
		order, _ := e.d.Copper.OrderByExternalID(id)
		assert.False(t, order.Status.Terminal(), "order %s is %s", order.OrderID, order.Status)
		t.Logf("stuck: %s", doc.Reason)

		for _, n := range liars {
			e.d.PocketProxy(n).SetRewrite(nil)
		}
		require.NoError(t, e.tc.SignalWorkflow(e.ctx, id, "", transfer.SignalRetrySigners, nil))
		e.waitStatus(time.Minute, []string{id}, transfer.StatusExecuted)
		doc, _ = e.doc(id)
		var retried bool
		for _, n := range liars {
			retried = retried || slices.Contains(doc.Signers, devnet.NodeID(n))
		}
		assert.True(t, retried, "a fixed node signed after retry-signers: %v", doc.Signers)
	})

	e.finish(time.Minute)
}

// TestLyingWorkflowNode: the node that runs a transfer's workflow has a
// lying RPC. The order is built from what 9 nodes' scanners read alike, not
// from that node's read, so the transfer executes with the true amount and
// only the liar refuses to co-sign. On Shannon the liar's lie (events that
// disagree with the body) makes its own read "failed": the workflow asks
// every node to read the source, and goes on with what a threshold of them
// read (workflows/quorum.go) rather than end failed on one node's word.
func TestLyingWorkflowNode(t *testing.T) { lyingWorkflowNode(t, nil) }

// TestLyingWorkflowNodeMorse: the same on Morse.
func TestLyingWorkflowNodeMorse(t *testing.T) { lyingWorkflowNode(t, onMorse(nil)) }

func lyingWorkflowNode(t *testing.T, tweak func(*devnet.Options)) {
	lieToTheWorkflowNode(t, 6, tweak, func(e *env) rpcproxy.Rewrite {
		lie, _ := depositLie(e, func(string) bool { return true }, evenBeforeTheOrder())
		return lie
	}, func(reason string) bool {
		return strings.Contains(reason, "waiting for 9 nodes to read the transfer alike") ||
			strings.Contains(reason, "waiting for a threshold of nodes to agree")
	})
}

// lieToTheWorkflowNode runs a valid deposit whose workflow runs on the one
// node up at first, whose RPC tells lie. The deposit waits, saying so
// (waiting), with no order and not failed; once the other nodes are up it
// executes, paying what they read, and only the liar may refuse it.
func lieToTheWorkflowNode(t *testing.T, seed uint64, tweak func(*devnet.Options), lie func(*env) rpcproxy.Rewrite, waiting func(reason string) bool) {
	e := start(t, seed, tweak)
	alice, bob := e.d.Users[0], e.d.Users[1]
	liar := 7
	// Only the liar runs at first: it takes the workflow, and lies to itself.
	for n := 1; n <= nodeCount; n++ {
		if n != liar {
			e.d.StopNode(n)
		}
	}
	e.d.PocketProxy(liar).SetRewrite(lie(e))
	const amount = 10 * pokt
	id := e.mint(alice, bob.Eth.Address, amount)
	e.mayBeRefused(id)
	var reason string
	eventually(t, time.Minute, func() (bool, string) {
		v, err := e.tc.QueryWorkflow(e.ctx, id, "", transfer.QueryState)
		if err != nil {
			return false, err.Error()
		}
		var st transfer.State
		if err := v.Get(&st); err != nil {
			return false, err.Error()
		}
		reason = st.Reason
		return waiting(st.Reason) && st.Status != transfer.StatusFailed, fmt.Sprintf("%s: %s (%s)", id, st.Status, st.Reason)
	})
	t.Logf("with only the liar up: %s", reason)
	_, hasOrder := e.d.Copper.OrderByExternalID(id)
	assert.False(t, hasOrder, "no order from one node's reading")
	for n := 1; n <= nodeCount; n++ {
		require.NoError(t, e.d.StartNode(e.ctx, n))
	}
	e.finish(2 * time.Minute)
	doc, _ := e.doc(id)
	assert.EqualValues(t, amount, doc.PayAmountUpokt, "the order pays what 9 nodes read")
	for _, r := range doc.Refusals {
		assert.Equal(t, devnet.NodeID(liar), r.NodeID, "only the liar refuses: %s", r.Reason)
	}
}

// refusedBy reports whether node refused the transfer with a reason
// containing text.
func refusedBy(doc store.Document, node, text string) bool {
	for _, r := range doc.Refusals {
		if r.NodeID == node && strings.Contains(r.Reason, text) {
			return true
		}
	}
	return false
}

type lieOption func(*lieConfig)

type lieConfig struct{ evenWithoutOrder bool }

// evenBeforeTheOrder lies about a transfer before its Copper order exists too,
// i.e. also to the node that runs its workflow.
func evenBeforeTheOrder() lieOption { return func(c *lieConfig) { c.evenWithoutOrder = true } }

func (c *lieConfig) lies(d *devnet.Devnet, id string) bool {
	if c.evenWithoutOrder {
		return true
	}
	_, ok := d.Copper.OrderByExternalID(id)
	return ok
}

// lieAboutDeposits makes a Pocket RPC answer /v1/query/tx with 1 POKT more
// than the deposit's amount, for the transfers about which it lies.
func lieAboutDeposits(d *devnet.Devnet, about func(id string) bool, opts ...lieOption) rpcproxy.Rewrite {
	return rewriteDeposits(d, about, opts, func(tx map[string]any) bool {
		value, ok := dig(tx, "stdTx", "msg", "value")
		if !ok {
			return false
		}
		s, _ := value["amount"].(string)
		amount, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return false
		}
		value["amount"] = strconv.FormatUint(amount+pokt, 10)
		return true
	})
}

// lieAboutMemos makes a Pocket RPC answer /v1/query/tx with a memo that
// mints to another address.
func lieAboutMemos(d *devnet.Devnet, to common.Address, about func(id string) bool, opts ...lieOption) rpcproxy.Rewrite {
	return rewriteDeposits(d, about, opts, func(tx map[string]any) bool {
		std, ok := dig(tx, "stdTx")
		if ok {
			std["memo"] = devnet.MintMemo(to)
		}
		return ok
	})
}

// rewriteDeposits makes a Pocket RPC change its answers to /v1/query/tx
// with lie, for the transfers about which it lies.
func rewriteDeposits(d *devnet.Devnet, about func(id string) bool, opts []lieOption, lie func(tx map[string]any) bool) rpcproxy.Rewrite {
	var c lieConfig
	for _, o := range opts {
		o(&c)
	}
	return func(path string, req, resp []byte) []byte {
		var q struct {
			Hash string `json:"hash"`
		}
		if path != "/v1/query/tx" || json.Unmarshal(req, &q) != nil {
			return resp
		}
		id := transfer.MintWorkflowID(q.Hash)
		if !about(id) || !c.lies(d, id) {
			return resp
		}
		return rewriteJSON(resp, lie)
	}
}

var burnTopic = crypto.Keccak256Hash([]byte("BurnAndBridge(uint256,address,address)"))

// lieAboutBurns makes an Ethereum RPC answer eth_getTransactionReceipt with
// 1 POKT more in the amount topic of BurnAndBridge logs.
func lieAboutBurns(d *devnet.Devnet, about func(id string) bool, opts ...lieOption) rpcproxy.Rewrite {
	var c lieConfig
	for _, o := range opts {
		o(&c)
	}
	return func(_ string, req, resp []byte) []byte {
		var call struct {
			Method string   `json:"method"`
			Params []string `json:"params"`
		}
		if json.Unmarshal(req, &call) != nil || call.Method != "eth_getTransactionReceipt" || len(call.Params) != 1 {
			return resp
		}
		id := transfer.BurnWorkflowID(call.Params[0], 0)
		if !about(id) || !c.lies(d, id) {
			return resp
		}
		return rewriteJSON(resp, func(msg map[string]any) bool {
			result, _ := msg["result"].(map[string]any)
			logs, _ := result["logs"].([]any)
			for _, l := range logs {
				lm, _ := l.(map[string]any)
				topics, _ := lm["topics"].([]any)
				if len(topics) != 4 || !strings.EqualFold(fmt.Sprint(topics[0]), burnTopic.Hex()) {
					continue
				}
				amount := new(big.Int).SetBytes(common.FromHex(fmt.Sprint(topics[1])))
				topics[1] = common.BigToHash(amount.Add(amount, big.NewInt(pokt))).Hex()
			}
			return true
		})
	}
}

func dig(m map[string]any, keys ...string) (map[string]any, bool) {
	for _, k := range keys {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil, false
		}
		m = next
	}
	return m, true
}
