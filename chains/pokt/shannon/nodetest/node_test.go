package nodetest

import (
	"strings"
	"testing"
	"time"

	"github.com/wpokt/bridge/transfer"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/chains/pokt/shannon"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

// TestDepositsReadBack sends three deposits with the wallet and reads them
// back by hash and by tx_search, paged two at a time.
func TestDepositsReadBack(t *testing.T) {
	n := startNet(t)
	start := n.head(t) + 1 // the first block Height has not reached yet
	var hashes []string
	for i, amount := range []uint64{25_000_000, 1_000_000, 7_000_000} {
		m := memo
		if i == 1 {
			m = "not a memo"
		}
		hashes = append(hashes, n.deposit(t, amount, m))
	}

	n.rec.save("tx_deposit")
	tx, err := n.client.Tx(n.ctx, strings.ToLower(hashes[0]))
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, hashes[0], tx.Hash)
	assert.True(t, tx.Success() && tx.IsSend(), "%+v", tx)
	assert.Equal(t, n.alice.Address(), tx.From)
	assert.Equal(t, n.vault.Address(), tx.To)
	assert.Equal(t, uint64(25_000_000), tx.Amount)
	assert.Equal(t, uint64(fee), tx.Fee)
	assert.Equal(t, memo, tx.Memo)

	head := n.head(t)
	n.rec.save("tx_search_deposits")
	txs, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), start, head)
	n.rec.save("")
	require.NoError(t, err)
	require.Len(t, txs, 3)
	for i, tx := range txs {
		assert.Equal(t, hashes[i], tx.Hash, "oldest first")
		assert.True(t, tx.IsSend())
	}
	assert.Equal(t, *tx, txs[0], "the same reading by hash and by search")

	rules := pokt.DepositRules{EthChainID: 1, FeeUpokt: fee, Vault: n.vault.Address(), VaultPaysFee: true}
	assert.Equal(t, transfer.ClassMint, pokt.ClassifyDeposit(txs[0], rules).Class)
	refund := pokt.ClassifyDeposit(txs[1], rules)
	assert.Equal(t, transfer.ClassRefund, refund.Class)
	assert.Equal(t, uint64(1_000_000), refund.PayAmount)
	assert.Equal(t, n.alice.Address(), refund.Recipient)

	// A window without deposits is one tx_search call.
	after := n.head(t) + 1
	waitHeight(t, n, after)
	before := n.rec.count("tx_search")
	n.rec.save("tx_search_empty")
	none, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), after, after)
	n.rec.save("")
	require.NoError(t, err)
	assert.Empty(t, none)
	assert.Equal(t, before+1, n.rec.count("tx_search"))

	sent, err := n.client.SentTxs(n.ctx, n.alice.Address(), start, head)
	require.NoError(t, err)
	assert.Len(t, sent, 3, "alice's three sends")

	n.rec.save("abci_query_balance")
	bal, err := n.client.Balance(n.ctx, n.vault.Address())
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, uint64(100_000_000+33_000_000), bal)
}

// TestNotASendOnChain: the edge cases the chain accepts but that are not one
// plain send of upokt: found by the scan, named, ended failed by the rules.
func TestNotASendOnChain(t *testing.T) {
	n := startNet(t)
	start := n.head(t) + 1 // the first block Height has not reached yet
	alice, vault := n.alice.Address(), n.vault.Address()
	cases := []struct {
		name, reason string
		raw          func() []byte
	}{
		{"tx_two_sends", shannon.ReasonSeveralSends, func() []byte {
			return n.signed(t, shannonnet.MsgSend(alice, vault, shannonnet.UPOKT(25_000_000)), shannonnet.MsgSend(alice, vault, shannonnet.UPOKT(1_000)))
		}},
		{"tx_multi_coin", shannon.ReasonMultiCoin, func() []byte {
			return n.signed(t, shannonnet.MsgSend(alice, vault, sdk.NewCoins(sdk.NewInt64Coin("upokt", 25_000_000), sdk.NewInt64Coin("uother", 5))))
		}},
		{"tx_other_denom", shannon.ReasonOtherDenom, func() []byte {
			return n.signed(t, shannonnet.MsgSend(alice, vault, sdk.NewCoins(sdk.NewInt64Coin("uother", 5))))
		}},
	}
	rules := pokt.DepositRules{EthChainID: 1, FeeUpokt: fee, Vault: vault}
	found := map[string]string{}
	for _, c := range cases {
		hash, err := n.client.SendRawTx(n.ctx, alice, c.raw())
		require.NoError(t, err, c.name)
		n.wait(t, hash)
		n.rec.save(c.name)
		tx, err := n.client.Tx(n.ctx, hash)
		n.rec.save("")
		require.NoError(t, err, c.name)
		assert.True(t, tx.Success(), c.name)
		assert.True(t, strings.HasPrefix(tx.NotASend, c.reason), "%s: %q", c.name, tx.NotASend)
		assert.Zero(t, tx.Amount, c.name)
		d := pokt.ClassifyDeposit(*tx, rules)
		assert.Equal(t, transfer.ClassFailed, d.Class, c.name)
		assert.Contains(t, d.Reason, c.reason, c.name)
		found[hash] = c.reason
	}
	txs, err := n.client.ReceivedTxs(n.ctx, vault, start, n.head(t))
	require.NoError(t, err)
	require.Len(t, txs, len(cases), "each has a transfer to the vault: the scan finds it")
	for _, tx := range txs {
		assert.True(t, strings.HasPrefix(tx.NotASend, found[tx.Hash]), "%q", tx.NotASend)
	}
}

// TestFailedTxOnChain: a send beyond the sender's balance passes CheckTx
// (fee only) and fails in the block with code 5, keeping only its fee
// events: a scan never finds it, a read by hash ends it failed, and the
// sender's sent txs list it (its fee transfer).
func TestFailedTxOnChain(t *testing.T) {
	n := startNet(t)
	start := n.head(t) + 1 // the first block Height has not reached yet
	hash, err := n.wallet.Send(n.ctx, shannonnet.SendParams{From: n.poor, To: n.vault.Address(), Amount: 45_000, Fee: fee, Memo: memo})
	require.NoError(t, err)
	n.wait(t, hash)
	n.rec.save("tx_failed")
	tx, err := n.client.Tx(n.ctx, hash)
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, uint32(5), tx.Code)
	assert.Equal(t, "sdk", tx.Codespace)
	assert.Equal(t, n.vault.Address(), tx.To, "its body is still read")
	d := pokt.ClassifyDeposit(*tx, pokt.DepositRules{EthChainID: 1, FeeUpokt: fee, Vault: n.vault.Address()})
	assert.Equal(t, transfer.ClassFailed, d.Class)

	head := n.head(t)
	received, err := n.client.ReceivedTxs(n.ctx, n.vault.Address(), start, head)
	require.NoError(t, err)
	assert.Empty(t, received)
	sent, err := n.client.SentTxs(n.ctx, n.poor.Address(), start, head)
	require.NoError(t, err)
	require.Len(t, sent, 1)
	assert.Equal(t, hash, sent[0].Hash)
	assert.Equal(t, uint32(5), sent[0].Code)
}

// TestBroadcastOnChain: an accepted tx, the same bytes again (a duplicate,
// not a failure), and a refusal with the SDK's code.
func TestBroadcastOnChain(t *testing.T) {
	n := startNet(t)
	raw := n.signed(t, shannonnet.MsgSend(n.alice.Address(), n.vault.Address(), shannonnet.UPOKT(2_000_000)))
	n.rec.save("broadcast_ok")
	hash, err := n.client.SendRawTx(n.ctx, n.alice.Address(), raw)
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, pokt.TxHashOf(raw), hash)

	n.rec.save("broadcast_duplicate")
	again, err := n.client.SendRawTx(n.ctx, n.alice.Address(), raw)
	n.rec.save("")
	require.ErrorIs(t, err, pokt.ErrTxDuplicate)
	assert.Equal(t, hash, again, "a duplicate still says its hash")
	n.wait(t, hash)
	n.rec.save("tx_broadcast") // the unit tests take the broadcast's bytes from it
	_, err = n.client.Tx(n.ctx, hash)
	n.rec.save("")
	require.NoError(t, err)

	acc, err := n.wallet.Account(n.ctx, n.alice.Address())
	require.NoError(t, err)
	bad, err := shannonnet.Tx{
		Signer: n.alice, Msgs: []*banktypes.MsgSend{shannonnet.MsgSend(n.alice.Address(), n.vault.Address(), shannonnet.UPOKT(1_000_000))},
		Fee: shannonnet.UPOKT(fee), ChainID: n.chain.ChainID(), AccountNumber: acc.Number, Sequence: acc.Sequence, BadSignature: true,
	}.Sign()
	require.NoError(t, err)
	n.rec.save("broadcast_rejected")
	_, err = n.client.SendRawTx(n.ctx, n.alice.Address(), bad)
	n.rec.save("")
	var rej *pokt.TxRejectedError
	require.ErrorAs(t, err, &rej)
	assert.Equal(t, uint32(4), rej.Code, "unauthorized: %s", rej.Log)
	assert.Equal(t, "sdk", rej.Codespace)
	assert.NotErrorIs(t, err, pokt.ErrTxDuplicate)
}

// TestQueriesOnChain: status, account, block, a missing tx, and Dial.
func TestQueriesOnChain(t *testing.T) {
	n := startNet(t)
	n.rec.save("status")
	s, err := n.client.Status(n.ctx)
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, shannonnet.DefaultChainID, s.ChainID)
	assert.Equal(t, int64(1), s.EarliestHeight)
	assert.True(t, s.TxIndex)

	hash := n.deposit(t, 5_000_000, memo)
	n.rec.save("abci_query_account")
	acc, err := n.client.Account(n.ctx, n.alice.Address())
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, uint64(1), acc.Sequence)
	assert.Equal(t, n.alice.Address(), acc.Address)

	n.rec.save("abci_query_account_unknown")
	_, err = n.client.Account(n.ctx, shannonnet.NewKey("nobody").Address())
	n.rec.save("")
	require.ErrorIs(t, err, shannon.ErrAccountNotFound)

	height := n.wait(t, hash)
	n.rec.save("block")
	b, err := n.client.Block(n.ctx, height)
	n.rec.save("")
	require.NoError(t, err)
	assert.Equal(t, []string{hash}, b.TxHashes)
	latest, err := n.client.Block(n.ctx, 0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, latest.Height, height)

	n.rec.save("tx_not_found")
	_, err = n.client.Tx(n.ctx, strings.Repeat("AB", 32))
	n.rec.save("")
	require.ErrorIs(t, err, pokt.ErrTxNotFound)

	node, err := protocol.Dial(protocol.Config{Protocol: pokt.Shannon, URL: n.chain.RPCURL(), Timeout: 5 * time.Second})
	require.NoError(t, err)
	id, err := node.ChainID(n.ctx)
	require.NoError(t, err)
	assert.Equal(t, shannonnet.DefaultChainID, id)
}

func waitHeight(t *testing.T, n *net, h int64) {
	t.Helper()
	require.Eventually(t, func() bool { return n.head(t) >= h }, 10*time.Second, 50*time.Millisecond)
}
