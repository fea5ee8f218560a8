// Package ethnet is the one simulated Ethereum of the devnet and of the
// tests: go-ethereum's simulated backend (a real in-process EVM) with the
// wPOKT contract deployed, served as JSON-RPC over HTTP and websocket on
// 127.0.0.1, producing a block every interval or only on Commit. Start runs
// the devnet's; NewChain (testchain.go) a test's, with helpers that fail
// the test.
package ethnet

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"sync"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/eth/wpokt"
	"github.com/wpokt/bridge/devnet/localport"
)

// ChainID is the simulated backend's chain ID.
const ChainID = 1337

// Account is a devnet account with its key.
type Account struct {
	Name    string
	Key     *ecdsa.PrivateKey
	Address common.Address
}

// NewAccount derives a deterministic account from a name, so that the
// devnet's accounts are the same at every start.
func NewAccount(name string) Account {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("wpokt-devnet/eth/" + name)))
	if err != nil {
		panic(err) // a keccak hash is a valid key but for a negligible set
	}
	return Account{Name: name, Key: key, Address: crypto.PubkeyToAddress(key.PublicKey)}
}

// Options configure the chain.
type Options struct {
	// Port serves HTTP and websocket JSON-RPC; 0 picks a free port.
	Port int
	// BlockInterval is how often a block is produced; 0 produces blocks
	// only on Commit.
	BlockInterval time.Duration
	// Vault is the Copper vault's account: the contract's minter.
	Vault Account
	// Admin deploys the contract and holds its admin and pauser roles.
	Admin Account
	// Users are funded with ETH for gas.
	Users []Account
	// NoContract leaves the chain without the wPOKT contract.
	NoContract bool
}

// Chain is the running simulated chain.
type Chain struct {
	HTTPURL, WSURL string
	WPOKT          common.Address
	Vault, Admin   Account
	Users          []Account

	mu      sync.Mutex // serialises block production, forks and sends
	backend *simulated.Backend
	client  simulated.Client
	token   *wpokt.WrappedPocket
	stop    chan struct{}
	done    chan struct{}
	paused  bool
}

// Start starts the chain, deploys the contract and starts producing blocks.
func Start(ctx context.Context, opts Options) (*Chain, error) {
	funds := new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(params.Ether))
	alloc := types.GenesisAlloc{}
	for _, a := range append([]Account{opts.Vault, opts.Admin}, opts.Users...) {
		alloc[a.Address] = types.Account{Balance: funds}
	}
	backend, port, err := startBackend(alloc, opts.Port)
	if err != nil {
		return nil, err
	}
	c := &Chain{
		HTTPURL: fmt.Sprintf("http://127.0.0.1:%d", port), WSURL: fmt.Sprintf("ws://127.0.0.1:%d", port),
		Vault: opts.Vault, Admin: opts.Admin, Users: opts.Users,
		backend: backend, client: backend.Client(), token: wpokt.NewWrappedPocket(),
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	if !opts.NoContract {
		if err := c.deploy(ctx); err != nil {
			_ = backend.Close()
			return nil, err
		}
	}
	go c.produce(opts.BlockInterval)
	return c, nil
}

// deploy deploys wPOKT with the admin's first transaction (so at a fixed
// address), the vault as its minter.
func (c *Chain) deploy(ctx context.Context) error {
	addr, tx, err := eth.DeployWPOKT(ctx, c.client, c.transactOpts(c.Admin), c.Admin.Address, c.Vault.Address)
	if err != nil {
		return err
	}
	c.backend.Commit()
	rcpt, err := c.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil || rcpt.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("ethnet: deploy wpokt: receipt %v, %v", rcpt, err)
	}
	c.WPOKT = addr
	return nil
}

// startBackend starts a simulated backend serving HTTP and websocket on
// port, or on a free loopback port when port is 0, trying again if another
// process takes that port first.
func startBackend(alloc types.GenesisAlloc, port int) (*simulated.Backend, int, error) {
	var lastErr error
	for range 5 {
		p := port
		if p == 0 {
			var err error
			if p, err = localport.Free(); err != nil {
				return nil, 0, fmt.Errorf("ethnet: find a free port: %w", err)
			}
		}
		b, err := newBackend(alloc, p)
		if err == nil {
			return b, p, nil
		}
		lastErr = err
		if port != 0 {
			break
		}
	}
	return nil, 0, lastErr
}

func newBackend(alloc types.GenesisAlloc, port int) (b *simulated.Backend, err error) {
	defer func() {
		// NewBackend panics when its node cannot start (e.g. a port taken).
		if r := recover(); r != nil {
			err = fmt.Errorf("ethnet: start simulated backend on port %d: %v", port, r)
		}
	}()
	return simulated.NewBackend(alloc, func(nc *node.Config, _ *ethconfig.Config) {
		nc.HTTPHost, nc.HTTPPort = "127.0.0.1", port
		nc.HTTPModules = []string{"eth", "net", "web3"}
		nc.WSHost, nc.WSPort = "127.0.0.1", port
		nc.WSModules = []string{"eth", "net", "web3"}
	}), nil
}

func (c *Chain) produce(interval time.Duration) {
	defer close(c.done)
	if interval <= 0 {
		<-c.stop
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			c.mu.Lock()
			if !c.paused {
				c.backend.Commit()
			}
			c.mu.Unlock()
		}
	}
}

// Close stops block production and the node.
func (c *Chain) Close() error {
	close(c.stop)
	<-c.done
	return c.backend.Close()
}

// Commit produces n blocks now and returns the last one's hash.
func (c *Chain) Commit(n int) common.Hash {
	c.mu.Lock()
	defer c.mu.Unlock()
	var h common.Hash
	for range n {
		h = c.backend.Commit()
	}
	return h
}

// Pause stops automatic block production (e.g. to line up a reorg);
// Resume restarts it.
func (c *Chain) Pause()  { c.mu.Lock(); c.paused = true; c.mu.Unlock() }
func (c *Chain) Resume() { c.mu.Lock(); c.paused = false; c.mu.Unlock() }

// Fork rewinds the chain to parent so that the next blocks build a new
// branch; the pool re-mines the orphaned txs unless a conflicting tx takes
// their sender's nonce first.
func (c *Chain) Fork(parent common.Hash) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.backend.Fork(parent)
}

// Client is the in-process client of the chain (no HTTP).
func (c *Chain) Client() simulated.Client { return c.client }

func (c *Chain) transactOpts(a Account) *bind.TransactOpts {
	opts := bind.NewKeyedTransactor(a.Key, big.NewInt(ChainID))
	opts.GasTipCap = big.NewInt(params.GWei)
	return opts
}

// Burn sends burnAndBridge(amount, poktAddress) from a user; the tx is mined
// with the next block.
func (c *Chain) Burn(ctx context.Context, from Account, amount uint64, poktAddress common.Address) (*types.Transaction, error) {
	data := c.token.PackBurnAndBridge(new(big.Int).SetUint64(amount), poktAddress)
	return c.Send(ctx, from, c.WPOKT, data, 0)
}

// sendGas is the gas limit of a devnet tx: enough for a burn, and low
// enough that a burst of burns fits in one block.
const sendGas = 200_000

// Send signs and sends a call from an account, with an explicit nonce when
// nonce > 0 (a conflicting tx for a reorg) or the pending nonce otherwise.
func (c *Chain) Send(ctx context.Context, from Account, to common.Address, data []byte, nonce uint64) (*types.Transaction, error) {
	return c.sendWithGas(ctx, from, to, data, nonce, sendGas)
}

func (c *Chain) sendWithGas(ctx context.Context, from Account, to common.Address, data []byte, nonce, gas uint64) (*types.Transaction, error) {
	if nonce > 0 {
		return c.sendWithNonce(ctx, from, to, data, nonce, gas)
	}
	// While a block is being committed the pending nonce can briefly lag
	// behind a tx just sent (the pool answers "replacement transaction
	// underpriced" or "nonce too low"): read it again and resend.
	var tx *types.Transaction
	err := whilePoolLags(ctx, func() error {
		n, err := c.client.PendingNonceAt(ctx, from.Address)
		if err != nil {
			return fmt.Errorf("ethnet: nonce of %s: %w", from.Name, err)
		}
		tx, err = c.sendWithNonce(ctx, from, to, data, n, gas)
		return err
	}, "replacement transaction underpriced", "nonce too low")
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("ethnet: send from %s: %w", from.Name, err)
	}
	if err != nil {
		return nil, err
	}
	return tx, nil
}

func (c *Chain) sendWithNonce(ctx context.Context, from Account, to common.Address, data []byte, nonce, gas uint64) (*types.Transaction, error) {
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("ethnet: head: %w", err)
	}
	tip := big.NewInt(params.GWei)
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	tx, err := types.SignNewTx(from.Key, types.LatestSignerForChainID(big.NewInt(ChainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(ChainID), Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Data: data,
	})
	if err != nil {
		return nil, fmt.Errorf("ethnet: sign: %w", err)
	}
	if err := c.client.SendTransaction(ctx, tx); err != nil {
		return nil, fmt.Errorf("ethnet: send from %s: %w", from.Name, err)
	}
	return tx, nil
}

// Receipt waits for a tx's receipt.
func (c *Chain) Receipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	for {
		r, err := c.client.TransactionReceipt(ctx, hash)
		if err == nil {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ethnet: receipt of %s: %w", hash.Hex(), ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// BalanceOf is a wPOKT balance.
func (c *Chain) BalanceOf(ctx context.Context, a common.Address) (uint64, error) {
	return c.callUint(ctx, c.token.PackBalanceOf(a))
}

// TotalSupply is the wPOKT supply.
func (c *Chain) TotalSupply(ctx context.Context) (uint64, error) {
	return c.callUint(ctx, c.token.PackTotalSupply())
}

// UserNonce is a recipient's last mint nonce.
func (c *Chain) UserNonce(ctx context.Context, a common.Address) (uint64, error) {
	return c.callUint(ctx, c.token.PackUserNonce(a))
}

func (c *Chain) callUint(ctx context.Context, data []byte) (uint64, error) {
	out, err := c.client.CallContract(ctx, ethereumCall(c.WPOKT, data), nil)
	if err != nil {
		return 0, fmt.Errorf("ethnet: call: %w", err)
	}
	v := new(big.Int).SetBytes(out)
	if !v.IsUint64() {
		return 0, errors.New("ethnet: value out of range: " + v.String())
	}
	return v.Uint64(), nil
}

// Head is the current block number.
func (c *Chain) Head(ctx context.Context) (uint64, error) {
	return c.client.BlockNumber(ctx)
}

// UserAccounts makes n deterministic user accounts.
func UserAccounts(n int) []Account {
	out := make([]Account, n)
	for i := range out {
		out[i] = NewAccount("user-" + strconv.Itoa(i+1))
	}
	return out
}

func ethereumCall(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}
