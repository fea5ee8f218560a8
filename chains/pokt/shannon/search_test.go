package shannon

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// deposit is a plain deposit to the recorded vault, made distinct by n, at
// this height and index.
func deposit(t *testing.T, n int, height int64, index int) map[string]any {
	t.Helper()
	raw := txBytes(t, fmt.Sprintf("deposit %d", n), 10_000, send(recordedAlice, recordedVault, upokt(uint64(1_000_000+n))))
	w := wireTxJSON(raw, height, 0, concat(feeEvents(recordedAlice, "10000upokt"), transferEvents(recordedAlice, recordedVault, fmt.Sprintf("%dupokt", 1_000_000+n))))
	w["index"] = index
	return w
}

// pager serves txs as CometBFT pages them, with total as total_count.
func pager(txs []map[string]any, perPage int, total func(call int) int) func(string, map[string]any) (int, []byte) {
	var calls atomic.Int64
	return func(method string, p map[string]any) (int, []byte) {
		if method != "tx_search" {
			return 200, statusBody(1, 1000)
		}
		call := int(calls.Add(1))
		page := pageOf(p)
		from := (page - 1) * perPage
		if from > len(txs) || (page > 1 && from == len(txs)) {
			pages := (len(txs) + perPage - 1) / perPage
			return 200, rpcErrorBody("Internal error", fmt.Sprintf("page should be within [1, %d] range, given %d", pages, page))
		}
		to := min(from+perPage, len(txs))
		return 200, rpcResult(map[string]any{"txs": txs[from:to], "total_count": fmt.Sprint(total(call))})
	}
}

func statusBody(earliest, latest int64) []byte {
	return rpcResult(map[string]any{
		"node_info": map[string]any{"network": "pocket", "other": map[string]any{"tx_index": "on"}},
		"sync_info": map[string]any{"latest_block_height": fmt.Sprint(latest), "earliest_block_height": fmt.Sprint(earliest)},
	})
}

func TestSearchPages(t *testing.T) {
	var txs []map[string]any
	for i := 0; i < 7; i++ {
		txs = append(txs, deposit(t, i, int64(10+i/2), i%2))
	}
	f, c := newFakeNode(t, Options{PerPage: 3}, pager(txs, 3, func(int) int { return 7 }))
	got, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 20)
	require.NoError(t, err)
	require.Len(t, got, 7)
	for i, tx := range got {
		assert.Equal(t, uint64(1_000_000+i), tx.Amount, "in order")
	}
	assert.Len(t, f.Calls("tx_search"), 3)
}

// TestSearchTotalChanges: a total that changes between pages may have moved
// a page boundary over a tx: the window is read again from its first page.
func TestSearchTotalChanges(t *testing.T) {
	var txs []map[string]any
	for i := 0; i < 4; i++ {
		txs = append(txs, deposit(t, i, int64(10+i), 0))
	}
	// The first read sees 3 then 4; the second read sees 4 throughout.
	f, c := newFakeNode(t, Options{PerPage: 2}, pager(txs, 2, func(call int) int {
		if call == 1 {
			return 3
		}
		return 4
	}))
	got, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 20)
	require.NoError(t, err)
	assert.Len(t, got, 4)
	assert.Len(t, f.Calls("tx_search"), 4, "2 pages, then 2 pages again")
}

func TestSearchTotalKeepsChanging(t *testing.T) {
	var txs []map[string]any
	for i := 0; i < 4; i++ {
		txs = append(txs, deposit(t, i, int64(10+i), 0))
	}
	_, c := newFakeNode(t, Options{PerPage: 2}, pager(txs, 2, func(call int) int { return 3 + call%2 }))
	_, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 20)
	require.ErrorIs(t, err, pokt.ErrInvalidResponse)
	assert.Contains(t, err.Error(), "kept changing")
}

// TestSearchPagePastEnd: the total shrank under the reader: the node
// refuses the next page; the window is read again.
func TestSearchPagePastEnd(t *testing.T) {
	txs := []map[string]any{deposit(t, 0, 10, 0), deposit(t, 1, 11, 0)}
	var call atomic.Int64
	f, c := newFakeNode(t, Options{PerPage: 2}, func(method string, p map[string]any) (int, []byte) {
		if method != "tx_search" {
			return 200, statusBody(1, 100)
		}
		if call.Add(1) == 2 {
			return 200, rpcErrorBody("Internal error", "page should be within [1, 1] range, given 2")
		}
		if pageOf(p) == 1 && call.Load() == 1 {
			return 200, rpcResult(map[string]any{"txs": txs, "total_count": "3"})
		}
		return 200, rpcResult(map[string]any{"txs": txs, "total_count": "2"})
	})
	got, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 20)
	require.NoError(t, err)
	assert.Len(t, got, 2)
	assert.Len(t, f.Calls("tx_search"), 3)
}

// TestSearchBadPages: pages that do not add up are refused, never trusted.
func TestSearchBadPages(t *testing.T) {
	a, b, c3 := deposit(t, 0, 10, 0), deposit(t, 1, 11, 0), deposit(t, 2, 12, 0)
	toOther := wireTxJSON(txBytes(t, "x", 10_000, send(recordedAlice, feeCollector, upokt(5))), 10, 0,
		concat(feeEvents(recordedAlice, "10000upokt"), transferEvents(recordedAlice, feeCollector, "5upokt")))
	tests := []struct {
		name  string
		pages [][]map[string]any
		total string
	}{
		{"a tx outside the window", [][]map[string]any{{deposit(t, 9, 99, 0)}}, "1"},
		{"a tx without a transfer to the address", [][]map[string]any{{toOther}}, "1"},
		{"not in ascending order", [][]map[string]any{{b, a}}, "2"},
		{"not ascending across pages", [][]map[string]any{{b, c3}, {a}}, "3"},
		{"two txs in one place", [][]map[string]any{{a, withHashOf(deposit(t, 5, 10, 0))}}, "2"},
		{"a repeated tx that fills the count", [][]map[string]any{{a, b}, {b}}, "3"},
		{"a short page before the end", [][]map[string]any{{a}, {b}}, "2"},
		{"more txs than the page holds", [][]map[string]any{{a, b, c3}}, "3"},
		{"more txs than the total", [][]map[string]any{{a, b}}, "1"},
		{"a negative total", [][]map[string]any{{}}, "-1"},
		{"a total that is not a number", [][]map[string]any{{}}, "many"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, c := newFakeNode(t, Options{PerPage: 2}, func(method string, p map[string]any) (int, []byte) {
				if method != "tx_search" {
					return 200, statusBody(1, 100)
				}
				page := pageOf(p)
				if page > len(tt.pages) {
					return 200, rpcErrorBody("Internal error", "page should be within [1, 1] range")
				}
				return 200, rpcResult(map[string]any{"txs": tt.pages[page-1], "total_count": tt.total})
			})
			txs, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 20)
			require.ErrorIs(t, err, pokt.ErrInvalidResponse)
			assert.Nil(t, txs)
		})
	}
}

// withHashOf keeps a tx but moves it to index 0 of height 10 (where the
// first deposit is).
func withHashOf(w map[string]any) map[string]any { w["height"], w["index"] = "10", 0; return w }

// TestSearchBelowEarliest: a node without the index for the start height
// (restored from a snapshot, pruned) would find nothing there, silently:
// the window is refused before any tx_search.
func TestSearchBelowEarliest(t *testing.T) {
	f, c := newFakeNode(t, Options{}, func(method string, _ map[string]any) (int, []byte) {
		if method == "status" {
			return 200, statusBody(500, 900)
		}
		return 200, readTestdata(t, "tx_search_empty.json")
	})
	earliest, err := c.EarliestHeight(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(500), earliest)
	_, err = c.ReceivedTxs(context.Background(), recordedVault, 499, 600)
	require.ErrorIs(t, err, pokt.ErrHeightPruned)
	assert.Contains(t, err.Error(), "earliest height 500")
	_, err = c.SentTxs(context.Background(), recordedVault, 1, 600)
	require.ErrorIs(t, err, pokt.ErrHeightPruned)
	assert.Empty(t, f.Calls("tx_search"))
	_, err = c.ReceivedTxs(context.Background(), recordedVault, 500, 600)
	require.NoError(t, err)
	assert.Len(t, f.Calls("tx_search"), 1)
}

// TestSearchFirstCallReadsEarliest: a client that never read the status
// reads it once before its first search.
func TestSearchFirstCallReadsEarliest(t *testing.T) {
	f, c := newFakeNode(t, Options{}, func(method string, _ map[string]any) (int, []byte) {
		if method == "status" {
			return 200, statusBody(50, 900)
		}
		return 200, readTestdata(t, "tx_search_empty.json")
	})
	_, err := c.ReceivedTxs(context.Background(), recordedVault, 10, 600)
	require.ErrorIs(t, err, pokt.ErrHeightPruned)
	assert.Len(t, f.Calls("status"), 1)
}

func TestSearchBadArguments(t *testing.T) {
	f, c := newFakeNode(t, Options{}, byMethod(t, map[string]string{"tx_search": "tx_search_empty.json"}))
	for _, tt := range []struct {
		addr     string
		from, to int64
		want     error
	}{
		{"not an address", 1, 2, pokt.ErrInvalidAddress},
		{recordedVault, 0, 2, pokt.ErrInvalidArgument},
		{recordedVault, 5, 4, pokt.ErrInvalidArgument},
	} {
		_, err := c.ReceivedTxs(context.Background(), tt.addr, tt.from, tt.to)
		require.ErrorIs(t, err, tt.want, "%+v", tt)
	}
	assert.Empty(t, f.Calls("tx_search"))
	// A Morse-form address names the same account: searched in bech32.
	a, _ := pokt.ParseAddress(recordedVault)
	_, err := c.ReceivedTxs(context.Background(), a.In(pokt.Morse).String(), 1, 2)
	require.NoError(t, err)
	assert.Contains(t, f.Calls("tx_search")[0].Params["query"], recordedVault)
}
