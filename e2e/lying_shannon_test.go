package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	pocket "github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/rpcproxy"
	"github.com/wpokt/bridge/transfer"
)

// depositLie is the lie a node's Pocket RPC tells about the deposits about
// which it lies, on the devnet's protocol, and what that node's refusal
// then says: on Morse 1 POKT more in the tx's amount, on Shannon in its
// transfer event.
func depositLie(e *env, about func(id string) bool, opts ...lieOption) (rpcproxy.Rewrite, string) {
	if e.d.Protocol() == pocket.Morse {
		return lieAboutDeposits(e.d, about, opts...), "does not match the source transfer"
	}
	return lieAboutShannonDeposits(e.d, about, opts...), "events disagree with the tx body"
}

// lieAboutShannonDeposits makes a Shannon node's RPC answer `tx` (and, for
// its scanner, `tx_search`) with 1 POKT more in the deposit's transfer
// event, for the transfers about which it lies. A Shannon RPC cannot change the tx body (the tx hash is sha256 of
// its bytes), so this is the lie it can tell about a real deposit: the
// client sees events that disagree with the body, and the node refuses.
func lieAboutShannonDeposits(d *devnet.Devnet, about func(id string) bool, opts ...lieOption) rpcproxy.Rewrite {
	var c lieConfig
	for _, o := range opts {
		o(&c)
	}
	lies := func(hash string) bool {
		id := transfer.MintWorkflowID(hash)
		return about(id) && c.lies(d, id)
	}
	return func(_ string, req, resp []byte) []byte {
		var call struct {
			Method string `json:"method"`
			Params struct {
				Hash string `json:"hash"`
			} `json:"params"`
		}
		if json.Unmarshal(req, &call) != nil {
			return resp
		}
		switch call.Method {
		case "tx":
			raw, err := base64.StdEncoding.DecodeString(call.Params.Hash)
			if err != nil || !lies(strings.ToUpper(hex.EncodeToString(raw))) {
				return resp
			}
			return rewriteJSON(resp, func(msg map[string]any) bool {
				result, _ := msg["result"].(map[string]any)
				return bumpTransfer(result, d.VaultPokt)
			})
		case "tx_search":
			// The scanner's view: every listed deposit it lies about.
			return rewriteJSON(resp, func(msg map[string]any) bool {
				result, _ := msg["result"].(map[string]any)
				txs, _ := result["txs"].([]any)
				bumped := false
				for _, tx := range txs {
					entry, _ := tx.(map[string]any)
					if hash, _ := entry["hash"].(string); lies(hash) {
						bumped = bumpTransfer(entry, d.VaultPokt) || bumped
					}
				}
				return bumped
			})
		}
		return resp
	}
}

// bumpTransfer adds 1 POKT to the amount of the transfer event to vault in
// one tx of a `tx` or `tx_search` answer.
func bumpTransfer(tx map[string]any, vault string) bool {
	txResult, _ := tx["tx_result"].(map[string]any)
	events, _ := txResult["events"].([]any)
	for _, e := range events {
		ev, _ := e.(map[string]any)
		if ev["type"] != "transfer" {
			continue
		}
		attrs, _ := ev["attributes"].([]any)
		if attr(attrs, "recipient") != vault {
			continue
		}
		for _, a := range attrs {
			am, _ := a.(map[string]any)
			if am["key"] != "amount" {
				continue
			}
			n, err := strconv.ParseUint(strings.TrimSuffix(am["value"].(string), "upokt"), 10, 64)
			if err != nil {
				return false
			}
			am["value"] = strconv.FormatUint(n+pokt, 10) + "upokt"
			return true
		}
	}
	return false
}

func attr(attrs []any, key string) string {
	for _, a := range attrs {
		am, _ := a.(map[string]any)
		if am["key"] == key {
			v, _ := am["value"].(string)
			return v
		}
	}
	return ""
}

// rewriteJSON decodes an answer, lets lie change it, and encodes it again
// (the answer unchanged when lie did not apply).
func rewriteJSON(resp []byte, lie func(map[string]any) bool) []byte {
	var msg map[string]any
	dec := json.NewDecoder(bytes.NewReader(resp))
	dec.UseNumber()
	if dec.Decode(&msg) != nil || !lie(msg) {
		return resp
	}
	out, err := json.Marshal(msg)
	if err != nil {
		return resp
	}
	return out
}
