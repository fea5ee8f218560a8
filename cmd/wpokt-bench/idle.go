package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// IdleEth is every Ethereum RPC call all nodes make while blocks without
// burns come at the usual pace, per node and per 2,000 blocks. Subscribed
// scanners make none (their ranged re-scan comes once per log_range
// blocks on top); the accountant reads totalSupply (an eth_call) every
// accountant.interval.
type IdleEth struct {
	Calls    float64 `json:"calls_per_node_per_2000_blocks"`
	EthCalls float64 `json:"of_which_eth_call"`
}

func (b *bench) idleEthCalls(ctx context.Context, blocks int64) (IdleEth, error) {
	before := b.ethMethods()
	start, err := b.d.Eth.Head(ctx)
	if err != nil {
		return IdleEth{}, err
	}
	if err := b.waitBlocks(ctx, blocks); err != nil {
		return IdleEth{}, err
	}
	end, err := b.d.Eth.Head(ctx)
	if err != nil {
		return IdleEth{}, err
	}
	after := b.ethMethods()
	per := func(n int64) float64 { return float64(n) / float64(b.d.NodeCount()) * 2000 / float64(end-start) }
	var all int64
	for m, n := range after {
		all += n - before[m]
	}
	return IdleEth{Calls: per(all), EthCalls: per(after["eth_call"] - before["eth_call"])}, nil
}

// ethMethods sums every node's Ethereum RPC calls by method.
func (b *bench) ethMethods() map[string]int64 {
	out := map[string]int64{}
	for i := 1; i <= b.d.NodeCount(); i++ {
		for m, n := range b.d.EthProxy(i).Methods() {
			out[m] += n
		}
	}
	return out
}

// IdlePocket is what the Pocket scanners ask their RPCs while blocks
// without deposits come: per scan window (one node's read of new blocks),
// its tx_search calls and all its calls.
type IdlePocket struct {
	Windows           int     `json:"windows"`
	TxSearchPerWindow float64 `json:"tx_search_per_window"`
	RPCCallsPerWindow float64 `json:"rpc_calls_per_window"`
	BlocksPerWindow   float64 `json:"blocks_per_window"`
}

// idlePocketScans watches every node's Pocket RPC over blocks without
// deposits. A window is one tx_search query (its height range): calls per
// window above 1 would mean pages or retries where there is nothing to
// find. Shannon only: a Morse scan re-reads the vault's account pages.
func (b *bench) idlePocketScans(ctx context.Context, blocks int64) (IdlePocket, error) {
	var mu sync.Mutex
	windows := map[string]int{} // node/query -> calls
	n := b.d.NodeCount()
	before := int64(0)
	for i := 1; i <= n; i++ {
		before += b.d.PocketProxy(i).Calls()
		node := i
		b.d.PocketProxy(i).SetRewrite(func(_ string, req, resp []byte) []byte {
			if q := scanQuery(req); q != "" {
				mu.Lock()
				windows[fmt.Sprintf("%d/%s", node, q)]++
				mu.Unlock()
			}
			return resp
		})
	}
	startHeight := b.d.PocketHeight()
	err := b.waitBlocks(ctx, blocks)
	endHeight := b.d.PocketHeight()
	after := int64(0)
	for i := 1; i <= n; i++ {
		b.d.PocketProxy(i).SetRewrite(nil)
		after += b.d.PocketProxy(i).Calls()
	}
	if err != nil {
		return IdlePocket{}, err
	}
	mu.Lock()
	defer mu.Unlock()
	res := IdlePocket{Windows: len(windows)}
	if res.Windows == 0 {
		return res, nil
	}
	calls := 0
	for _, c := range windows {
		calls += c
	}
	res.TxSearchPerWindow = float64(calls) / float64(res.Windows)
	res.RPCCallsPerWindow = float64(after-before) / float64(res.Windows)
	res.BlocksPerWindow = float64(endHeight-startHeight) * float64(n) / float64(res.Windows)
	return res, nil
}

// scanQuery is the deposit scan a Shannon request makes (a tx_search on
// transfer.recipient), or "".
func scanQuery(req []byte) string {
	var call struct {
		Method string `json:"method"`
		Params struct {
			Query string `json:"query"`
		} `json:"params"`
	}
	if json.Unmarshal(req, &call) == nil && call.Method == "tx_search" && strings.HasPrefix(call.Params.Query, "transfer.recipient=") {
		return call.Params.Query
	}
	return ""
}
