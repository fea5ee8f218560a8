package morse

import (
	"context"
	"errors"
	"testing"

	"github.com/wpokt/bridge/chains/pokt"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the client against bodies in the real node's JSON shape,
// kept in testdata.

func TestRecordedTxSendWithMemo(t *testing.T) {
	body := readTestdata(t, "tx_send_memo.json")
	hash := recordedHash(t, "tx_send_memo.json")
	tests := []struct {
		name  string
		input string
	}{
		{"upper", hash},
		{"lower", lower(hash)},
		{"0x lower", "0x" + lower(hash)},
		{"0X upper", "0X" + hash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			node, c := newFakeNode(t, answerAlways(200, body))
			tx, err := c.Tx(context.Background(), tt.input)
			require.NoError(t, err)
			assert.Equal(t, pokt.Tx{
				Hash:   hash,
				Height: 104820,
				Index:  3,
				From:   recordedSender,
				To:     recordedVault,
				Amount: 25000000,
				Fee:    10000,
				Memo:   `{"address":"` + checksummed + `","chain_id":"1"}`,
			}, *tx)
			assert.True(t, tx.Success())
			reqs := node.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, PathTx, reqs[0].Path)
			assert.Equal(t, map[string]any{"hash": hash, "prove": false}, reqs[0].Body, "the node is asked in upper case without 0x")
		})
	}
}

func TestRecordedTxFailedCode10(t *testing.T) {
	_, c := newFakeNode(t, answerAlways(200, readTestdata(t, "tx_failed_code10.json")))
	tx, err := c.Tx(context.Background(), recordedHash(t, "tx_failed_code10.json"))
	require.NoError(t, err)
	assert.False(t, tx.Success())
	assert.Equal(t, uint32(10), tx.Code)
	assert.Equal(t, "sdk", tx.Codespace)
	assert.Equal(t, uint64(9000000000), tx.Amount)
	assert.Equal(t, recordedOther, tx.From)
}

func TestRecordedTxNotFound(t *testing.T) {
	_, c := newFakeNode(t, answerAlways(400, readTestdata(t, "tx_not_found.json")))
	_, err := c.Tx(context.Background(), recordedHash(t, "tx_send_memo.json"))
	require.ErrorIs(t, err, pokt.ErrTxNotFound)
	require.ErrorIs(t, err, pokt.ErrRPC)
	var rpcErr *pokt.RPCError
	require.True(t, errors.As(err, &rpcErr))
	assert.Equal(t, 400, rpcErr.StatusCode)
}

func TestRecordedHeight(t *testing.T) {
	_, c := newFakeNode(t, answerAlways(200, readTestdata(t, "height.json")))
	h, err := c.Height(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(104833), h)
}

func TestRecordedBlockChainID(t *testing.T) {
	node, c := newFakeNode(t, answerAlways(200, readTestdata(t, "block.json")))
	id, err := c.ChainID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "mainnet", id)
	assert.Equal(t, PathBlock, node.Requests()[0].Path)
}

// The recorded pages hold 7 txs over 3 pages of 3, newest first, with
// page_count the number of txs on each page (3, 3, 1).
func TestRecordedAccountTxsThreePages(t *testing.T) {
	node, c := newFakeNode(t, recordedPages(t))
	txs, err := c.ReceivedTxs(context.Background(), recordedVault, 0, 1<<40)
	require.NoError(t, err)
	require.Len(t, txs, 7)
	for i := 1; i < len(txs); i++ {
		prev, cur := txs[i-1], txs[i]
		assert.True(t, prev.Height < cur.Height || (prev.Height == cur.Height && prev.Index < cur.Index), "oldest first")
	}
	assert.Equal(t, int64(104700), txs[0].Height)
	assert.Equal(t, int64(104830), txs[6].Height)
	assert.Equal(t, uint32(10), txs[2].Code, "the failed tx is listed with its code")
	reqs := node.Requests()
	require.Len(t, reqs, 3, "stops after total_txs entries, not after page_count pages")
	for i, r := range reqs {
		assert.Equal(t, map[string]any{
			"address": recordedVault, "page": jsonInt(i + 1), "per_page": jsonInt(3),
			"received": true, "prove": false, "order": "desc",
		}, r.Body)
	}
}

func TestRecordedAccountTxsStopsBelowFromHeight(t *testing.T) {
	node, c := newFakeNode(t, recordedPages(t))
	txs, err := c.ReceivedTxs(context.Background(), recordedVault, 104801, 104829)
	require.NoError(t, err)
	var heights []int64
	for _, tx := range txs {
		heights = append(heights, tx.Height)
	}
	assert.Equal(t, []int64{104815, 104829, 104829}, heights)
	assert.Len(t, node.Requests(), 2, "page 2 reaches below fromHeight: no page 3")
}

func TestRecordedRawTx(t *testing.T) {
	raw := []byte("rawtx-bytes") // testdata's txhash is sha256 of these bytes
	node, c := newFakeNode(t, answerAlways(200, readTestdata(t, "rawtx_ok.json")))
	hash, err := c.SendRawTx(context.Background(), "0x"+recordedVault, raw)
	require.NoError(t, err)
	assert.Equal(t, pokt.TxHashOf(raw), hash)
	assert.Equal(t, map[string]any{"address": recordedVault, "raw_hex_bytes": "72617774782d6279746573"}, node.Requests()[0].Body)

	_, c = newFakeNode(t, answerAlways(200, readTestdata(t, "rawtx_rejected.json")))
	_, err = c.SendRawTx(context.Background(), recordedVault, raw)
	require.ErrorIs(t, err, pokt.ErrTxRejected)
	require.NotErrorIs(t, err, pokt.ErrTxDuplicate)
	var rej *pokt.TxRejectedError
	require.True(t, errors.As(err, &rej))
	assert.Equal(t, uint32(10), rej.Code)
	assert.Equal(t, "sdk", rej.Codespace)

	// The node answering a hash that is not sha256 of what was sent.
	_, c = newFakeNode(t, answerAlways(200, readTestdata(t, "rawtx_ok.json")))
	_, err = c.SendRawTx(context.Background(), recordedVault, []byte("other bytes"))
	require.ErrorIs(t, err, pokt.ErrHashMismatch)
}
