package morse

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
)

// The Morse node's RPC paths.
const (
	PathHeight     = "/v1/query/height"
	PathBlock      = "/v1/query/block"
	PathTx         = "/v1/query/tx"
	PathAccountTxs = "/v1/query/accounttxs"
	PathBalance    = "/v1/query/balance"
	PathRawTx      = "/v1/client/rawtx"
)

const (
	// DefaultTimeout bounds each RPC call when Options.Timeout is zero.
	DefaultTimeout = 10 * time.Second
	// DefaultPerPage is the accounttxs page size when Options.PerPage is zero.
	DefaultPerPage = 100
	// MaxPerPage is the largest page a Morse node serves.
	MaxPerPage = 1000
	// maxResponseBytes bounds what the client reads of one answer.
	maxResponseBytes = 32 << 20
	// maxPages bounds one ReceivedTxs scan, against a node that never ends.
	maxPages = 10000
)

// Options configure a Client.
type Options struct {
	// Timeout bounds each RPC call (each page of a paged scan is one call).
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// HTTPClient makes the requests. Nil means a new client with no timeout
	// of its own (each call's context carries Timeout).
	HTTPClient *http.Client
	// PerPage is the accounttxs page size, 1 to MaxPerPage. Zero means
	// DefaultPerPage.
	PerPage int
}

// Client is a Morse node RPC client.
type Client struct {
	baseURL string
	hc      *http.Client
	timeout time.Duration
	perPage int
}

// NewClient returns a client of the Morse node at baseURL (http or https,
// e.g. "http://127.0.0.1:8081"; a path prefix is kept).
func NewClient(baseURL string, opts Options) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("new pokt client: %w: base url: %v", pokt.ErrInvalidArgument, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("new pokt client: %w: base url %q is not http(s)://host", pokt.ErrInvalidArgument, baseURL)
	}
	if opts.Timeout < 0 {
		return nil, fmt.Errorf("new pokt client: %w: negative timeout", pokt.ErrInvalidArgument)
	}
	if opts.PerPage < 0 || opts.PerPage > MaxPerPage {
		return nil, fmt.Errorf("new pokt client: %w: per page %d is not within [1, %d]", pokt.ErrInvalidArgument, opts.PerPage, MaxPerPage)
	}
	c := &Client{
		baseURL: strings.TrimRight(u.String(), "/"),
		hc:      opts.HTTPClient,
		timeout: opts.Timeout,
		perPage: opts.PerPage,
	}
	if c.hc == nil {
		c.hc = &http.Client{}
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.perPage == 0 {
		c.perPage = DefaultPerPage
	}
	return c, nil
}

// ---- Chain ----

// ChainID returns the chain id in the header of the latest block.
func (c *Client) ChainID(ctx context.Context) (string, error) {
	body, err := c.call(ctx, PathBlock, struct {
		Height int64 `json:"height"`
	}{0})
	if err != nil {
		return "", fmt.Errorf("get chain id: %w", err)
	}
	id, err := decodeBlockChainID(body)
	if err != nil {
		return "", fmt.Errorf("get chain id: %w", err)
	}
	return id, nil
}

// Height returns the height of the latest block.
func (c *Client) Height(ctx context.Context) (int64, error) {
	body, err := c.call(ctx, PathHeight, struct{}{})
	if err != nil {
		return 0, fmt.Errorf("get height: %w", err)
	}
	h, err := decodeHeight(body)
	if err != nil {
		return 0, fmt.Errorf("get height: %w", err)
	}
	return h, nil
}

type txRequest struct {
	Hash  string `json:"hash"`
	Prove bool   `json:"prove"`
}

// pokt.Tx returns the committed tx with this hash. The hash may be in either case,
// with or without 0x; the node is asked for it in upper case without 0x.
// An unknown tx is an error wrapping pokt.ErrTxNotFound. A failed tx is returned
// with Code != 0.
func (c *Client) Tx(ctx context.Context, hash string) (*pokt.Tx, error) {
	h, err := pokt.NormalizeTxHash(hash)
	if err != nil {
		return nil, fmt.Errorf("get tx: %w", err)
	}
	body, err := c.call(ctx, PathTx, txRequest{Hash: h})
	if err != nil {
		// The node answers 400 {"message":"... tx (HASH) not found"} for an
		// unknown tx: its message is all there is to tell it apart.
		var rpcErr *pokt.RPCError
		if errors.As(err, &rpcErr) && rpcErr.StatusCode == http.StatusBadRequest &&
			strings.Contains(strings.ToLower(rpcErr.Message), "not found") {
			return nil, fmt.Errorf("get tx %s: %w: %w", h, pokt.ErrTxNotFound, err)
		}
		return nil, fmt.Errorf("get tx %s: %w", h, err)
	}
	tx, err := decodeTx(body)
	if err != nil {
		return nil, fmt.Errorf("get tx %s: %w", h, err)
	}
	if tx.Hash != h {
		return nil, fmt.Errorf("get tx %s: %w", h, invalid(pokt.ErrHashMismatch, "the node answered tx %s", tx.Hash))
	}
	return &tx, nil
}

type accountTxsRequest struct {
	Address  string `json:"address"`
	Page     int    `json:"page"`
	PerPage  int    `json:"per_page"`
	Received bool   `json:"received"`
	Prove    bool   `json:"prove"`
	Order    string `json:"order"`
}

// ReceivedTxs returns every tx received by address with
// fromHeight <= height <= toHeight, oldest first (by height, then index in
// the block), without duplicates.
//
// It pages /v1/query/accounttxs newest first and copes with the real node's
// quirks: page_count is the number of txs on the page, not the number of
// pages; the order asked for is not honoured ("asc" also answers newest
// first); pages shift while new txs arrive (hence duplicates, dropped here);
// a page past the end is a 400 error. It stops at the first page that reaches
// below fromHeight, or once it has read total_txs entries. If total_txs
// shrinks while paging (a tx gone in a reorg shifts the pages, which could
// hide a tx) the scan starts again. Every tx must have address as its
// recipient and the pages must run newest first: a node that breaks either
// is an pokt.ErrInvalidResponse, since the scan could miss txs; so is a full read
// that finds fewer distinct txs than the node counts.
func (c *Client) ReceivedTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	return c.accountTxs(ctx, "received", address, fromHeight, toHeight)
}

// SentTxs returns every tx sent by address with fromHeight <= height <=
// toHeight, oldest first, without duplicates: the same paged scan as
// ReceivedTxs over the node's list of the address's sends ("received":
// false). Failed txs are among them, with Code != 0.
func (c *Client) SentTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	return c.accountTxs(ctx, "sent", address, fromHeight, toHeight)
}

// accountTxs lists the txs an address received or sent ("received",
// "sent") in a window.
func (c *Client) accountTxs(ctx context.Context, role, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	addr, err := pokt.NormalizeAddress(address)
	if err != nil {
		return nil, fmt.Errorf("list txs %s: %w", role, err)
	}
	if fromHeight < 0 || toHeight < fromHeight {
		return nil, fmt.Errorf("list txs %s by %s: %w: heights [%d, %d]", role, addr, pokt.ErrInvalidArgument, fromHeight, toHeight)
	}
	for attempt := 1; ; attempt++ {
		byHash, shrunk, err := c.scanAccount(ctx, role == "received", addr, fromHeight, toHeight)
		if err != nil {
			return nil, fmt.Errorf("list txs %s by %s: %w", role, addr, err)
		}
		if shrunk {
			if attempt < maxScanAttempts {
				continue
			}
			return nil, fmt.Errorf("list txs %s by %s: %w: the list kept shrinking during %d scans", role, addr, pokt.ErrInvalidResponse, attempt)
		}
		txs := make([]pokt.Tx, 0, len(byHash))
		for _, tx := range byHash {
			txs = append(txs, tx)
		}
		sort.Slice(txs, func(i, j int) bool {
			a, b := txs[i], txs[j]
			if a.Height != b.Height {
				return a.Height < b.Height
			}
			if a.Index != b.Index {
				return a.Index < b.Index
			}
			return a.Hash < b.Hash
		})
		return txs, nil
	}
}

// maxScanAttempts bounds the restarts of a ReceivedTxs scan.
const maxScanAttempts = 3

// scanAccount makes one paged scan of the txs addr received (or sent);
// shrunk reports that total_txs went down between pages, so the scan must
// start again.
func (c *Client) scanAccount(ctx context.Context, received bool, addr string, fromHeight, toHeight int64) (map[string]pokt.Tx, bool, error) {
	var (
		seen       = make(map[string]pokt.Tx) // every entry read, by hash
		inWindow   = make(map[string]pokt.Tx) // those within [fromHeight, toHeight]
		read       int64                      // entries read, duplicates included
		firstTotal int64                      // total_txs of the first page
		total      int64                      // total_txs of the previous page
		lastHeight int64                      // height of the last entry read
	)
	for page := 1; ; page++ {
		if page > maxPages {
			return nil, false, fmt.Errorf("%w: more than %d pages", pokt.ErrInvalidResponse, maxPages)
		}
		res, end, err := c.accountTxsPage(ctx, addr, received, page)
		if err != nil {
			return nil, false, fmt.Errorf("page %d: %w", page, err)
		}
		if end {
			// Only a shrinking list makes a page past the end.
			return nil, true, nil
		}
		if page == 1 {
			firstTotal = res.TotalTxs
		} else if res.TotalTxs < total {
			return nil, true, nil
		}
		total = res.TotalTxs
		if len(res.Txs) == 0 {
			break
		}
		read += int64(len(res.Txs))
		for i, tx := range res.Txs {
			if received && tx.To != addr {
				return nil, false, fmt.Errorf("page %d: %w", page,
					invalid(nil, "tx %s was received by %q, not by the address asked for", tx.Hash, tx.To))
			}
			if !received && tx.From != addr {
				return nil, false, fmt.Errorf("page %d: %w", page,
					invalid(nil, "tx %s was sent by %q, not by the address asked for", tx.Hash, tx.From))
			}
			// Newest first, within the page and across pages.
			if (i > 0 || page > 1) && tx.Height > lastHeight {
				return nil, false, fmt.Errorf("page %d: %w", page,
					invalid(nil, "txs are not newest first: height %d after %d", tx.Height, lastHeight))
			}
			lastHeight = tx.Height
			if prev, ok := seen[tx.Hash]; ok && prev != tx {
				return nil, false, fmt.Errorf("page %d: %w", page, invalid(nil, "two different copies of tx %s", tx.Hash))
			}
			seen[tx.Hash] = tx
			if tx.Height >= fromHeight && tx.Height <= toHeight {
				inWindow[tx.Hash] = tx
			}
		}
		if lastHeight < fromHeight {
			// Everything older is below the window.
			return inWindow, false, nil
		}
		if read >= res.TotalTxs {
			break
		}
	}
	// The whole list was read: it must hold as many distinct txs as the node
	// counted at the start (txs arriving meanwhile only add duplicates). Fewer
	// means pages that repeat themselves, e.g. a node ignoring "page".
	if int64(len(seen)) < firstTotal {
		return nil, false, invalid(nil, "read %d distinct txs of the %d the node counts", len(seen), firstTotal)
	}
	return inWindow, false, nil
}

// accountTxsPage fetches one page of txs received (or sent) by addr; end
// reports a page past the last one.
func (c *Client) accountTxsPage(ctx context.Context, addr string, received bool, page int) (accountTxsPage, bool, error) {
	body, err := c.call(ctx, PathAccountTxs, accountTxsRequest{
		Address:  addr,
		Page:     page,
		PerPage:  c.perPage,
		Received: received,
		Order:    "desc",
	})
	if err != nil {
		// Asked for a page past the end (the list shrank while paging), the
		// node answers 400 "page should be within [1, N] range, given P".
		var rpcErr *pokt.RPCError
		if page > 1 && errors.As(err, &rpcErr) && rpcErr.StatusCode == http.StatusBadRequest &&
			strings.Contains(rpcErr.Message, "page should be within") {
			return accountTxsPage{}, true, nil
		}
		return accountTxsPage{}, false, err
	}
	res, err := decodeAccountTxs(body)
	if err != nil {
		return accountTxsPage{}, false, err
	}
	return res, false, nil
}

// Balance returns the latest balance of address in upokt. It is not part of
// Chain: operators and the devnet use it to watch the vault.
func (c *Client) Balance(ctx context.Context, address string) (uint64, error) {
	addr, err := pokt.NormalizeAddress(address)
	if err != nil {
		return 0, fmt.Errorf("get balance: %w", err)
	}
	body, err := c.call(ctx, PathBalance, struct {
		Address string `json:"address"`
		Height  int64  `json:"height"`
	}{addr, 0})
	if err != nil {
		return 0, fmt.Errorf("get balance of %s: %w", addr, err)
	}
	b, err := decodeBalance(body)
	if err != nil {
		return 0, fmt.Errorf("get balance of %s: %w", addr, err)
	}
	return b, nil
}

type rawTxRequest struct {
	Address     string `json:"address"`
	RawHexBytes string `json:"raw_hex_bytes"`
}

// SendRawTx broadcasts the signed tx rawTx and returns its hash (upper-case
// hex, checked against sha256(rawTx)). A tx the node refuses is a
// *pokt.TxRejectedError (errors.Is pokt.ErrTxRejected, and pokt.ErrTxDuplicate for a
// re-broadcast of a tx the node already has).
func (c *Client) SendRawTx(ctx context.Context, fromAddress string, rawTx []byte) (string, error) {
	from, err := pokt.NormalizeAddress(fromAddress)
	if err != nil {
		return "", fmt.Errorf("send raw tx: %w", err)
	}
	if len(rawTx) == 0 {
		return "", fmt.Errorf("send raw tx from %s: %w: empty tx", from, pokt.ErrInvalidArgument)
	}
	want := pokt.TxHashOf(rawTx)
	body, err := c.call(ctx, PathRawTx, rawTxRequest{Address: from, RawHexBytes: hex.EncodeToString(rawTx)})
	if err != nil {
		var rpcErr *pokt.RPCError
		if errors.As(err, &rpcErr) && strings.Contains(rpcErr.Message, "already exists in cache") {
			// Tendermint's mempool refusing the same bytes twice.
			return "", fmt.Errorf("send raw tx %s from %s: %w", want, from,
				&pokt.TxRejectedError{Hash: want, Codespace: "auth", Code: 6, Log: rpcErr.Message})
		}
		return "", fmt.Errorf("send raw tx %s from %s: %w", want, from, err)
	}
	res, code, err := decodeRawTxResponse(body)
	if err != nil {
		return "", fmt.Errorf("send raw tx %s from %s: %w", want, from, err)
	}
	if code != 0 {
		return "", fmt.Errorf("send raw tx from %s: %w", from,
			&pokt.TxRejectedError{Hash: want, Code: code, Codespace: truncate(res.Codespace, 64), Log: truncate(res.RawLog, 512)})
	}
	got, err := pokt.NormalizeTxHash(res.TxHash)
	if err != nil {
		return "", fmt.Errorf("send raw tx %s from %s: %w", want, from, invalid(nil, "txhash: %v", err))
	}
	if got != want {
		return "", fmt.Errorf("send raw tx %s from %s: %w", want, from, invalid(pokt.ErrHashMismatch, "the node answered txhash %s", got))
	}
	return got, nil
}

// ---- transport ----

// call POSTs req as JSON to path under the client's timeout and returns the
// body of a 200 answer. Any other status is an *pokt.RPCError.
func (c *Client) call(ctx context.Context, path string, req any) ([]byte, error) {
	reqBody, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	callCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	httpReq, err := http.NewRequestWithContext(callCtx, http.MethodPost, c.baseURL+path, bytes.NewReader(reqBody))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	httpReq.Header.Set("Content-Type", "application/json")
	httpReq.Header.Set("Accept", "application/json")

	resp, err := c.hc.Do(httpReq)
	if err != nil {
		return nil, c.transportError(ctx, callCtx, "post "+path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, c.transportError(ctx, callCtx, "read answer of "+path, err)
	}
	if len(body) > maxResponseBytes {
		return nil, fmt.Errorf("%w: %s answered more than %d bytes", pokt.ErrResponseTooLarge, path, maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &pokt.RPCError{StatusCode: resp.StatusCode, Message: decodeError(body)}
	}
	// Some node versions answer a JSON string holding the JSON.
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '"' {
		var inner string
		if err := json.Unmarshal(t, &inner); err != nil {
			return nil, invalid(nil, "decode quoted JSON: %v", err)
		}
		body = []byte(inner)
	}
	return body, nil
}

// transportError tells this call's timeout apart from the caller's own
// cancellation and from other transport failures.
func (c *Client) transportError(parent, callCtx context.Context, what string, err error) error {
	if parent.Err() != nil {
		return fmt.Errorf("%s: %w", what, parent.Err())
	}
	var netErr net.Error
	if callCtx.Err() == context.DeadlineExceeded || (errors.As(err, &netErr) && netErr.Timeout()) {
		return fmt.Errorf("%s: %w after %s: %w", what, pokt.ErrTimeout, c.timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("%s: %w", what, err)
}

var _ pokt.Node = (*Client)(nil)
