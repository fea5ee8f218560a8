package e2e

import (
	"encoding/base64"
	"encoding/json"
	"regexp"
	"strconv"
	"sync"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/devnet/rpcproxy"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

// phantom is a deposit that exists only in one lying node's tx_search
// answers: a well-formed, signed send (its hash is sha256 of its bytes)
// that was never broadcast. CometBFT does not reorg, so this is how a
// Shannon deposit "vanishes": a scanner saw it, the chain never had it.
type phantom struct {
	hash  string
	entry map[string]any

	mu     sync.Mutex
	height int64 // fixed by the first answer it is put in
}

// newPhantom signs a send of amount from u to the vault with memo, with a
// sequence the account will never reach, and keeps its tx_search entry.
func newPhantom(e *env, u devnet.User, amount uint64, memo string) *phantom {
	e.t.Helper()
	raw, err := shannonnet.Tx{
		Signer: u.ShannonKey, Msgs: []*banktypes.MsgSend{shannonnet.MsgSend(u.PoktAddress, e.d.VaultPokt, shannonnet.UPOKT(amount))},
		Memo: memo, Fee: shannonnet.UPOKT(fee), Sequence: 1 << 40, ChainID: e.d.PocketChainID(),
	}.Sign()
	require.NoError(e.t, err)
	p := &phantom{hash: shannonnet.TxHash(raw)}
	p.entry = map[string]any{
		"hash": p.hash, "index": 0, "tx": base64.StdEncoding.EncodeToString(raw),
		"tx_result": map[string]any{"code": 0, "codespace": "", "log": "", "events": []any{
			map[string]any{"type": "transfer", "attributes": []any{
				kv("recipient", e.d.VaultPokt), kv("sender", u.PoktAddress),
				kv("amount", strconv.FormatUint(amount, 10)+shannonnet.Denom), kv("msg_index", "0"),
			}},
		}},
	}
	return p
}

func kv(k, v string) map[string]any { return map[string]any{"key": k, "value": v, "index": true} }

var heightWindow = regexp.MustCompile(`tx\.height>=(\d+) AND tx\.height<=(\d+)`)

// rewrite adds the phantom to the tx_search answers whose height window
// holds it; the first window it meets places it at its top height.
func (p *phantom) rewrite() rpcproxy.Rewrite {
	return func(_ string, req, resp []byte) []byte {
		var call struct {
			Method string `json:"method"`
			Params struct {
				Query string `json:"query"`
			} `json:"params"`
		}
		if json.Unmarshal(req, &call) != nil || call.Method != "tx_search" {
			return resp
		}
		m := heightWindow.FindStringSubmatch(call.Params.Query)
		if m == nil {
			return resp
		}
		from, _ := strconv.ParseInt(m[1], 10, 64)
		to, _ := strconv.ParseInt(m[2], 10, 64)
		p.mu.Lock()
		if p.height == 0 {
			p.height = to
		}
		h := p.height
		p.mu.Unlock()
		if h < from || h > to {
			return resp
		}
		return rewriteJSON(resp, func(msg map[string]any) bool {
			result, _ := msg["result"].(map[string]any)
			txs, _ := result["txs"].([]any)
			total, err := strconv.ParseInt(fmtNumber(result["total_count"]), 10, 64)
			if result == nil || err != nil {
				return false
			}
			entry := map[string]any{"height": strconv.FormatInt(h, 10)}
			for k, v := range p.entry {
				entry[k] = v
			}
			result["txs"] = append(txs, entry)
			result["total_count"] = strconv.FormatInt(total+1, 10)
			return true
		})
	}
}

func fmtNumber(v any) string {
	switch n := v.(type) {
	case string:
		return n
	case json.Number:
		return n.String()
	}
	return ""
}
