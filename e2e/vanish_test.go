package e2e

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet/rpcproxy"
	"github.com/wpokt/bridge/transfer"
)

// TestOwnRPCSaysADepositVanished: the RPC of the node running a valid
// deposit's workflow (the only node up when it starts) answers `tx` for it
// with "not found", as if it vanished, while its scanner saw it. That node
// alone does not end it failed: the workflow asks every node, waits while
// only the liar answers, and once the others are back it is minted.
func TestOwnRPCSaysADepositVanished(t *testing.T) {
	e := start(t, 31, nil)
	alice, bob := e.d.Users[0], e.d.Users[1]
	liar := 4
	for n := 1; n <= nodeCount; n++ {
		if n != liar {
			e.d.StopNode(n)
		}
	}
	// The liar's node reads txs only for this deposit's workflow.
	e.d.PocketProxy(liar).SetRewrite(txNotFound(func(string) bool { return true }))
	id := e.mint(alice, bob.Eth.Address, 10*pokt)

	var st transfer.State
	eventually(t, time.Minute, func() (bool, string) {
		v, err := e.tc.QueryWorkflow(e.ctx, id, "", transfer.QueryState)
		if err != nil {
			return false, err.Error()
		}
		if err := v.Get(&st); err != nil {
			return false, err.Error()
		}
		return strings.Contains(st.Reason, "vanished before confirmation") && strings.Contains(st.Reason, "waiting for a threshold of nodes to agree"),
			fmt.Sprintf("%s: %s (%s)", id, st.Status, st.Reason)
	})
	t.Logf("with only the liar up: %s", st.Reason)
	assert.NotEqual(t, transfer.StatusFailed, st.Status, "one node's RPC does not end it")
	for n := 1; n <= nodeCount; n++ {
		require.NoError(t, e.d.StartNode(e.ctx, n))
	}
	e.finish(2 * time.Minute)
}

// txNotFound makes a Shannon RPC answer `tx` for the chosen hashes as a
// CometBFT node answers for a tx it does not have.
func txNotFound(lies func(hash string) bool) rpcproxy.Rewrite {
	return func(_ string, req, resp []byte) []byte {
		var call struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
			Params struct {
				Hash string `json:"hash"`
			} `json:"params"`
		}
		if json.Unmarshal(req, &call) != nil || call.Method != "tx" {
			return resp
		}
		raw, err := base64.StdEncoding.DecodeString(call.Params.Hash)
		hash := strings.ToUpper(hex.EncodeToString(raw))
		if err != nil || !lies(hash) {
			return resp
		}
		out, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": call.ID,
			"error": map[string]any{"code": -32603, "message": "Internal error", "data": "tx (" + hash + ") not found"}})
		return out
	}
}
