package e2e

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"

	pocket "github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/transfer"
)

// TestReorgs: source transactions that a reorg moves or removes before
// they are confirmed. (a) A burn re-mined in another block executes once,
// under its one workflow; (b) a burn replaced on the new branch by another
// tx of the same sender and nonce ends failed, nothing paid; (c) a deposit
// that vanishes before confirmation ends failed, nothing minted: on Shannon
// (CometBFT does not reorg) a phantom deposit in one node's tx_search
// answers, which no read by hash finds.
//
// Confirmations are high (5 on Ethereum, 4 on Pocket) and block production
// is stopped around each reorg, so each one happens at a known point: after
// the workflow read the tx with 1 confirmation, before it could confirm.
func TestReorgs(t *testing.T) { reorgs(t, nil) }

// TestReorgsMorse: the same on Morse, whose simulator drops the deposit.
func TestReorgsMorse(t *testing.T) { reorgs(t, onMorse(nil)) }

func reorgs(t *testing.T, tweak func(*devnet.Options)) {
	e := start(t, 4, func(o *devnet.Options) {
		o.EthConfirmations, o.PocketConfirmations = 5, 4
		if tweak != nil {
			tweak(o)
		}
	})
	alice, bob := e.d.Users[0], e.d.Users[1]
	setup := []string{e.mint(alice, alice.Eth.Address, 100*pokt), e.mint(bob, bob.Eth.Address, 100*pokt)}
	e.waitStatus(time.Minute, setup, transfer.StatusExecuted)
	eth := e.d.Eth.Client()

	t.Run("burn re-mined in another block executes once", func(t *testing.T) {
		e.clock.PauseEth()
		parent, err := eth.HeaderByNumber(e.ctx, nil)
		require.NoError(t, err)
		id := e.burn(alice, 10*pokt, alice.PoktAddress)
		hash := burnTxHash(t, id)
		first := e.mineOne(hash)
		e.waitStatus(30*time.Second, []string{id}, transfer.StatusDetected)

		require.NoError(t, e.d.Eth.Fork(parent.Hash()))
		e.waitPending(hash)
		second := e.mineOne(hash)
		require.NotEqual(t, first.BlockHash, second.BlockHash, "the burn is in another block")
		e.clock.ResumeEth()
		t.Logf("burn %s mined in %s, re-mined in %s after the reorg", hash.Hex(), first.BlockHash.Hex(), second.BlockHash.Hex())

		e.waitStatus(time.Minute, []string{id}, transfer.StatusExecuted)
		doc, _ := e.doc(id)
		assert.EqualValues(t, second.BlockNumber.Int64(), doc.SourceHeight, "confirmed in the new block")
	})

	t.Run("burn replaced by a conflicting tx fails", func(t *testing.T) {
		e.clock.PauseEth()
		parent, err := eth.HeaderByNumber(e.ctx, nil)
		require.NoError(t, err)
		hashHex, err := e.d.Burn(e.ctx, bob, 20*pokt, bob.PoktAddress)
		require.NoError(t, err)
		hash := common.HexToHash(hashHex)
		id := transfer.BurnWorkflowID(hashHex, 0)
		// Nothing moves: the burn never happens on the canonical chain.
		e.expect(want{ID: id, Kind: transfer.KindBurn, Status: transfer.StatusFailed, Reason: "vanished before confirmation"})
		e.mineOne(hash)
		e.waitStatus(30*time.Second, []string{id}, transfer.StatusDetected)

		require.NoError(t, e.d.Eth.Fork(parent.Hash()))
		burnTx := e.waitPending(hash)
		conflict := e.replace(bob.Eth, burnTx)
		rcpt := e.mineOne(conflict.Hash())
		require.Equal(t, types.ReceiptStatusSuccessful, rcpt.Status)
		e.clock.ResumeEth()
		_, err = eth.TransactionReceipt(e.ctx, hash)
		require.Error(t, err, "the burn is gone from the chain")

		e.waitStatus(time.Minute, []string{id}, transfer.StatusFailed)
		_, found := e.d.Copper.OrderByExternalID(id)
		assert.False(t, found, "no Copper order for a burn that vanished")
	})

	t.Run("phantom deposit fails", func(t *testing.T) {
		if e.d.Protocol() == pocket.Morse {
			t.Skip("Morse drops a real deposit instead")
		}
		p := newPhantom(e, alice, 30*pokt, devnet.MintMemo(bob.Eth.Address))
		id := transfer.MintWorkflowID(p.hash)
		e.expectUnprojected(id)
		liar := pickNodes(e, 1)[0]
		e.d.PocketProxy(liar).SetRewrite(p.rewrite())
		defer e.d.PocketProxy(liar).SetRewrite(nil)
		t.Logf("node %d's Pocket RPC lists phantom deposit %s", liar, p.hash)

		// The liar's scanner starts the workflow; no read by hash finds the
		// deposit, and it ends failed once the chain is past where it
		// would have confirmed. One node's sighting never reaches the
		// projection, and nothing moves.
		var st transfer.State
		eventually(t, time.Minute, func() (bool, string) {
			res, err := e.tc.DescribeWorkflowExecution(e.ctx, id, "")
			if err != nil {
				return false, err.Error()
			}
			if res.GetWorkflowExecutionInfo().GetStatus() != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
				return false, id + " still " + res.GetWorkflowExecutionInfo().GetStatus().String()
			}
			v, err := e.tc.QueryWorkflow(e.ctx, id, "", transfer.QueryState)
			if err != nil {
				return false, err.Error()
			}
			return v.Get(&st) == nil, "query " + id
		})
		assert.Equal(t, transfer.StatusFailed, st.Status)
		assert.Contains(t, st.Reason, "vanished before confirmation")
		_, found := e.d.Copper.OrderByExternalID(id)
		assert.False(t, found, "no Copper order for a deposit that never was")
		_, projected := e.doc(id)
		assert.False(t, projected, "one node's sighting is not projected")
		t.Logf("phantom: %s", st.Reason)
	})

	t.Run("deposit dropped by Pocket fails", func(t *testing.T) {
		if e.d.Protocol() != pocket.Morse {
			t.Skip("CometBFT does not drop a committed tx")
		}
		e.clock.PausePocket()
		hash := e.sendDeposit(alice, 30*pokt, devnet.MintMemo(bob.Eth.Address))
		id := transfer.MintWorkflowID(hash)
		// Nothing moves: Pocket reverts the dropped send, fee included.
		e.expect(want{ID: id, Kind: transfer.KindMint, Status: transfer.StatusFailed, Reason: "vanished before confirmation", Amount: 30 * pokt})
		e.d.Morse.NextBlock()
		e.waitStatus(30*time.Second, []string{id}, transfer.StatusDetected)
		require.NoError(t, e.d.Morse.Drop(hash))
		e.clock.ResumePocket()

		e.waitStatus(time.Minute, []string{id}, transfer.StatusFailed)
		_, found := e.d.Copper.OrderByExternalID(id)
		assert.False(t, found, "no Copper order for a deposit that vanished")
	})

	e.finish(time.Minute)
}

func burnTxHash(t *testing.T, id string) common.Hash {
	_, h, _, err := transfer.ParseWorkflowID(id)
	require.NoError(t, err)
	return common.HexToHash(h)
}

// mineOne makes one Ethereum block, which must include the tx, and returns
// its receipt.
func (e *env) mineOne(hash common.Hash) *types.Receipt {
	e.t.Helper()
	e.d.Eth.Commit(1)
	rcpt, err := e.d.Eth.Client().TransactionReceipt(e.ctx, hash)
	require.NoError(e.t, err, "tx %s not in the block just made", hash.Hex())
	return rcpt
}

// waitPending waits until the pool holds the tx again (a reorg put it back).
func (e *env) waitPending(hash common.Hash) *types.Transaction {
	e.t.Helper()
	var tx *types.Transaction
	eventually(e.t, 10*time.Second, func() (bool, string) {
		got, pending, err := e.d.Eth.Client().TransactionByHash(e.ctx, hash)
		if err != nil || !pending {
			return false, "the orphaned tx is not back in the pool"
		}
		tx = got
		return true, ""
	})
	return tx
}

// replace sends a tx with the same sender and nonce as orig, paying more so
// that the pool takes it instead: a zero-value send to itself.
func (e *env) replace(from ethnet.Account, orig *types.Transaction) *types.Transaction {
	e.t.Helper()
	to := from.Address
	tx, err := types.SignNewTx(from.Key, types.LatestSignerForChainID(big.NewInt(ethnet.ChainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(ethnet.ChainID), Nonce: orig.Nonce(),
		GasTipCap: new(big.Int).Mul(orig.GasTipCap(), big.NewInt(2)), GasFeeCap: new(big.Int).Mul(orig.GasFeeCap(), big.NewInt(2)),
		Gas: 21_000, To: &to,
	})
	require.NoError(e.t, err)
	require.NoError(e.t, e.d.Eth.Client().SendTransaction(e.ctx, tx))
	e.waitPending(tx.Hash())
	return tx
}

// TestBurnOnlyOnTheNewBranch: a reorg brings in a block with a burn that
// the old branch did not have, at a height the polling scanners (no
// subscription) already scanned on the old branch. The burn must still be
// found and executed.
func TestBurnOnlyOnTheNewBranch(t *testing.T) {
	e := start(t, 12, func(o *devnet.Options) {
		o.EthConfirmations = 3
		o.NoSubscription = true
	})
	alice := e.d.Users[0]
	e.waitStatus(time.Minute, []string{e.mint(alice, alice.Eth.Address, 50*pokt)}, transfer.StatusExecuted)

	e.clock.PauseEth()
	parent, err := e.d.Eth.Client().HeaderByNumber(e.ctx, nil)
	require.NoError(t, err)
	e.d.Eth.Commit(2) // two blocks without the burn on the old branch
	e.waitScanned("eth", parent.Number.Int64()+2)
	require.NoError(t, e.d.Eth.Fork(parent.Hash()))
	id := e.burn(alice, 10*pokt, alice.PoktAddress)
	rcpt := e.mineOne(burnTxHash(t, id))
	t.Logf("burn mined at height %d of the new branch; the scanners had scanned up to %d on the old one", rcpt.BlockNumber, parent.Number.Int64()+2)
	e.clock.ResumeEth()
	e.finish(time.Minute)
}

// waitScanned waits until every running node's scanner of chain ("eth" or
// "pokt") has scanned up to height, as its metrics say.
func (e *env) waitScanned(chain string, height int64) {
	e.t.Helper()
	eventually(e.t, 30*time.Second, func() (bool, string) {
		for i := 1; i <= e.d.NodeCount(); i++ {
			if !e.d.NodeRunning(i) {
				continue
			}
			_, body := httpGet(e.t, "http://"+e.d.NodeMetricsAddress(i)+"/metrics")
			got := int64(-1)
			for _, line := range strings.Split(body, "\n") {
				if v, ok := strings.CutPrefix(line, `wpokt_scanner_height{chain="`+chain+`"} `); ok {
					f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
					got = int64(f)
				}
			}
			if got < height {
				return false, fmt.Sprintf("node %d scanned %s up to %d, not %d", i, chain, got, height)
			}
		}
		return true, ""
	})
}
