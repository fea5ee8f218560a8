package ethvault_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/coppersim/ethvault"
	"github.com/wpokt/bridge/secret"
)

// revertOnFF is runtime code that stops, unless the call data starts with
// 0xff, in which case it reverts:
//
//	PUSH1 0 CALLDATALOAD PUSH1 0xf8 SHR PUSH1 0xff EQ PUSH1 0x0d JUMPI STOP JUMPDEST PUSH1 0 PUSH1 0 REVERT
var revertOnFF = common.FromHex("60003560f81c60ff14600d57005b60006000fd")

var contractAddr = common.HexToAddress("0x00000000000000000000000000000000000c0de1")

type chain struct {
	backend *simulated.Backend
	exec    *ethvault.Executor
}

func newChain(t *testing.T, cfg ethvault.Config) *chain {
	t.Helper()
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	vault := crypto.PubkeyToAddress(key.PublicKey)
	b := simulated.NewBackend(types.GenesisAlloc{
		vault:        {Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))},
		contractAddr: {Code: revertOnFF},
	})
	t.Cleanup(func() { _ = b.Close() })
	// Produce blocks while the test runs.
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		tk := time.NewTicker(10 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tk.C:
				b.Commit()
			}
		}
	}()
	t.Cleanup(func() { cancel(); <-done })

	cfg.Backend, cfg.Key, cfg.PollInterval = b.Client(), key, 5*time.Millisecond
	exec, err := ethvault.New(cfg)
	require.NoError(t, err)
	assert.Equal(t, vault, exec.Address())
	return &chain{backend: b, exec: exec}
}

func TestExecuteContractCall(t *testing.T) {
	c := newChain(t, ethvault.Config{})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()

	hash, err := c.exec.ExecuteContractCall(ctx, contractAddr.Hex(), []byte{0x01, 0x02})
	require.NoError(t, err)
	rcpt, err := c.backend.Client().TransactionReceipt(ctx, common.HexToHash(hash))
	require.NoError(t, err)
	assert.Equal(t, types.ReceiptStatusSuccessful, rcpt.Status)
	tx, _, err := c.backend.Client().TransactionByHash(ctx, common.HexToHash(hash))
	require.NoError(t, err)
	assert.Equal(t, contractAddr, *tx.To())
	assert.Equal(t, []byte{0x01, 0x02}, tx.Data())

	// A call that reverts fails at estimation: nothing is sent.
	hash, err = c.exec.ExecuteContractCall(ctx, contractAddr.Hex(), []byte{0xff})
	require.Error(t, err)
	assert.Empty(t, hash)
	assert.Contains(t, err.Error(), "would fail")

	_, err = c.exec.ExecuteContractCall(ctx, "not-an-address", nil)
	require.Error(t, err)
}

func TestExecuteContractCallRevertedOnChain(t *testing.T) {
	c := newChain(t, ethvault.Config{GasLimit: 100_000})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	hash, err := c.exec.ExecuteContractCall(ctx, contractAddr.Hex(), []byte{0xff})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "reverted")
	require.NotEmpty(t, hash, "the mined, failed tx is reported")
	rcpt, err := c.backend.Client().TransactionReceipt(ctx, common.HexToHash(hash))
	require.NoError(t, err)
	assert.Equal(t, types.ReceiptStatusFailed, rcpt.Status)
}

// The simulator executes a fully signed smart-call order on the chain, and a
// reverting one ends in error with the reason.
func TestSimulatorExecutesSmartCallOnChain(t *testing.T) {
	c := newChain(t, ethvault.Config{})
	sim, err := coppersim.New(coppersim.Config{MasterPassword: "m", Nodes: coppersim.NewNodes(12), Eth: c.exec})
	require.NoError(t, err)
	require.NoError(t, sim.Start(coppersim.Addrs{}))
	t.Cleanup(func() { _ = sim.Close() })
	n0 := sim.Nodes()[0]
	client, err := copper.NewClient(copper.Config{BaseURL: sim.PlatformURL(), APIKey: secret.Value(n0.API.Key),
		APISecret: secret.Value(n0.API.Secret), PortfolioID: sim.PortfolioID()})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()

	run := func(ext, payload string) copper.Order {
		o, err := client.CreateOrder(ctx, copper.OrderRequest{ExternalOrderID: ext, OrderType: copper.OrderTypeWithdraw,
			BaseCurrency: "ETH", ToAddress: contractAddr.Hex(), BlockchainTransactionType: copper.TxTypeSmartCall, Payload: payload})
		require.NoError(t, err)
		require.NoError(t, client.StartSigning(ctx, o.OrderID))
		o, err = client.GetOrder(ctx, o.OrderID)
		require.NoError(t, err)
		for _, n := range sim.Nodes()[:9] {
			u, err := copper.NewUnlimited(copper.UnlimitedConfig{BaseURL: sim.UnlimitedURL(n.ID), KeyFilename: n.KeyFilename,
				KeyPassword: secret.Value(n.KeyPassword), MasterPassword: "m", APIKey: secret.Value(n.API.Key),
				APISecret: secret.Value(n.API.Secret), PollInterval: 2 * time.Millisecond})
			require.NoError(t, err)
			require.NoError(t, u.Sign(ctx, o))
		}
		done, err := sim.WaitForStatus(ctx, o.OrderID)
		require.NoError(t, err)
		return done
	}

	ok := run("mint-onchain", "0x0102")
	assert.Equal(t, copper.StatusExecuted, ok.Status)
	rcpt, err := c.backend.Client().TransactionReceipt(ctx, common.HexToHash(ok.Extra.TransactionID))
	require.NoError(t, err)
	assert.Equal(t, types.ReceiptStatusSuccessful, rcpt.Status)

	bad := run("mint-reverts", "0xff")
	assert.Equal(t, copper.StatusError, bad.Status)
	assert.Contains(t, bad.Extra.ErrorMessage, "revert")
}
