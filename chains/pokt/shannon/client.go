package shannon

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
)

const (
	// DefaultTimeout bounds each RPC call when Options.Timeout is zero.
	DefaultTimeout = 10 * time.Second
	// MaxPerPage is the largest tx_search page CometBFT serves, and the
	// default.
	MaxPerPage = 100
)

// Options configure a Client.
type Options struct {
	// Timeout bounds each RPC call (each page of a search is one call).
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// HTTPClient makes the requests. Nil means NewHTTPClient() (each
	// call's context carries Timeout).
	HTTPClient *http.Client
	// PerPage is the tx_search page size, 1 to MaxPerPage; zero means
	// MaxPerPage. Tests make it small to page through few txs.
	PerPage int
}

// Client is a client of a Shannon node's CometBFT JSON-RPC. It is safe for
// concurrent use.
type Client struct {
	url string
	// secrets are the parts of the URL that may carry a gateway's
	// application id; errors never show them.
	secrets []string
	hc      *http.Client
	timeout time.Duration
	perPage int
	nextID  atomic.Int64
	// earliest is the node's earliest block height as its last status
	// said (0: not read yet); searches below it are refused.
	earliest atomic.Int64
}

var _ pokt.Node = (*Client)(nil)

// NewClient returns a client of the CometBFT JSON-RPC endpoint at rawURL
// (http or https, e.g. "http://127.0.0.1:26657"; a path is kept: JSON-RPC
// is POSTed to the URL itself).
func NewClient(rawURL string, opts Options) (*Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		// url's own error repeats the URL: say only what is wrong.
		return nil, fmt.Errorf("new shannon client: %w: rpc url does not parse", pokt.ErrInvalidArgument)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("new shannon client: %w: rpc url is not http(s)://host", pokt.ErrInvalidArgument)
	}
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("new shannon client: %w: negative timeout", pokt.ErrInvalidArgument)
	}
	if opts.PerPage < 0 || opts.PerPage > MaxPerPage {
		return nil, fmt.Errorf("new shannon client: %w: per page %d is not within [1, %d]", pokt.ErrInvalidArgument, opts.PerPage, MaxPerPage)
	}
	c := &Client{url: u.String(), secrets: urlSecrets(u), hc: opts.HTTPClient, timeout: opts.Timeout, perPage: opts.PerPage}
	if c.hc == nil {
		c.hc = NewHTTPClient()
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.perPage == 0 {
		c.perPage = MaxPerPage
	}
	return c, nil
}

// idleBeforeServerCloses is shorter than CometBFT's RPC read timeout
// (10 s), after which its server closes an idle keep-alive connection: a
// call sent on a connection it is closing fails with "connection reset by
// peer".
const idleBeforeServerCloses = 5 * time.Second

// NewHTTPClient is an HTTP client for a CometBFT RPC: Go's default
// transport, whose idle connections are dropped before the server closes
// them (its default keeps them 90 s), and up to 16 of them kept per host
// for a node's concurrent reads (its default keeps 2, and opens a new
// connection for every call beyond).
func NewHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.IdleConnTimeout = idleBeforeServerCloses
	t.MaxIdleConnsPerHost = 16
	return &http.Client{Transport: t}
}

// urlSecrets are the spellings of the URL and of its parts that errors
// must not show, longest first so that a part never hides half of a whole.
func urlSecrets(u *url.URL) []string {
	out := []string{u.String(), u.Host, u.Hostname()}
	if u.Path != "" && u.Path != "/" {
		out = append(out, u.EscapedPath(), u.Path)
	}
	if u.RawQuery != "" {
		out = append(out, u.RawQuery)
	}
	return out
}

// ---- Chain ----

// Status is what the bridge reads of a node's status.
type Status struct {
	// ChainID is node_info.network: "pocket" on mainnet. It is checked
	// against the configured one, never hard-coded.
	ChainID         string
	LatestHeight    int64
	LatestBlockTime time.Time
	// EarliestHeight is the lowest height the node has blocks and a tx
	// index for (above 1 on a node restored from a snapshot or pruned).
	EarliestHeight int64
	CatchingUp     bool
	// TxIndex reports whether the node indexes txs (tx and tx_search need it).
	TxIndex bool
}

// Status returns the node's status.
func (c *Client) Status(ctx context.Context) (*Status, error) {
	s, err := c.status(ctx)
	if err != nil {
		return nil, fmt.Errorf("get status: %w", err)
	}
	return s, nil
}

// status makes the status call; every caller keeps the earliest height
// fresh for the searches.
func (c *Client) status(ctx context.Context) (*Status, error) {
	res, err := c.call(ctx, "status", struct{}{})
	if err != nil {
		return nil, err
	}
	s, err := decodeStatus(res)
	if err != nil {
		return nil, fmt.Errorf("status: %w", err)
	}
	c.earliest.Store(s.EarliestHeight)
	return s, nil
}

// ChainID returns the chain id the node serves (node_info.network).
func (c *Client) ChainID(ctx context.Context) (string, error) {
	s, err := c.status(ctx)
	if err != nil {
		return "", fmt.Errorf("get chain id: %w", err)
	}
	return s.ChainID, nil
}

// Height returns the height of the latest block whose txs the node has
// indexed: one below status's latest_block_height (0 while the node has one
// block). CometBFT saves a block before it executes it and indexes its txs,
// and status reports the block store's height, so a tx_search up to
// latest_block_height can miss that block's txs, and a scanner whose cursor
// then moves past it would never see them (measured on the in-process node
// under a stream of deposits: reading each head as soon as status showed
// it, 12 heads in 5 s lacked deposits that a later read found). The block
// below was indexed while the next one was being agreed on. Status.LatestHeight
// keeps the node's own figure.
func (c *Client) Height(ctx context.Context) (int64, error) {
	s, err := c.status(ctx)
	if err != nil {
		return 0, fmt.Errorf("get height: %w", err)
	}
	return s.LatestHeight - 1, nil
}

// EarliestHeight returns the lowest height the node has blocks and a tx
// index for. A scan that starts below it would miss txs silently (tx_search
// finds nothing where there is no index), so ReceivedTxs and SentTxs refuse
// such a window with pokt.ErrHeightPruned; a scanner's start height should
// be checked against it at start.
func (c *Client) EarliestHeight(ctx context.Context) (int64, error) {
	s, err := c.status(ctx)
	if err != nil {
		return 0, fmt.Errorf("get earliest height: %w", err)
	}
	return s.EarliestHeight, nil
}

// checkIndexed refuses a window that starts below the node's earliest
// height, as the last status read (read now if none was).
func (c *Client) checkIndexed(ctx context.Context, fromHeight int64) error {
	earliest := c.earliest.Load()
	if earliest == 0 {
		s, err := c.status(ctx)
		if err != nil {
			return err
		}
		earliest = s.EarliestHeight
	}
	if fromHeight < earliest {
		return fmt.Errorf("%w: height %d is below the node's earliest height %d (pruned, or restored from a snapshot): "+
			"start from %d or use a node with the history", pokt.ErrHeightPruned, fromHeight, earliest, earliest)
	}
	return nil
}
