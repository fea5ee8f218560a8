package copper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// CreateOrder creates an order in the vault portfolio, at most once per
// ExternalOrderID:
//  1. it looks the externalOrderId up and returns the existing order if there is one;
//  2. it creates the order;
//  3. on a 409 or a lost answer (timeout, cut connection or 5xx after the
//     request was sent) it looks up again, a few times, and returns what it finds.
//
// An existing order that does not match the request is ErrOrderMismatch. A
// lost answer whose order cannot be found is ErrOutcomeUnknown (retryable:
// the retry starts with a lookup). A 409 whose order cannot be found is final.
func (c *Client) CreateOrder(ctx context.Context, req OrderRequest) (*Order, error) {
	if err := req.Validate(); err != nil {
		return nil, fmt.Errorf("create order %s: %w", clip(req.ExternalOrderID), err)
	}
	existing, err := c.FindOrderByExternalID(ctx, req.ExternalOrderID)
	switch {
	case err == nil:
		return c.checkExisting(existing, req)
	case !errors.Is(err, ErrOrderNotFound):
		return nil, fmt.Errorf("create order %s: look up first: %w", req.ExternalOrderID, err)
	}

	body, err := json.Marshal(CreateOrderBody{
		ExternalOrderID:           req.ExternalOrderID,
		OrderType:                 req.OrderType,
		PortfolioID:               c.portfolio,
		BaseCurrency:              req.BaseCurrency,
		MainCurrency:              req.MainCurrency,
		Amount:                    req.Amount,
		ToAddress:                 req.ToAddress,
		Memo:                      req.Memo,
		Description:               req.Description,
		FeeLevel:                  req.FeeLevel,
		IncludeFeeInWithdraw:      req.IncludeFeeInWithdraw,
		BlockchainTransactionType: req.BlockchainTransactionType,
		Payload:                   req.Payload,
	})
	if err != nil {
		return nil, fmt.Errorf("create order %s: %w: %v", req.ExternalOrderID, ErrInvalidRequest, err)
	}
	data, sendErr := c.do(ctx, http.MethodPost, platformPrefix+"/orders", nil, ContentTypeJSON, body)
	if sendErr == nil {
		o, err := DecodeOrder(data)
		if err != nil {
			// The order was created but its answer is unreadable: find it.
			return c.recover(ctx, req, fmt.Errorf("create order %s: %w", req.ExternalOrderID, err))
		}
		if o.ExternalOrderID != "" && o.ExternalOrderID != req.ExternalOrderID {
			return nil, fmt.Errorf("create order %s: %w: answer is for externalOrderId %q", req.ExternalOrderID, ErrInvalidResponse, clip(o.ExternalOrderID))
		}
		return c.checkExisting(o, req)
	}

	var apiErr *APIError
	if errors.As(sendErr, &apiErr) && !apiErr.Retryable() && apiErr.Status != http.StatusConflict {
		return nil, fmt.Errorf("create order %s: %w", req.ExternalOrderID, sendErr) // final: 400, 401, 403, 404...
	}
	if errors.As(sendErr, &apiErr) && apiErr.Status == http.StatusTooManyRequests {
		return nil, fmt.Errorf("create order %s: %w", req.ExternalOrderID, sendErr) // refused, not applied
	}
	if errors.Is(sendErr, context.Canceled) {
		return nil, fmt.Errorf("create order %s: %w", req.ExternalOrderID, sendErr)
	}
	return c.recover(ctx, req, fmt.Errorf("create order %s: %w", req.ExternalOrderID, sendErr))
}

// recover looks the order up after a 409 or an answer that may have been
// lost. It waits between lookups, since the order may appear late.
func (c *Client) recover(ctx context.Context, req OrderRequest, cause error) (*Order, error) {
	var lastErr error
	for i := 0; i < c.recoveryLookups; i++ {
		if i > 0 {
			t := time.NewTimer(c.recoveryDelay)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, errors.Join(cause, ctx.Err())
			case <-t.C:
			}
		}
		o, err := c.FindOrderByExternalID(ctx, req.ExternalOrderID)
		if err == nil {
			return c.checkExisting(o, req)
		}
		lastErr = err
		if !errors.Is(err, ErrOrderNotFound) && !IsRetryable(err) {
			break
		}
	}
	if errors.Is(cause, ErrConflict) && errors.Is(lastErr, ErrOrderNotFound) {
		// Copper says it exists but does not show it: final, a person must look.
		return nil, fmt.Errorf("%w; looked up %d times: not found", cause, c.recoveryLookups)
	}
	return nil, fmt.Errorf("%w: %w; look up: %v", ErrOutcomeUnknown, cause, lastErr)
}

// checkExisting returns o if it says what req says.
func (c *Client) checkExisting(o *Order, req OrderRequest) (*Order, error) {
	if diffs := orderDiffs(o, req, c.portfolio); len(diffs) > 0 {
		return nil, fmt.Errorf("create order %s: %w: order %s differs in %s",
			req.ExternalOrderID, ErrOrderMismatch, o.OrderID, strings.Join(diffs, ", "))
	}
	return o, nil
}

// orderDiffs lists the fields in which an order returned by Copper differs
// from the request. Fields Copper left empty are not held against it, except
// the amount and the recipient.
func orderDiffs(o *Order, req OrderRequest, portfolio string) []string {
	var d []string
	neq := func(name, got, want string, fold bool) {
		if got == "" && name != "toAddress" {
			return
		}
		if (fold && !strings.EqualFold(got, want)) || (!fold && got != want) {
			d = append(d, name)
		}
	}
	neq("externalOrderId", o.ExternalOrderID, req.ExternalOrderID, false)
	neq("portfolioId", o.PortfolioID, portfolio, false)
	neq("orderType", o.OrderType, req.OrderType, false)
	neq("baseCurrency", o.BaseCurrency, req.BaseCurrency, true)
	if req.MainCurrency != "" {
		neq("mainCurrency", o.MainCurrency, req.MainCurrency, true)
	}
	if !o.Amount.Equal(req.Amount) {
		d = append(d, "amount")
	}
	neq("toAddress", o.Extra.ToAddress, req.ToAddress, true) // hex addresses: case is not significant
	neq("payload", o.Extra.Payload, req.Payload, true)
	if req.Payload != "" && o.Extra.Payload == "" {
		d = append(d, "payload")
	}
	neq("memo", o.Extra.Memo, req.Memo, false)
	if req.BlockchainTransactionType != "" {
		neq("blockchainTransactionType", o.Extra.BlockchainTransactionType, req.BlockchainTransactionType, false)
	}
	return d
}

// GetOrder returns the order with this Copper order ID; a 404 is ErrOrderNotFound.
func (c *Client) GetOrder(ctx context.Context, orderID string) (*Order, error) {
	if strings.TrimSpace(orderID) == "" {
		return nil, fmt.Errorf("get order: %w: empty order id", ErrInvalidRequest)
	}
	data, err := c.do(ctx, http.MethodGet, platformPrefix+"/orders/"+url.PathEscape(orderID), nil, ContentTypeJSON, nil)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("get order %s: %w: %w", orderID, ErrOrderNotFound, err)
		}
		return nil, fmt.Errorf("get order %s: %w", orderID, err)
	}
	o, err := DecodeOrder(data)
	if err != nil {
		return nil, fmt.Errorf("get order %s: %w", orderID, err)
	}
	if o.OrderID != orderID {
		return nil, fmt.Errorf("get order %s: %w: answer is order %q", orderID, ErrInvalidResponse, clip(o.OrderID))
	}
	return o, nil
}

// FindOrderByExternalID returns the vault portfolio's order with this
// externalOrderId, or ErrOrderNotFound; two matches are ErrDuplicateOrders.
// It reads every page of the list (ListOrdersByExternalID).
func (c *Client) FindOrderByExternalID(ctx context.Context, externalID string) (*Order, error) {
	orders, err := c.ListOrdersByExternalID(ctx, externalID)
	if err != nil {
		return nil, err
	}
	switch len(orders) {
	case 0:
		return nil, fmt.Errorf("find order %s: %w", externalID, ErrOrderNotFound)
	case 1:
		return &orders[0], nil
	}
	return nil, fmt.Errorf("find order %s: %w: %s and %s", externalID, ErrDuplicateOrders, orders[0].OrderID, orders[1].OrderID)
}

// maxListPages bounds one listing, against a Copper that never ends it
// (a million orders at 100 a page).
const maxListPages = 10000

// ListOrdersByExternalID returns every order of the vault portfolio with
// this externalOrderId (GET /platform/orders?externalOrderId=..., page
// after page until a short one), each once. The filter is applied here
// again: orders of other portfolios or with another externalOrderId in an
// answer are dropped, whatever Copper's own filter did.
func (c *Client) ListOrdersByExternalID(ctx context.Context, externalID string) ([]Order, error) {
	if strings.TrimSpace(externalID) == "" {
		return nil, fmt.Errorf("list orders: %w: empty externalOrderId", ErrInvalidRequest)
	}
	orders, err := c.listAll(ctx, url.Values{"externalOrderId": {externalID}}, func(o *Order) bool { return o.ExternalOrderID == externalID })
	if err != nil {
		return nil, fmt.Errorf("list orders %s: %w", externalID, err)
	}
	return orders, nil
}

// ListOrders returns every order of the vault portfolio
// (GET /platform/orders?portfolioId=..., every page): what a node's
// operator rebuilds its ledger from.
func (c *Client) ListOrders(ctx context.Context) ([]Order, error) {
	orders, err := c.listAll(ctx, url.Values{"portfolioId": {c.portfolio}}, func(*Order) bool { return true })
	if err != nil {
		return nil, fmt.Errorf("list the orders of portfolio %s: %w", c.portfolio, err)
	}
	return orders, nil
}

// listAll pages through GET /platform/orders with filter, keeping each
// order of the vault portfolio that keep accepts, once.
func (c *Client) listAll(ctx context.Context, filter url.Values, keep func(*Order) bool) ([]Order, error) {
	var out []Order
	seen := map[string]bool{}
	for page, offset := 0, 0; ; page++ {
		if page == maxListPages {
			return nil, fmt.Errorf("%w: more than %d pages", ErrInvalidResponse, maxListPages)
		}
		q := url.Values{"limit": {strconv.Itoa(lookupLimit)}}
		for k, v := range filter {
			q[k] = v
		}
		if offset > 0 {
			q.Set("offset", strconv.Itoa(offset))
		}
		data, err := c.do(ctx, http.MethodGet, platformPrefix+"/orders", q, ContentTypeJSON, nil)
		if err != nil {
			return nil, err
		}
		orders, err := DecodeOrderList(data)
		if err != nil {
			return nil, err
		}
		if len(orders) > lookupLimit {
			return nil, fmt.Errorf("%w: %d orders on a page of %d", ErrInvalidResponse, len(orders), lookupLimit)
		}
		for i := range orders {
			o := &orders[i]
			if (o.PortfolioID != "" && o.PortfolioID != c.portfolio) || seen[o.OrderID] || !keep(o) {
				continue
			}
			seen[o.OrderID] = true
			out = append(out, *o)
		}
		if len(orders) < lookupLimit {
			return out, nil
		}
		offset += len(orders)
	}
}

// StartSigning asks Copper to build the transaction of an order, after which
// the co-signers can add their partial signatures.
func (c *Client) StartSigning(ctx context.Context, orderID string) error {
	return c.patch(ctx, "start signing", orderID, ContentTypeStartSigning)
}

// CancelOrder cancels an order that has not been fully signed.
func (c *Client) CancelOrder(ctx context.Context, orderID string) error {
	return c.patch(ctx, "cancel order", orderID, ContentTypeCancelOrder)
}

func (c *Client) patch(ctx context.Context, what, orderID, contentType string) error {
	if strings.TrimSpace(orderID) == "" {
		return fmt.Errorf("%s: %w: empty order id", what, ErrInvalidRequest)
	}
	data, err := c.do(ctx, http.MethodPatch, platformPrefix+"/orders/"+url.PathEscape(orderID), nil, contentType, nil)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return fmt.Errorf("%s %s: %w: %w", what, orderID, ErrOrderNotFound, err)
		}
		return fmt.Errorf("%s %s: %w", what, orderID, err)
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		return nil
	}
	if _, err := DecodeOrder(data); err != nil {
		return fmt.Errorf("%s %s: %w", what, orderID, err)
	}
	return nil
}
