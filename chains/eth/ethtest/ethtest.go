// Package ethtest runs a simulated Ethereum chain with the wPOKT contract
// deployed, served over JSON-RPC on 127.0.0.1 (HTTP and websocket on one
// port), for the tests of any package. Blocks come only from Commit.
package ethtest

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"testing"
	"time"

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
)

// ChainID of every simulated chain.
const ChainID = 1337

// Gwei is 10^9 wei; transactions tip 1 gwei (a 1-wei tip is never mined).
const Gwei = params.GWei

// Options configures NewChain.
type Options struct {
	// Users is the number of funded user accounts besides the admin and the
	// minter (default 2).
	Users int
	// NoContract leaves the chain without the wPOKT contract.
	NoContract bool
}

// Account is a funded test account.
type Account struct {
	Name    string
	Key     *ecdsa.PrivateKey
	Address common.Address
}

// Chain is a running simulated chain.
type Chain struct {
	Backend *simulated.Backend
	// Client is the in-process client (no HTTP).
	Client simulated.Client
	// HTTPURL and WSURL serve the chain's JSON-RPC (eth, net, web3).
	HTTPURL, WSURL string
	ChainID        *big.Int
	// WPOKT is the deployed contract's address (zero with NoContract).
	WPOKT  common.Address
	Token  *wpokt.WrappedPocket
	Admin  Account // DEFAULT_ADMIN_ROLE and PAUSER_ROLE
	Minter Account // MINTER_ROLE, as the Copper vault's address is
	Users  []Account
}

// NewAccount derives a deterministic account from name.
func NewAccount(name string) Account {
	key, err := crypto.ToECDSA(crypto.Keccak256([]byte("wpokt-ethtest/" + name)))
	if err != nil {
		panic(err) // a keccak hash is a valid key but for a negligible set
	}
	return Account{Name: name, Key: key, Address: crypto.PubkeyToAddress(key.PublicKey)}
}

// NewChain starts a simulated chain with funded accounts, deploys wPOKT
// (admin, minter) unless opts.NoContract, and closes it when the test ends.
func NewChain(t testing.TB, opts Options) *Chain {
	t.Helper()
	if opts.Users == 0 {
		opts.Users = 2
	}
	c := &Chain{
		ChainID: big.NewInt(ChainID),
		Token:   wpokt.NewWrappedPocket(),
		Admin:   NewAccount("admin"),
		Minter:  NewAccount("minter"),
	}
	for i := range opts.Users {
		c.Users = append(c.Users, NewAccount("user"+strconv.Itoa(i)))
	}
	funds := new(big.Int).Mul(big.NewInt(1000), big.NewInt(params.Ether))
	alloc := types.GenesisAlloc{}
	for _, a := range append([]Account{c.Admin, c.Minter}, c.Users...) {
		alloc[a.Address] = types.Account{Balance: funds}
	}
	var port int
	c.Backend, port = startBackend(t, alloc)
	t.Cleanup(func() { _ = c.Backend.Close() })
	c.Client = c.Backend.Client()
	c.HTTPURL = fmt.Sprintf("http://127.0.0.1:%d", port)
	c.WSURL = fmt.Sprintf("ws://127.0.0.1:%d", port)
	if opts.NoContract {
		return c
	}
	addr, tx, err := eth.DeployWPOKT(context.Background(), c.Client, c.TransactOpts(c.Admin), c.Admin.Address, c.Minter.Address)
	if err != nil {
		t.Fatalf("ethtest: %v", err)
	}
	c.MustSucceed(t, c.Mine(t, tx))
	c.WPOKT = addr
	return c
}

// startBackend starts a simulated backend serving HTTP and websocket on a
// free loopback port, trying again if another process takes the port first.
func startBackend(t testing.TB, alloc types.GenesisAlloc) (*simulated.Backend, int) {
	t.Helper()
	var lastErr error
	for range 5 {
		port, err := freePort()
		if err != nil {
			t.Fatalf("ethtest: find a free port: %v", err)
		}
		b, err := newBackend(alloc, port)
		if err == nil {
			return b, port
		}
		lastErr = err
	}
	t.Fatalf("ethtest: start simulated backend: %v", lastErr)
	return nil, 0
}

func newBackend(alloc types.GenesisAlloc, port int) (b *simulated.Backend, err error) {
	defer func() {
		// NewBackend panics when the node cannot start (e.g. port taken).
		if r := recover(); r != nil {
			err = fmt.Errorf("port %d: %v", port, r)
		}
	}()
	return simulated.NewBackend(alloc, func(nc *node.Config, _ *ethconfig.Config) {
		nc.HTTPHost = "127.0.0.1"
		nc.HTTPPort = port
		nc.HTTPModules = []string{"eth", "net", "web3"}
		nc.WSHost = "127.0.0.1"
		nc.WSPort = port
		nc.WSModules = []string{"eth", "net", "web3"}
	}), nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Options returns client options for this chain's contract.
func (c *Chain) Options() eth.Options {
	return eth.Options{WPOKTAddress: c.WPOKT, CallTimeout: 10 * time.Second}
}

// DialHTTP returns an eth.Client over the chain's HTTP endpoint.
func (c *Chain) DialHTTP(t testing.TB, opts eth.Options) *eth.Client {
	t.Helper()
	return c.dial(t, c.HTTPURL, opts)
}

// DialWS returns an eth.Client over the chain's websocket endpoint.
func (c *Chain) DialWS(t testing.TB, opts eth.Options) *eth.Client {
	t.Helper()
	return c.dial(t, c.WSURL, opts)
}

func (c *Chain) dial(t testing.TB, url string, opts eth.Options) *eth.Client {
	t.Helper()
	if opts.WPOKTAddress == (common.Address{}) {
		opts.WPOKTAddress = c.WPOKT
	}
	cl, err := eth.Dial(context.Background(), url, opts)
	if err != nil {
		t.Fatalf("ethtest: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

// TransactOpts returns bind options for a, tipping 1 gwei.
func (c *Chain) TransactOpts(a Account) *bind.TransactOpts {
	opts := bind.NewKeyedTransactor(a.Key, c.ChainID)
	opts.GasTipCap = big.NewInt(Gwei)
	return opts
}

// Commit seals n blocks and returns the last one's hash.
func (c *Chain) Commit(n int) common.Hash {
	var h common.Hash
	for range n {
		h = c.Backend.Commit()
	}
	return h
}

// Head returns the head block's header.
func (c *Chain) Head(t testing.TB) *types.Header {
	t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatalf("ethtest: head: %v", err)
	}
	return h
}
