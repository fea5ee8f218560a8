package workers

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/config"
)

// fakePocket answers the start-up check's two questions.
type fakePocket struct {
	pokt.Node
	chainID string
	err     error
}

func (f fakePocket) ChainID(context.Context) (string, error) { return f.chainID, f.err }
func (f fakePocket) Balance(context.Context, string) (uint64, error) {
	return 1, f.err
}

// ethServer answers eth_chainId with chainID and eth_getCode with no code
// (an address that holds no contract).
func ethServer(t *testing.T, chainID string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct {
			ID     json.RawMessage `json:"id"`
			Method string          `json:"method"`
		}
		_ = json.Unmarshal(body, &req)
		result := map[string]string{"eth_chainId": chainID, "eth_getCode": "0x"}[req.Method]
		_ = json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "id": req.ID, "result": result})
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func checkedNode(t *testing.T, ethChainID string, pocket fakePocket) *Node {
	ec, err := eth.Dial(context.Background(), ethServer(t, ethChainID), eth.Options{WPOKTAddress: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")})
	require.NoError(t, err)
	t.Cleanup(ec.Close)
	cfg := &config.Config{}
	cfg.Ethereum.ChainID = 1337
	cfg.Pocket.ChainID = "pocket"
	cfg.Pocket.VaultAddress = "pokt1tuf3ch57340k9ky2w2gpwp097g7u9zstkpcdnv"
	return &Node{cfg: cfg, eth: ec, pocket: pokt.RememberHeads(pocket), logger: slog.New(slog.DiscardHandler)}
}

// TestStartupCheckStopsOnAnotherChain: a node whose RPCs serve other chains
// than configured, or no wPOKT contract, refuses to run, naming each key.
func TestStartupCheckStopsOnAnotherChain(t *testing.T) {
	n := checkedNode(t, "0x1", fakePocket{chainID: "pocket-lego-testnet"})
	err := n.startupCheck(context.Background())
	require.Error(t, err)
	for _, want := range []string{
		"the node does not start",
		"ethereum.chain_id: check chain id: rpc serves chain 1, want 1337",
		"ethereum.wpokt_address",
		`pocket.chain_id: the RPC serves chain "pocket-lego-testnet", the config says "pocket"`,
	} {
		require.ErrorContains(t, err, want)
	}
	require.True(t, mismatch(err), "a wrong answer is not asked again")
}

// TestCheckChainsNamesAnRPCThatDoesNotAnswer: a Pocket RPC that does not
// answer is named by its keys, and is not taken for a wrong chain (the
// start-up check asks it again).
func TestCheckChainsNamesAnRPCThatDoesNotAnswer(t *testing.T) {
	n := checkedNode(t, "0x539", fakePocket{err: errors.New("connection refused")})
	err := n.checkChains(context.Background())
	require.ErrorContains(t, err, "pocket.rpc_url: connection refused")
	require.ErrorContains(t, err, "pocket.vault_address: read the vault's balance: connection refused")
	require.NotContains(t, err.Error(), "ethereum.chain_id", "the Ethereum RPC serves 1337 as configured")
	require.False(t, mismatch(errors.New("connection refused")))
}
