package shannon

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// TestTxBadAnswers feeds the client a broken answer to tx, one defect at a
// time: each must be a clear error naming what was being done, never a
// panic or a Tx.
func TestTxBadAnswers(t *testing.T) {
	good := readTestdata(t, "tx_deposit.json")
	hash := recordedHashOf(t, "tx_deposit.json")
	edit := func(f func(m map[string]any)) []byte { return editJSON(t, good, f) }
	result := func(m map[string]any) map[string]any { return m["result"].(map[string]any) }
	txResult := func(m map[string]any) map[string]any { return result(m)["tx_result"].(map[string]any) }
	tests := []struct {
		name   string
		status int
		body   []byte
		want   error
	}{
		{"empty body", 200, []byte(""), pokt.ErrInvalidResponse},
		{"truncated", 200, good[:len(good)/2], pokt.ErrInvalidResponse},
		{"not an object", 200, []byte(`[1]`), pokt.ErrInvalidResponse},
		{"a gateway's error page", 502, []byte(`<html>bad gateway</html>`), pokt.ErrRPC},
		{"another protocol version", 200, edit(func(m map[string]any) { m["jsonrpc"] = "1.0" }), pokt.ErrInvalidResponse},
		{"null result", 200, edit(func(m map[string]any) { m["result"] = nil }), pokt.ErrInvalidResponse},
		{"another error", 200, rpcErrorBody("Internal error", "transaction indexing is disabled"), pokt.ErrRPC},
		{"another tx", 200, readTestdata(t, "tx_failed.json"), pokt.ErrHashMismatch},
		{"hash not of its bytes", 200, edit(func(m map[string]any) { result(m)["hash"] = "AB" + hash[2:] }), pokt.ErrHashMismatch},
		{"bytes not of the hash", 200, edit(func(m map[string]any) {
			result(m)["tx"] = base64.StdEncoding.EncodeToString([]byte("other bytes"))
		}), pokt.ErrHashMismatch},
		{"no bytes", 200, edit(func(m map[string]any) { delete(result(m), "tx") }), pokt.ErrInvalidResponse},
		{"bytes not base64", 200, edit(func(m map[string]any) { result(m)["tx"] = "!!" }), pokt.ErrInvalidResponse},
		{"hash not hex", 200, edit(func(m map[string]any) { result(m)["hash"] = "zz" + hash[2:] }), pokt.ErrInvalidResponse},
		{"zero height", 200, edit(func(m map[string]any) { result(m)["height"] = "0" }), pokt.ErrInvalidResponse},
		{"height not a number", 200, edit(func(m map[string]any) { result(m)["height"] = "ten" }), pokt.ErrInvalidResponse},
		{"height overflows", 200, edit(func(m map[string]any) { result(m)["height"] = "9223372036854775808" }), pokt.ErrInvalidResponse},
		{"height an object", 200, edit(func(m map[string]any) { result(m)["height"] = map[string]any{} }), pokt.ErrInvalidResponse},
		{"negative index", 200, edit(func(m map[string]any) { result(m)["index"] = -1 }), pokt.ErrInvalidResponse},
		{"no tx_result", 200, edit(func(m map[string]any) { delete(result(m), "tx_result") }), pokt.ErrInvalidResponse},
		{"code overflows uint32", 200, edit(func(m map[string]any) { txResult(m)["code"] = 4294967296 }), pokt.ErrInvalidResponse},
		{"codespace too long", 200, edit(func(m map[string]any) { txResult(m)["codespace"] = strings.Repeat("x", 65) }), pokt.ErrInvalidResponse},
		{"events not a list", 200, edit(func(m map[string]any) { txResult(m)["events"] = "none" }), pokt.ErrInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return tt.status, tt.body })
			tx, err := c.Tx(context.Background(), hash)
			require.ErrorIs(t, err, tt.want)
			assert.Nil(t, tx)
			assert.Contains(t, err.Error(), "get tx "+hash, "the error says what was being done")
			assert.NotContains(t, err.Error(), "app-secret", "errors never name the URL")
		})
	}
}

// TestWrongAnswerID: an answer to another request (a proxy mixing up
// connections) is refused.
func TestWrongAnswerID(t *testing.T) {
	good := readTestdata(t, "status.json")
	for _, id := range []any{"1", nil, "other"} {
		body := editJSON(t, good, func(m map[string]any) { m["id"] = id }) // a string id: the fake node keeps it
		_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return 200, body })
		_, err := c.Height(context.Background())
		require.ErrorIs(t, err, pokt.ErrInvalidResponse, "%v", id)
		assert.Contains(t, err.Error(), "answer to request id")
	}
}

func TestStatusBadAnswers(t *testing.T) {
	good := readTestdata(t, "status.json")
	sync := func(m map[string]any) map[string]any {
		return m["result"].(map[string]any)["sync_info"].(map[string]any)
	}
	info := func(m map[string]any) map[string]any {
		return m["result"].(map[string]any)["node_info"].(map[string]any)
	}
	for name, body := range map[string][]byte{
		"no chain id":          editJSON(t, good, func(m map[string]any) { info(m)["network"] = "" }),
		"chain id with spaces": editJSON(t, good, func(m map[string]any) { info(m)["network"] = "poc ket" }),
		"no sync info":         editJSON(t, good, func(m map[string]any) { delete(m["result"].(map[string]any), "sync_info") }),
		"zero height":          editJSON(t, good, func(m map[string]any) { sync(m)["latest_block_height"] = "0" }),
		"earliest above latest": editJSON(t, good, func(m map[string]any) {
			sync(m)["earliest_block_height"] = "2"
		}),
		"no earliest": editJSON(t, good, func(m map[string]any) { delete(sync(m), "earliest_block_height") }),
	} {
		_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return 200, body })
		_, err := c.Status(context.Background())
		require.ErrorIs(t, err, pokt.ErrInvalidResponse, name)
	}
}

func TestQueryBadAnswers(t *testing.T) {
	good := readTestdata(t, "abci_query_balance.json")
	resp := func(m map[string]any) map[string]any {
		return m["result"].(map[string]any)["response"].(map[string]any)
	}
	for name, tt := range map[string]struct {
		body []byte
		want error
	}{
		"value not protobuf": {editJSON(t, good, func(m map[string]any) { resp(m)["value"] = base64.StdEncoding.EncodeToString([]byte{0xff}) }), pokt.ErrInvalidResponse},
		"value not base64":   {editJSON(t, good, func(m map[string]any) { resp(m)["value"] = "!!" }), pokt.ErrInvalidResponse},
		"no balance":         {editJSON(t, good, func(m map[string]any) { resp(m)["value"] = "" }), pokt.ErrInvalidDenom},
		"no response":        {editJSON(t, good, func(m map[string]any) { delete(m["result"].(map[string]any), "response") }), pokt.ErrInvalidResponse},
		"a refused query":    {editJSON(t, good, func(m map[string]any) { resp(m)["code"] = 18; resp(m)["codespace"] = "sdk" }), nil},
	} {
		_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return 200, tt.body })
		_, err := c.Balance(context.Background(), recordedVault)
		require.Error(t, err, name)
		if tt.want != nil {
			require.ErrorIs(t, err, tt.want, name)
		} else {
			var qe *QueryError
			require.ErrorAs(t, err, &qe, name)
			assert.Equal(t, uint32(18), qe.Code)
		}
	}
}

func TestSendRawTxAnswers(t *testing.T) {
	raw := recordedTxBytes(t, "tx_broadcast.json")
	hash := pokt.TxHashOf(raw)
	tests := []struct {
		name     string
		result   map[string]any
		dup      bool
		rejected bool
	}{
		{"the sdk's duplicate", map[string]any{"code": 19, "codespace": "sdk", "log": "tx already in mempool", "hash": hash}, true, true},
		{"insufficient fee", map[string]any{"code": 13, "codespace": "sdk", "log": "insufficient fee", "hash": hash}, false, true},
		{"another module's code 19", map[string]any{"code": 19, "codespace": "bank", "log": "?", "hash": hash}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) { return 200, rpcResult(tt.result) })
			got, err := c.SendRawTx(context.Background(), recordedAlice, raw)
			assert.Equal(t, tt.rejected, errorsIs(err, pokt.ErrTxRejected))
			assert.Equal(t, tt.dup, errorsIs(err, pokt.ErrTxDuplicate))
			if tt.dup {
				assert.Equal(t, hash, got)
			} else {
				assert.Empty(t, got)
			}
		})
	}
	_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) {
		return 200, rpcErrorBody("Internal error", "mempool is full")
	})
	_, err := c.SendRawTx(context.Background(), recordedAlice, raw)
	require.ErrorIs(t, err, pokt.ErrRPC)
	assert.NotErrorIs(t, err, pokt.ErrTxRejected)
	_, err = c.SendRawTx(context.Background(), recordedAlice, nil)
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
	_, err = c.SendRawTx(context.Background(), "someone", raw)
	require.ErrorIs(t, err, pokt.ErrInvalidAddress)
}

// TestGatewayPageHidesURL: a gateway's error page that repeats the URL
// does not carry it into the error.
func TestGatewayPageHidesURL(t *testing.T) {
	_, c := newFakeNode(t, Options{}, func(string, map[string]any) (int, []byte) {
		return 404, []byte("no route to /v1/app-secret-1234 on this gateway")
	})
	_, err := c.Height(context.Background())
	var httpErr *pokt.RPCError
	require.ErrorAs(t, err, &httpErr)
	assert.Equal(t, 404, httpErr.StatusCode)
	assert.NotContains(t, err.Error(), "app-secret")
}

func TestNewClientRefuses(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "http://", "://bad", "127.0.0.1:26657"} {
		_, err := NewClient(u, Options{})
		require.ErrorIs(t, err, pokt.ErrInvalidArgument, u)
	}
	_, err := NewClient("http://x", Options{PerPage: 101})
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
	_, err = NewClient("http://x", Options{Timeout: -1})
	require.ErrorIs(t, err, pokt.ErrInvalidArgument)
}

// TestTheDefaultHTTPClientDropsIdleConnectionsBeforeCometBFT: without an
// HTTP client of the caller's, idle connections are dropped before
// CometBFT's RPC server closes them (its 10 s read timeout), enough are
// kept for a node's concurrent reads, and the environment's proxy is used.
func TestTheDefaultHTTPClientDropsIdleConnectionsBeforeCometBFT(t *testing.T) {
	c, err := NewClient("http://127.0.0.1:26657", Options{})
	require.NoError(t, err)
	tr, ok := c.hc.Transport.(*http.Transport)
	require.True(t, ok, "transport is %T", c.hc.Transport)
	assert.Positive(t, tr.IdleConnTimeout)
	assert.Less(t, tr.IdleConnTimeout, 10*time.Second)
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 8)
	assert.NotNil(t, tr.Proxy)
}
