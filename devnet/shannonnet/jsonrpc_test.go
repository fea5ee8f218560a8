package shannonnet

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// post is a plain JSON-RPC 2.0 call, as the bridge's own client makes it.
func post(t *testing.T, url, method string, params map[string]any) map[string]any {
	t.Helper()
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	require.NoError(t, err)
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

// The shapes the bridge's client parses, as this node serves them.
func TestJSONRPCShapes(t *testing.T) {
	chain, c := startChain(t, Options{})
	url := chain.RPCURL()
	status := post(t, url, "status", nil)["result"].(map[string]any)
	require.Equal(t, "pocket", status["node_info"].(map[string]any)["network"])
	require.Equal(t, "1", status["sync_info"].(map[string]any)["earliest_block_height"])

	hash, err := c.Send(testCtx(t), SendParams{From: alice, To: vault.Address(), Amount: 25_000_000, Fee: 10_000})
	require.NoError(t, err)
	waitTx(t, c, hash)
	res := post(t, url, "tx_search", map[string]any{
		"query": "transfer.recipient='" + vault.Address() + "' AND tx.height>=1", "page": "1", "per_page": "100", "order_by": "asc",
	})["result"].(map[string]any)
	require.Equal(t, "1", res["total_count"])
	tx := res["txs"].([]any)[0].(map[string]any)
	require.Equal(t, hash, tx["hash"])
	require.IsType(t, "", tx["height"], "int64 values are strings")
	events := tx["tx_result"].(map[string]any)["events"].([]any)
	transfer := events[len(events)-2].(map[string]any)
	require.Equal(t, "transfer", transfer["type"])
	require.Equal(t, map[string]any{"key": "amount", "value": "25000000upokt", "index": true}, transfer["attributes"].([]any)[2])

	missing := strings.Repeat("AB", 32)
	raw, err := hex.DecodeString(missing)
	require.NoError(t, err)
	// In a POST body, bytes are base64.
	e := post(t, url, "tx", map[string]any{"hash": base64.StdEncoding.EncodeToString(raw)})["error"].(map[string]any)
	require.Equal(t, "tx ("+missing+") not found", e["data"])
}

func TestRebroadcastIsADuplicate(t *testing.T) {
	_, c := startChain(t, Options{})
	tx := aliceSend(t, nil)
	hash, err := c.Broadcast(testCtx(t), tx)
	require.NoError(t, err)
	again, err := c.Broadcast(testCtx(t), tx)
	require.True(t, errors.Is(err, ErrTxInCache), "got %v", err)
	require.Equal(t, hash, again)
}
