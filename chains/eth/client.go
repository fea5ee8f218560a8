// Package eth is the bridge's Ethereum client: a thin typed client, in the
// style of go-ethereum's ethclient, over an Ethereum JSON-RPC endpoint and the
// wPOKT contract (bindings in package wpokt). Every RPC runs under its own
// timeout (Options.CallTimeout) and every error says what was being done;
// match the sentinels of errors.go with errors.Is.
package eth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/wpokt/bridge/chains/eth/wpokt"
)

// Defaults for the zero values of Options.
const (
	DefaultLogRange    = 2000
	DefaultCallTimeout = 10 * time.Second
)

// Options configures a Client.
type Options struct {
	// WPOKTAddress is the wPOKT contract's address.
	WPOKTAddress common.Address
	// LogRange is the largest number of blocks asked in one eth_getLogs
	// call (default DefaultLogRange).
	LogRange uint64
	// CallTimeout bounds every RPC call (default DefaultCallTimeout).
	CallTimeout time.Duration
	// HTTPClient, for an http(s) URL, carries the calls (e.g. to count them).
	HTTPClient *http.Client
}

func (o Options) withDefaults() Options {
	if o.LogRange == 0 {
		o.LogRange = DefaultLogRange
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = DefaultCallTimeout
	}
	return o
}

// Client reads the Ethereum chain and the wPOKT contract.
type Client struct {
	ec       *ethclient.Client
	token    *wpokt.WrappedPocket
	addr     common.Address
	logRange uint64
	timeout  time.Duration

	burnTopic   common.Hash // BurnAndBridge(uint256,address,address)
	mintedTopic common.Hash // Minted(address,uint256,uint256)
}

// Dial connects to an Ethereum JSON-RPC endpoint: http(s):// or ws(s)://
// (SubscribeBurns needs ws(s)). The URL may hold an API key: errors show only
// its scheme and host.
func Dial(ctx context.Context, rawURL string, opts Options) (*Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("dial ethereum rpc: %w: unparsable url", ErrInvalidArgument)
	}
	shown := redactURL(u)
	switch u.Scheme {
	case "http", "https", "ws", "wss":
	default:
		return nil, fmt.Errorf("dial ethereum rpc %s: %w: scheme must be http, https, ws or wss", shown, ErrInvalidArgument)
	}
	if opts.WPOKTAddress == (common.Address{}) {
		return nil, fmt.Errorf("dial ethereum rpc %s: %w: no wpokt contract address", shown, ErrInvalidArgument)
	}
	opts = opts.withDefaults()
	dctx, cancel := context.WithTimeout(ctx, opts.CallTimeout)
	defer cancel()
	var dialOpts []rpc.ClientOption
	if opts.HTTPClient != nil && (u.Scheme == "http" || u.Scheme == "https") {
		dialOpts = append(dialOpts, rpc.WithHTTPClient(opts.HTTPClient))
	}
	rc, err := rpc.DialOptions(dctx, rawURL, dialOpts...)
	if err != nil {
		if strings.Contains(err.Error(), rawURL) {
			err = errors.New(strings.ReplaceAll(err.Error(), rawURL, shown))
		}
		return nil, fmt.Errorf("dial ethereum rpc %s: %w", shown, err)
	}
	return NewClient(ethclient.NewClient(rc), opts), nil
}

// NewClient wraps an ethclient. Zero options take their defaults.
func NewClient(ec *ethclient.Client, opts Options) *Client {
	opts = opts.withDefaults()
	token := wpokt.NewWrappedPocket()
	abi := token.GetABI()
	return &Client{
		ec:          ec,
		token:       token,
		addr:        opts.WPOKTAddress,
		logRange:    opts.LogRange,
		timeout:     opts.CallTimeout,
		burnTopic:   abi.Events["BurnAndBridge"].ID,
		mintedTopic: abi.Events["Minted"].ID,
	}
}

// Close closes the underlying RPC client.
func (c *Client) Close() {
	c.ec.Close()
}

// WPOKTAddress returns the wPOKT contract's address.
func (c *Client) WPOKTAddress() common.Address {
	return c.addr
}

// call runs one RPC under the client's call timeout. It says so when the
// timeout (not the caller's context) ended the call, and keeps the endpoint's
// path and query (where API keys live) out of the error.
func call[T any](ctx context.Context, c *Client, fn func(context.Context) (T, error)) (T, error) {
	cctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	v, err := fn(cctx)
	if err == nil {
		return v, nil
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil {
			ue.URL = redactURL(u)
		} else {
			ue.URL = "(url)"
		}
	}
	if ctx.Err() == nil && errors.Is(cctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("no answer within %s: %w", c.timeout, err)
	}
	return v, err
}

// redactURL keeps the scheme and host of u: paths, queries and user info
// often hold API keys.
func redactURL(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
}

// Chain

// CheckChainID fails with ErrChainIDMismatch unless the RPC serves chain want.
func (c *Client) CheckChainID(ctx context.Context, want uint64) error {
	id, err := call(ctx, c, c.ec.ChainID)
	if err != nil {
		return fmt.Errorf("get chain id: %w", err)
	}
	if id == nil || !id.IsUint64() || id.Uint64() != want {
		return fmt.Errorf("check chain id: rpc serves chain %v, want %d: %w", id, want, ErrChainIDMismatch)
	}
	return nil
}

// HeadNumber returns the number of the chain's head block.
func (c *Client) HeadNumber(ctx context.Context) (uint64, error) {
	n, err := call(ctx, c, c.ec.BlockNumber)
	if err != nil {
		return 0, fmt.Errorf("get head number: %w", err)
	}
	return n, nil
}

// rpcHeader is the part of a block that the canonical check reads; the hash
// is the node's own, not recomputed from the header fields.
type rpcHeader struct {
	Hash   common.Hash    `json:"hash"`
	Number hexutil.Uint64 `json:"number"`
}

// canonicalHash returns the hash of the canonical block at number n, and
// false if the node has no block there.
func (c *Client) canonicalHash(ctx context.Context, n uint64) (common.Hash, bool, error) {
	var h *rpcHeader
	_, err := call(ctx, c, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, c.ec.Client().CallContext(ctx, &h, "eth_getBlockByNumber", hexutil.Uint64(n), false)
	})
	if err != nil {
		return common.Hash{}, false, fmt.Errorf("get block %d: %w", n, err)
	}
	if h == nil {
		return common.Hash{}, false, nil
	}
	if uint64(h.Number) != n || h.Hash == (common.Hash{}) {
		return common.Hash{}, false, fmt.Errorf("get block %d: %w: got block %d hash %s", n, ErrBadResponse, h.Number, h.Hash)
	}
	return h.Hash, true, nil
}

// position reads the canonical state of a block that a receipt names:
// whether it is still canonical, the head number and the confirmations
// (head - number + 1, 0 when not canonical).
func (c *Client) position(ctx context.Context, number uint64, hash common.Hash) (canonical bool, head, confirmations uint64, err error) {
	got, found, err := c.canonicalHash(ctx, number)
	if err != nil {
		return false, 0, 0, err
	}
	head, err = c.HeadNumber(ctx)
	if err != nil {
		return false, 0, 0, err
	}
	// Security check: the receipt's block must be the canonical block at its
	// height, or the transaction may have been reorged out.
	canonical = found && got == hash
	if canonical {
		confirmations = Confirmations(number, head)
	}
	return canonical, head, confirmations, nil
}

// Confirmations counts the blocks from a canonical block's own to the
// head, both included: a tx in the head block has 1, a block above the
// head (a head read before it) none.
func Confirmations(number, head uint64) uint64 {
	if head < number {
		return 0
	}
	return head - number + 1
}
