package shannon

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/wpokt/bridge/chains/pokt"
)

const (
	// maxQueryLen is CometBFT's bound on a tx_search query.
	maxQueryLen = 512
	// maxSearchAttempts bounds the restarts of a window whose total keeps
	// changing between pages.
	maxSearchAttempts = 3
	// maxPages bounds one window, against a node that never ends.
	maxPages = 10000
)

// ReceivedTxs returns every tx with a transfer to address (either form) at
// fromHeight <= height <= toHeight, oldest first, without duplicates:
// tx_search "transfer.recipient='<address>' AND tx.height>=A AND
// tx.height<=B". A failed tx keeps only its fee events on chain, so it is
// never among them. A window below the node's earliest height is refused
// with pokt.ErrHeightPruned. A window without txs costs one call.
func (c *Client) ReceivedTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	return c.searchBy(ctx, "list txs received", "recipient", address, fromHeight, toHeight)
}

// SentTxs returns every tx with a transfer from address (either form) at
// fromHeight <= height <= toHeight, oldest first, without duplicates
// (tx_search on transfer.sender, as production wPOKT reads the vault's
// sends). Failed txs are among them, with Code != 0: their fee transfer is
// kept on chain.
func (c *Client) SentTxs(ctx context.Context, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	return c.searchBy(ctx, "list txs sent", "sender", address, fromHeight, toHeight)
}

func (c *Client) searchBy(ctx context.Context, what, role, address string, fromHeight, toHeight int64) ([]pokt.Tx, error) {
	a, err := pokt.ParseAddress(address)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	addr := a.In(pokt.Shannon).String()
	what = fmt.Sprintf("%s by %s in [%d, %d]", what, addr, fromHeight, toHeight)
	if fromHeight < 1 || toHeight < fromHeight {
		return nil, fmt.Errorf("%s: %w: heights", what, pokt.ErrInvalidArgument)
	}
	if err := c.checkIndexed(ctx, fromHeight); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	w := window{
		query: fmt.Sprintf("transfer.%s='%s' AND tx.height>=%d AND tx.height<=%d", role, addr, fromHeight, toHeight),
		key:   "transfer." + role, address: addr, from: fromHeight, to: toHeight,
	}
	if len(w.query) > maxQueryLen {
		return nil, fmt.Errorf("%s: %w: query of %d characters, at most %d", what, pokt.ErrInvalidArgument, len(w.query), maxQueryLen)
	}
	txs, err := c.search(ctx, w)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return txs, nil
}

// window is one tx_search: its query, and what every tx it finds must hold.
type window struct {
	query    string
	key      string // "transfer.recipient" or "transfer.sender"
	address  string
	from, to int64
}

// search pages through a window, again from its first page when the total
// changed meanwhile (a page boundary may then have moved over a tx).
func (c *Client) search(ctx context.Context, w window) ([]pokt.Tx, error) {
	for attempt := 1; ; attempt++ {
		txs, changed, err := c.searchOnce(ctx, w)
		if err != nil {
			return nil, err
		}
		if !changed {
			return txs, nil
		}
		if attempt == maxSearchAttempts {
			return nil, invalid(nil, "total_count kept changing during %d reads of the window", attempt)
		}
	}
}

// searchOnce reads a window page by page; changed reports that total_count
// changed between pages.
func (c *Client) searchOnce(ctx context.Context, w window) (txs []pokt.Tx, changed bool, err error) {
	total := int64(-1)
	seen := map[string]bool{}
	var last pokt.Tx
	for page := 1; page <= maxPages; page++ {
		p, end, err := c.searchPage(ctx, w, page)
		if err != nil {
			return nil, false, fmt.Errorf("page %d: %w", page, err)
		}
		if end || (total >= 0 && p.total != total) {
			return nil, true, nil
		}
		total = p.total
		for _, tx := range p.txs {
			if len(txs) > 0 && !follows(last, tx) {
				return nil, false, fmt.Errorf("page %d: %w", page, invalid(nil, "tx %s at %d/%d after %d/%d: not in ascending order", tx.Hash, tx.Height, tx.Index, last.Height, last.Index))
			}
			if !seen[tx.Hash] {
				seen[tx.Hash] = true
				txs = append(txs, tx)
			}
			last = tx
		}
		read := int64(page-1)*int64(c.perPage) + int64(len(p.txs))
		if read >= total {
			if int64(len(txs)) != total {
				return nil, false, invalid(nil, "read %d distinct txs of the %d the node counts", len(txs), total)
			}
			return txs, false, nil
		}
		if len(p.txs) != c.perPage {
			// CometBFT fills every page but the last.
			return nil, false, fmt.Errorf("page %d: %w", page, invalid(nil, "%d txs on a page of %d before the end (%d of %d)", len(p.txs), c.perPage, read, total))
		}
	}
	return nil, false, invalid(nil, "more than %d pages", maxPages)
}

// follows reports whether b may come after a in CometBFT's order (height,
// then index in the block); only the same tx may come again in its place.
func follows(a, b pokt.Tx) bool {
	if a.Height != b.Height {
		return a.Height < b.Height
	}
	return a.Index < b.Index || (a.Index == b.Index && a.Hash == b.Hash)
}

type searchPage struct {
	txs   []pokt.Tx
	total int64
}

// searchPage fetches one page; end reports a page past the last one (the
// total shrank since the first page).
func (c *Client) searchPage(ctx context.Context, w window, page int) (searchPage, bool, error) {
	res, err := c.call(ctx, "tx_search", map[string]any{
		"query": w.query, "prove": false, "page": fmt.Sprint(page), "per_page": fmt.Sprint(c.perPage), "order_by": "asc",
	})
	if err != nil {
		var rpcErr *RPCError
		if page > 1 && errors.As(err, &rpcErr) && strings.Contains(rpcErr.Data, "page should be within") {
			return searchPage{}, true, nil
		}
		return searchPage{}, false, err
	}
	p, err := decodeSearchPage(res, w, c.perPage)
	return p, false, err
}

// decodeSearchPage decodes and checks one tx_search page: every tx is in
// the window and holds the event the query asked for.
func decodeSearchPage(res []byte, w window, perPage int) (searchPage, error) {
	var ws wireTxSearch
	if err := unmarshalObject(res, &ws); err != nil {
		return searchPage{}, err
	}
	total, err := parseInt(ws.TotalCount, "total_count", 0)
	if err != nil {
		return searchPage{}, err
	}
	if len(ws.Txs) > perPage || int64(len(ws.Txs)) > total {
		return searchPage{}, invalid(nil, "%d txs on a page of %d, total_count %d", len(ws.Txs), perPage, total)
	}
	p := searchPage{total: total, txs: make([]pokt.Tx, 0, len(ws.Txs))}
	for i, raw := range ws.Txs {
		tx, wt, err := decodeTx(raw)
		if err != nil {
			return searchPage{}, fmt.Errorf("txs[%d]: %w", i, err)
		}
		if tx.Height < w.from || tx.Height > w.to {
			return searchPage{}, invalid(nil, "txs[%d]: tx %s at height %d, outside [%d, %d]", i, tx.Hash, tx.Height, w.from, w.to)
		}
		if !hasAttribute(wt.TxResult.Events, w.key, w.address) {
			return searchPage{}, invalid(nil, "txs[%d]: tx %s has no %s %s", i, tx.Hash, w.key, w.address)
		}
		p.txs = append(p.txs, tx)
	}
	return p, nil
}

// hasAttribute reports whether an event holds key ("type.attribute") =
// address.
func hasAttribute(events []wireEvent, key, address string) bool {
	typ, attr, _ := strings.Cut(key, ".")
	for _, e := range events {
		if e.Type != typ {
			continue
		}
		for _, a := range e.Attributes {
			if a.Key == attr && pokt.SameAddress(a.Value, address) {
				return true
			}
		}
	}
	return false
}
