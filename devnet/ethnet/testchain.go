package ethnet

import (
	"context"
	"math/big"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/params"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/eth/wpokt"
)

// Gwei is 10^9 wei; transactions tip 1 gwei (a 1-wei tip is never mined).
const Gwei = params.GWei

// TestOptions configures NewChain.
type TestOptions struct {
	// Users is the number of funded user accounts besides the admin and the
	// minter (default 2).
	Users int
	// NoContract leaves the chain without the wPOKT contract.
	NoContract bool
}

// TestChain is a Chain for a package's tests: blocks come only from Commit
// (or Mine), and its helpers fail the test rather than return errors.
type TestChain struct {
	*Chain
	Backend *simulated.Backend
	// Client is the in-process client (no HTTP).
	Client  simulated.Client
	ChainID *big.Int
	Token   *wpokt.WrappedPocket
	Minter  Account // MINTER_ROLE, as the Copper vault's address is
}

// NewChain starts a chain with funded accounts (admin, minter, users
// user0...), deploys wPOKT unless opts.NoContract, and closes it when the
// test ends.
func NewChain(t testing.TB, opts TestOptions) *TestChain {
	t.Helper()
	if opts.Users == 0 {
		opts.Users = 2
	}
	users := make([]Account, opts.Users)
	for i := range users {
		users[i] = NewAccount("user" + strconv.Itoa(i))
	}
	c, err := Start(context.Background(), Options{Vault: NewAccount("minter"), Admin: NewAccount("admin"), Users: users, NoContract: opts.NoContract})
	if err != nil {
		t.Fatalf("ethnet: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return &TestChain{Chain: c, Backend: c.backend, Client: c.client, ChainID: big.NewInt(ChainID), Token: c.token, Minter: c.Vault}
}

// Options returns client options for this chain's contract.
func (c *TestChain) Options() eth.Options {
	return eth.Options{WPOKTAddress: c.WPOKT, CallTimeout: 10 * time.Second}
}

// DialHTTP returns an eth.Client over the chain's HTTP endpoint.
func (c *TestChain) DialHTTP(t testing.TB, opts eth.Options) *eth.Client {
	t.Helper()
	return c.dial(t, c.HTTPURL, opts)
}

// DialWS returns an eth.Client over the chain's websocket endpoint.
func (c *TestChain) DialWS(t testing.TB, opts eth.Options) *eth.Client {
	t.Helper()
	return c.dial(t, c.WSURL, opts)
}

func (c *TestChain) dial(t testing.TB, url string, opts eth.Options) *eth.Client {
	t.Helper()
	if opts.WPOKTAddress == (common.Address{}) {
		opts.WPOKTAddress = c.WPOKT
	}
	cl, err := eth.Dial(context.Background(), url, opts)
	if err != nil {
		t.Fatalf("ethnet: %v", err)
	}
	t.Cleanup(cl.Close)
	return cl
}

// TransactOpts returns bind options for a, tipping 1 gwei.
func (c *TestChain) TransactOpts(a Account) *bind.TransactOpts { return c.transactOpts(a) }

// Head returns the head block's header.
func (c *TestChain) Head(t testing.TB) *types.Header {
	t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatalf("ethnet: head: %v", err)
	}
	return h
}
