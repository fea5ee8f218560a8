package shannon

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wpokt/bridge/transfer"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// The answers in testdata were recorded from devnet/shannonnet's node (go
// test ./chains/pokt/shannon/nodetest -record).

func TestStatusRecorded(t *testing.T) {
	_, c := newFakeNode(t, Options{}, byMethod(t, nil))
	s, err := c.Status(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "pocket", s.ChainID)
	assert.Equal(t, int64(1), s.LatestHeight)
	assert.Equal(t, int64(1), s.EarliestHeight)
	assert.True(t, s.TxIndex)
	assert.False(t, s.LatestBlockTime.IsZero())
	id, err := c.ChainID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "pocket", id)
}

func TestTxRecorded(t *testing.T) {
	f, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx": "tx_deposit.json"}))
	hash := recordedHashOf(t, "tx_deposit.json")
	tx, err := c.Tx(context.Background(), "0x"+strings.ToLower(hash))
	require.NoError(t, err)
	assert.Equal(t, pokt.Tx{Hash: hash, Height: 2, From: recordedAlice, To: recordedVault, Amount: 25_000_000, Fee: 10_000, Memo: memo}, *tx)
	// The node takes the hash as bytes, in base64.
	calls := f.Calls("tx")
	require.Len(t, calls, 1)
	assert.Equal(t, map[string]any{"hash": hexToBase64(t, hash), "prove": false}, calls[0].Params)
}

func TestTxFailedRecorded(t *testing.T) {
	_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx": "tx_failed.json"}))
	tx, err := c.Tx(context.Background(), recordedHashOf(t, "tx_failed.json"))
	require.NoError(t, err)
	assert.Equal(t, uint32(5), tx.Code)
	assert.Equal(t, "sdk", tx.Codespace)
	assert.True(t, tx.IsSend(), "the body is a plain send; the tx failed")
	d := pokt.ClassifyDeposit(*tx, pokt.DepositRules{EthChainID: 1, FeeUpokt: 10_000, Vault: recordedVault})
	assert.Equal(t, transfer.ClassFailed, d.Class)
	assert.Contains(t, d.Reason, "code 5")
}

func TestNotASendRecorded(t *testing.T) {
	for file, reason := range map[string]string{
		"tx_two_sends.json": ReasonSeveralSends, "tx_multi_coin.json": ReasonMultiCoin, "tx_other_denom.json": ReasonOtherDenom,
	} {
		_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx": file}))
		tx, err := c.Tx(context.Background(), recordedHashOf(t, file))
		require.NoError(t, err, file)
		assert.True(t, strings.HasPrefix(tx.NotASend, reason), "%s: %q", file, tx.NotASend)
		assert.Equal(t, recordedAlice, tx.From, file)
	}
}

func TestTxNotFoundRecorded(t *testing.T) {
	_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx": "tx_not_found.json"}))
	_, err := c.Tx(context.Background(), strings.Repeat("AB", 32))
	require.ErrorIs(t, err, pokt.ErrTxNotFound)
	assert.NotContains(t, err.Error(), "app-secret", "errors never name the URL")
}

func TestReceivedTxsRecorded(t *testing.T) {
	pages := []string{"tx_search_deposits.json", "tx_search_deposits_2.json"}
	f, c := newFakeNode(t, Options{PerPage: 2}, func(method string, p map[string]any) (int, []byte) {
		if method == "tx_search" {
			return 200, readTestdata(t, pages[pageOf(p)-1])
		}
		return byMethod(t, nil)(method, p)
	})
	txs, err := c.ReceivedTxs(context.Background(), recordedVault, 1, 20)
	require.NoError(t, err)
	require.Len(t, txs, 3)
	assert.Equal(t, recordedHashOf(t, "tx_deposit.json"), txs[0].Hash)
	assert.Equal(t, "not a memo", txs[1].Memo)
	for _, tx := range txs {
		assert.True(t, tx.IsSend())
		assert.Equal(t, recordedVault, tx.To)
	}
	calls := f.Calls("tx_search")
	require.Len(t, calls, 2)
	for i, call := range calls {
		assert.Equal(t, map[string]any{
			"query": "transfer.recipient='" + recordedVault + "' AND tx.height>=1 AND tx.height<=20",
			"prove": false, "page": []string{"1", "2"}[i], "per_page": "2", "order_by": "asc",
		}, call.Params)
	}
}

func TestEmptyWindowIsOneCall(t *testing.T) {
	f, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx_search": "tx_search_empty.json"}))
	for i := 0; i < 3; i++ {
		txs, err := c.ReceivedTxs(context.Background(), recordedVault, 5, 5)
		require.NoError(t, err)
		assert.Empty(t, txs)
	}
	assert.Len(t, f.Calls("tx_search"), 3, "one tx_search per window")
	assert.Len(t, f.Calls("status"), 1, "the earliest height is read once, then kept fresh by Height")
}

func TestSentTxsQuery(t *testing.T) {
	f, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx_search": "tx_search_empty.json"}))
	_, err := c.SentTxs(context.Background(), recordedVault, 3, 9)
	require.NoError(t, err)
	calls := f.Calls("tx_search")
	require.Len(t, calls, 1)
	assert.Equal(t, "transfer.sender='"+recordedVault+"' AND tx.height>=3 AND tx.height<=9", calls[0].Params["query"])
}

func TestBlockRecorded(t *testing.T) {
	_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"block": "block.json"}))
	b, err := c.Block(context.Background(), 0)
	require.NoError(t, err)
	assert.Equal(t, "pocket", b.ChainID)
	assert.Len(t, b.TxHashes, 1)
	_, err = c.Block(context.Background(), b.Height+1)
	require.ErrorIs(t, err, pokt.ErrInvalidResponse, "another block than asked for")
}

func TestBalanceAndAccountRecorded(t *testing.T) {
	f, c := newFakeNode(t, Options{}, func(method string, p map[string]any) (int, []byte) {
		switch p["path"] {
		case QueryBalancePath:
			return 200, readTestdata(t, "abci_query_balance.json")
		case QueryAccountPath:
			return 200, readTestdata(t, "abci_query_account.json")
		}
		return 200, rpcErrorBody("bad", "")
	})
	bal, err := c.Balance(context.Background(), recordedVault)
	require.NoError(t, err)
	assert.Equal(t, uint64(133_000_000), bal)
	acc, err := c.Account(context.Background(), recordedAlice)
	require.NoError(t, err)
	assert.Equal(t, Account{Address: recordedAlice, Number: 1, Sequence: 1}, *acc)
	// data is hex (HexBytes), height "0" is the latest.
	q := f.Calls("abci_query")[0].Params
	assert.Regexp(t, `^[0-9a-f]+$`, q["data"])
	assert.Equal(t, "0", q["height"])

	_, err = c.Account(context.Background(), recordedVault)
	require.ErrorIs(t, err, pokt.ErrInvalidResponse, "the answer is about another account")
}

func TestAccountUnknownRecorded(t *testing.T) {
	_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"abci_query": "abci_query_account_unknown.json"}))
	_, err := c.Account(context.Background(), recordedAlice)
	require.ErrorIs(t, err, ErrAccountNotFound)
	var qe *QueryError
	require.ErrorAs(t, err, &qe)
	assert.Equal(t, uint32(22), qe.Code)
}

func TestSendRawTxRecorded(t *testing.T) {
	raw := recordedTxBytes(t, "tx_broadcast.json")
	_, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"broadcast_tx_sync": "broadcast_ok.json"}))
	hash, err := c.SendRawTx(context.Background(), recordedAlice, raw)
	require.NoError(t, err)
	assert.Equal(t, pokt.TxHashOf(raw), hash)

	_, c = newFakeNode(t, Options{}, byMethod(t, map[string]string{"broadcast_tx_sync": "broadcast_duplicate.json"}))
	hash, err = c.SendRawTx(context.Background(), recordedAlice, raw)
	require.ErrorIs(t, err, pokt.ErrTxDuplicate)
	assert.Equal(t, pokt.TxHashOf(raw), hash, "a duplicate says its hash")

	_, c = newFakeNode(t, Options{}, byMethod(t, map[string]string{"broadcast_tx_sync": "broadcast_rejected.json"}))
	hash, err = c.SendRawTx(context.Background(), recordedAlice, raw)
	var rej *pokt.TxRejectedError
	require.ErrorAs(t, err, &rej)
	assert.Empty(t, hash)
	assert.Equal(t, uint32(4), rej.Code)
	assert.Equal(t, "sdk", rej.Codespace)
	assert.Contains(t, rej.Log, "signature verification failed")
	assert.NotErrorIs(t, err, pokt.ErrTxDuplicate)

	// A refused broadcast whose answer is well formed but says another hash.
	_, c = newFakeNode(t, Options{}, byMethod(t, map[string]string{"broadcast_tx_sync": "broadcast_ok.json"}))
	_, err = c.SendRawTx(context.Background(), recordedAlice, append(raw, 0))
	require.ErrorIs(t, err, pokt.ErrHashMismatch)
}

func TestTimeout(t *testing.T) {
	_, c := newFakeNode(t, Options{Timeout: 50 * time.Millisecond}, func(string, map[string]any) (int, []byte) {
		time.Sleep(300 * time.Millisecond)
		return 200, rpcResult(map[string]any{})
	})
	_, err := c.Height(context.Background())
	require.ErrorIs(t, err, pokt.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotContains(t, err.Error(), "app-secret")
}

func TestConnectionErrorHidesURL(t *testing.T) {
	c, err := NewClient("http://app-secret-5678.127.0.0.1.nip.invalid:1/v1/app-secret-1234", Options{Timeout: time.Second})
	require.NoError(t, err)
	_, err = c.Height(context.Background())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "app-secret")
	assert.Contains(t, err.Error(), "status", "the error names the method")
}

// TestHeightIsIndexed: the height a scan may reach is one below the node's
// latest block, which CometBFT may not have indexed yet.
func TestHeightIsIndexed(t *testing.T) {
	_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return 200, statusBody(500, 900) })
	h, err := c.Height(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(899), h)
	s, err := c.Status(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(900), s.LatestHeight, "the node's own figure")
}
