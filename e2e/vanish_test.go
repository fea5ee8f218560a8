package e2e

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wpokt/bridge/devnet/rpcproxy"
)

// TestOwnRPCSaysADepositVanished: the RPC of the node running a valid
// deposit's workflow (the only node up when it starts) answers `tx` for it
// with "not found", as if it vanished, while its scanner saw it. That node
// alone does not end it failed: the workflow asks every node, waits while
// only the liar answers, and once the others are back it is minted.
func TestOwnRPCSaysADepositVanished(t *testing.T) {
	// The liar's node reads txs only for this deposit's workflow.
	lieToTheWorkflowNode(t, 31, nil, func(*env) rpcproxy.Rewrite { return txNotFound }, func(reason string) bool {
		return strings.Contains(reason, "vanished before confirmation") && strings.Contains(reason, "waiting for a threshold of nodes to agree")
	})
}

// txNotFound is a Shannon RPC that answers `tx` as a CometBFT node answers
// for a tx it does not have.
func txNotFound(_ string, req, resp []byte) []byte {
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
	if err != nil {
		return resp
	}
	hash := strings.ToUpper(hex.EncodeToString(raw))
	out, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": call.ID,
		"error": map[string]any{"code": -32603, "message": "Internal error", "data": "tx (" + hash + ") not found"}})
	return out
}
