package eth_test

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/eth/wpokt"
)

// fakeRPC answers JSON-RPC methods with canned results, to play a node that
// answers what a real one rarely does (a stale receipt, a junk log).
type fakeRPC map[string]func(params []json.RawMessage) any

func (f fakeRPC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ID     json.RawMessage   `json:"id"`
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp := map[string]any{"jsonrpc": "2.0", "id": req.ID}
	if h, ok := f[req.Method]; ok {
		resp["result"] = h(req.Params)
	} else {
		resp["error"] = map[string]any{"code": -32601, "message": "no method " + req.Method}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(resp)
}

func serveFake(t *testing.T, f fakeRPC, wpoktAddr common.Address) *eth.Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cl, err := eth.Dial(context.Background(), srv.URL, eth.Options{WPOKTAddress: wpoktAddr, CallTimeout: 5 * time.Second})
	require.NoError(t, err)
	t.Cleanup(cl.Close)
	return cl
}

func addressTopic(a common.Address) common.Hash { return common.BytesToHash(a.Bytes()) }

func TestCheckBurnAgainstOddNodes(t *testing.T) {
	token := wpokt.NewWrappedPocket().GetABI()
	var (
		wpoktAddr = common.HexToAddress("0x000000000000000000000000000000000000c0de")
		txHash    = common.HexToHash("0xaa")
		blockHash = common.HexToHash("0xbb")
		from      = common.HexToAddress("0x0000000000000000000000000000000000000f00")
		burnTopic = token.Events["BurnAndBridge"].ID
	)
	burnLog := func(mod func(*types.Log)) *types.Log {
		l := &types.Log{
			Address:     wpoktAddr,
			Topics:      []common.Hash{burnTopic, common.BigToHash(big64(77)), addressTopic(poktTo), addressTopic(from)},
			BlockNumber: 7, TxHash: txHash, BlockHash: blockHash, Index: 3,
		}
		if mod != nil {
			mod(l)
		}
		return l
	}
	receipt := func(logs ...*types.Log) func([]json.RawMessage) any {
		return func([]json.RawMessage) any {
			r := &types.Receipt{
				Type: types.DynamicFeeTxType, Status: types.ReceiptStatusSuccessful, CumulativeGasUsed: 60_000,
				Logs: logs, TxHash: txHash, GasUsed: 60_000, EffectiveGasPrice: big.NewInt(1),
				BlockHash: blockHash, BlockNumber: big.NewInt(7),
			}
			if len(logs) == 0 {
				r.Logs = []*types.Log{}
			}
			r.Bloom = types.CreateBloom(r)
			return r
		}
	}
	block := func(number string, hash common.Hash) func([]json.RawMessage) any {
		return func([]json.RawMessage) any { return map[string]any{"number": number, "hash": hash} }
	}
	head := func([]json.RawMessage) any { return "0x9" }
	null := func([]json.RawMessage) any { return nil }

	tests := []struct {
		name          string
		rpc           fakeRPC
		wantErr       error
		wantCanonical bool
		wantConfs     uint64
	}{
		{
			name:          "canonical",
			rpc:           fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(nil)), "eth_getBlockByNumber": block("0x7", blockHash), "eth_blockNumber": head},
			wantCanonical: true, wantConfs: 3,
		},
		{
			name: "another block at the receipt's height",
			rpc:  fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(nil)), "eth_getBlockByNumber": block("0x7", common.HexToHash("0xcc")), "eth_blockNumber": head},
		},
		{
			name: "no block at the receipt's height",
			rpc:  fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(nil)), "eth_getBlockByNumber": null, "eth_blockNumber": head},
		},
		{
			name:    "block of another height",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(nil)), "eth_getBlockByNumber": block("0x8", blockHash), "eth_blockNumber": head},
			wantErr: eth.ErrBadResponse,
		},
		{
			name:    "no receipt",
			rpc:     fakeRPC{"eth_getTransactionReceipt": null},
			wantErr: eth.ErrTxNotFound,
		},
		{
			name: "receipt of another tx",
			rpc: fakeRPC{"eth_getTransactionReceipt": func(p []json.RawMessage) any {
				r := receipt(burnLog(nil))(p).(*types.Receipt)
				r.TxHash = common.HexToHash("0xdd")
				return r
			}},
			wantErr: eth.ErrBadResponse,
		},
		{
			name:    "burn event of another contract",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(func(l *types.Log) { l.Address = from }))},
			wantErr: eth.ErrLogNotFound,
		},
		{
			name:    "address topic with dirty padding",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(func(l *types.Log) { l.Topics[2][0] = 1 }))},
			wantErr: eth.ErrBadResponse,
		},
		{
			name:    "burn log with data",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(func(l *types.Log) { l.Data = []byte{1} }))},
			wantErr: eth.ErrBadResponse,
		},
		{
			name:    "burn log with a missing topic",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(func(l *types.Log) { l.Topics = l.Topics[:3] }))},
			wantErr: eth.ErrBadResponse,
		},
		{
			name:    "log of another block",
			rpc:     fakeRPC{"eth_getTransactionReceipt": receipt(burnLog(func(l *types.Log) { l.BlockHash = common.HexToHash("0xcc") }))},
			wantErr: eth.ErrBadResponse,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cl := serveFake(t, tt.rpc, wpoktAddr)
			check, err := cl.CheckBurn(context.Background(), txHash, 0)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Nil(t, check)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantCanonical, check.Canonical)
			assert.Equal(t, tt.wantConfs, check.Confirmations)
			assert.Equal(t, tt.wantCanonical, check.Confirmed(1))
			assert.Equal(t, big64(77), check.Burn.Amount)
		})
	}
}

func TestVerifyMintedNotCanonical(t *testing.T) {
	token := wpokt.NewWrappedPocket().GetABI()
	wpoktAddr := common.HexToAddress("0x000000000000000000000000000000000000c0de")
	txHash := common.HexToHash("0xaa")
	blockHash := common.HexToHash("0xbb")
	to := common.HexToAddress("0x0000000000000000000000000000000000000f00")
	r := &types.Receipt{
		Type: types.DynamicFeeTxType, Status: types.ReceiptStatusSuccessful, CumulativeGasUsed: 60_000,
		Logs: []*types.Log{{
			Address:     wpoktAddr,
			Topics:      []common.Hash{token.Events["Minted"].ID, addressTopic(to), common.BigToHash(big64(5)), common.BigToHash(big64(1))},
			BlockNumber: 7, TxHash: txHash, BlockHash: blockHash,
		}},
		TxHash: txHash, GasUsed: 60_000, EffectiveGasPrice: big.NewInt(1), BlockHash: blockHash, BlockNumber: big.NewInt(7),
	}
	r.Bloom = types.CreateBloom(r)
	cl := serveFake(t, fakeRPC{
		"eth_getTransactionReceipt": func([]json.RawMessage) any { return r },
		"eth_getBlockByNumber":      func([]json.RawMessage) any { return map[string]any{"number": "0x7", "hash": common.HexToHash("0xcc")} },
		"eth_blockNumber":           func([]json.RawMessage) any { return "0x9" },
	}, wpoktAddr)
	_, err := cl.VerifyMinted(context.Background(), txHash, to, big64(5), big64(1))
	assert.ErrorIs(t, err, eth.ErrNotCanonical)
}

func TestBurnsRejectsOddLogs(t *testing.T) {
	token := wpokt.NewWrappedPocket().GetABI()
	wpoktAddr := common.HexToAddress("0x000000000000000000000000000000000000c0de")
	good := types.Log{
		Address:     wpoktAddr,
		Topics:      []common.Hash{token.Events["BurnAndBridge"].ID, common.BigToHash(big64(1)), addressTopic(poktTo), addressTopic(poktTo)},
		BlockNumber: 5, TxHash: common.HexToHash("0xaa"), BlockHash: common.HexToHash("0xbb"), Index: 1,
	}
	tests := []struct {
		name string
		mod  func(*types.Log)
	}{
		{"outside the range asked", func(l *types.Log) { l.BlockNumber = 11 }},
		{"removed", func(l *types.Log) { l.Removed = true }},
		{"another contract", func(l *types.Log) { l.Address = poktTo }},
		{"another event", func(l *types.Log) { l.Topics[0] = token.Events["Minted"].ID }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := good
			l.Topics = append([]common.Hash(nil), good.Topics...)
			tt.mod(&l)
			cl := serveFake(t, fakeRPC{"eth_getLogs": func([]json.RawMessage) any { return []types.Log{good, l} }}, wpoktAddr)
			_, err := cl.Burns(context.Background(), 1, 10)
			assert.ErrorIs(t, err, eth.ErrBadResponse)
		})
	}
	t.Run("same log twice", func(t *testing.T) {
		cl := serveFake(t, fakeRPC{"eth_getLogs": func([]json.RawMessage) any { return []types.Log{good, good} }}, wpoktAddr)
		_, err := cl.Burns(context.Background(), 1, 10)
		assert.ErrorIs(t, err, eth.ErrBadResponse)
	})
}
