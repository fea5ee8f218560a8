package copper

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Order types and blockchain transaction types used by the bridge.
const (
	OrderTypeWithdraw = "withdraw"

	TxTypeSend      = "send"
	TxTypeSmartCall = "smart-call"
)

// Status is an order's status as Copper reports it.
type Status string

// Order statuses (developer.copper.co, enums/OrderStatus). Unknown statuses
// are kept as they come and count as neither terminal nor executed.
const (
	StatusNew                Status = "new"
	StatusWorking            Status = "working"
	StatusWaitingApprove     Status = "waiting-approve"
	StatusCoSignRequire      Status = "co-sign-require"
	StatusApproved           Status = "approved"
	StatusPartSignedTxAdded  Status = "part-signed-tx-added"
	StatusFullSignedTxAdded  Status = "full-signed-tx-added"
	StatusProcessing         Status = "processing"
	StatusExecuted           Status = "executed"
	StatusCanceled           Status = "canceled"
	StatusRejected           Status = "rejected"
	StatusDeclined           Status = "declined"
	StatusError              Status = "error"
	StatusBlocked            Status = "blocked"
	StatusSuspended          Status = "suspended"
	StatusMasterPasswordReq  Status = "master-password-required"
	StatusManualResolving    Status = "manual-resolving"
	StatusActionRequired     Status = "action-required"
	StatusRejecting          Status = "rejecting"
	StatusDeclining          Status = "declining"
	StatusSuspending         Status = "suspending"
	StatusAwaitingSettlement Status = "awaiting-settlement"
)

// Terminal reports whether the order will not change any more.
func (s Status) Terminal() bool {
	switch s {
	case StatusExecuted, StatusCanceled, StatusRejected, StatusDeclined, StatusError, StatusBlocked, StatusSuspended:
		return true
	}
	return false
}

// NeedsSignatures reports whether an order in this status still waits for
// co-signatures: not yet fully signed, and not ended.
func (s Status) NeedsSignatures() bool {
	switch s {
	case StatusFullSignedTxAdded, StatusProcessing:
		return false
	}
	return !s.Terminal()
}

// Executed reports whether the order completed: the chain transaction is done.
func (s Status) Executed() bool { return s == StatusExecuted }

// Failed reports whether the order ended without executing.
func (s Status) Failed() bool { return s.Terminal() && !s.Executed() }

// OrderRequest is what CreateOrder sends. PortfolioID comes from Config.
type OrderRequest struct {
	ExternalOrderID string // unique per portfolio; the bridge uses its workflow ID
	OrderType       string // "withdraw"
	BaseCurrency    string // e.g. "POKT"; for a smart-call, the chain's native coin
	MainCurrency    string
	Amount          Amount
	ToAddress       string // recipient; for a smart-call, the contract
	Memo            string
	Description     string
	FeeLevel        string // "low", "medium", "high" or empty
	// IncludeFeeInWithdraw: the fee is taken out of Amount instead of added on top.
	IncludeFeeInWithdraw bool
	// BlockchainTransactionType: "smart-call" for the wPOKT mint, empty or "send" for POKT.
	BlockchainTransactionType string
	// Payload: 0x-prefixed hex call data of a smart-call.
	Payload string
}

// Validate checks the request before anything is sent.
func (r OrderRequest) Validate() error {
	var missing []string
	for name, v := range map[string]string{
		"externalOrderId": r.ExternalOrderID, "orderType": r.OrderType,
		"baseCurrency": r.BaseCurrency, "toAddress": r.ToAddress,
	} {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: missing %s", ErrInvalidRequest, strings.Join(sortedCopy(missing), ", "))
	}
	if r.BlockchainTransactionType == TxTypeSmartCall {
		if err := checkHexPayload(r.Payload); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidRequest, err)
		}
	} else if r.Payload != "" {
		return fmt.Errorf("%w: payload given for a %q order", ErrInvalidRequest, r.BlockchainTransactionType)
	}
	return nil
}

func checkHexPayload(p string) error {
	h, ok := strings.CutPrefix(p, "0x")
	if !ok || h == "" || len(h)%2 != 0 {
		return fmt.Errorf("payload must be 0x-prefixed hex call data")
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return fmt.Errorf("payload must be 0x-prefixed hex call data")
		}
	}
	return nil
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// CreateOrderBody is the JSON of POST /platform/orders (exported for the
// simulator, so that both sides agree on the field names).
type CreateOrderBody struct {
	ExternalOrderID           string `json:"externalOrderId"`
	OrderType                 string `json:"orderType"`
	PortfolioID               string `json:"portfolioId"`
	BaseCurrency              string `json:"baseCurrency"`
	MainCurrency              string `json:"mainCurrency,omitempty"`
	Amount                    Amount `json:"amount"`
	ToAddress                 string `json:"toAddress"`
	Memo                      string `json:"memo,omitempty"`
	Description               string `json:"description,omitempty"`
	FeeLevel                  string `json:"feeLevel,omitempty"`
	IncludeFeeInWithdraw      bool   `json:"includeFeeInWithdraw,omitempty"`
	BlockchainTransactionType string `json:"blockchainTransactionType,omitempty"`
	Payload                   string `json:"payload,omitempty"`
}

// Order is Copper's order as the bridge uses it.
type Order struct {
	OrderID         string
	ExternalOrderID string
	PortfolioID     string
	OrderType       string
	BaseCurrency    string
	MainCurrency    string
	Status          Status
	Amount          Amount
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Extra           OrderExtra
}

// OrderExtra is the part of order.extra the bridge reads.
type OrderExtra struct {
	ToAddress                 string
	Payload                   string
	Memo                      string
	Description               string
	TransactionID             string // the chain transaction hash, once broadcast
	Confirmations             string
	BlockchainTransactionType string
	FeeLevel                  string
	IncludeFeeInWithdraw      bool
	// TransactionRequest is what each co-signer signs (Copper Unlimited's signRequest).
	TransactionRequest json.RawMessage
	// PartSigned and Signed are true when Copper reports the field as true or
	// as any non-empty object (the docs do not pin their type).
	PartSigned bool
	Signed     bool
	CoSigners  []string
	// ErrorMessage explains an order that ended in error (simulator field; not confirmed in Copper's docs).
	ErrorMessage string
}

type orderJSON struct {
	OrderID         string         `json:"orderId"`
	ExternalOrderID string         `json:"externalOrderId"`
	PortfolioID     string         `json:"portfolioId"`
	OrderType       string         `json:"orderType"`
	BaseCurrency    string         `json:"baseCurrency"`
	MainCurrency    string         `json:"mainCurrency,omitempty"`
	Status          Status         `json:"status"`
	Amount          Amount         `json:"amount"`
	CreatedAt       timestamp      `json:"createdAt"`
	UpdatedAt       timestamp      `json:"updatedAt"`
	Extra           orderExtraJSON `json:"extra"`
}

type orderExtraJSON struct {
	ToAddress                 string          `json:"toAddress,omitempty"`
	Payload                   string          `json:"payload,omitempty"`
	Memo                      string          `json:"memo,omitempty"`
	Description               string          `json:"description,omitempty"`
	TransactionID             string          `json:"transactionId,omitempty"`
	Confirmations             string          `json:"confirmations,omitempty"`
	BlockchainTransactionType string          `json:"blockchainTransactionType,omitempty"`
	FeeLevel                  string          `json:"feeLevel,omitempty"`
	IncludeFeeInWithdraw      bool            `json:"includeFeeInWithdraw,omitempty"`
	TransactionRequest        json.RawMessage `json:"transactionRequest,omitempty"`
	PartSigned                flag            `json:"partSigned,omitempty"`
	Signed                    flag            `json:"signed,omitempty"`
	CoSigners                 []string        `json:"coSigners,omitempty"`
	ErrorMessage              string          `json:"errorMessage,omitempty"`
}

// MarshalJSON writes the order as Copper does (amounts and timestamps as strings).
func (o Order) MarshalJSON() ([]byte, error) {
	e := o.Extra
	return json.Marshal(orderJSON{
		OrderID: o.OrderID, ExternalOrderID: o.ExternalOrderID, PortfolioID: o.PortfolioID,
		OrderType: o.OrderType, BaseCurrency: o.BaseCurrency, MainCurrency: o.MainCurrency,
		Status: o.Status, Amount: o.Amount, CreatedAt: timestamp(o.CreatedAt), UpdatedAt: timestamp(o.UpdatedAt),
		Extra: orderExtraJSON{
			ToAddress: e.ToAddress, Payload: e.Payload, Memo: e.Memo, Description: e.Description,
			TransactionID: e.TransactionID, Confirmations: e.Confirmations,
			BlockchainTransactionType: e.BlockchainTransactionType, FeeLevel: e.FeeLevel,
			IncludeFeeInWithdraw: e.IncludeFeeInWithdraw, TransactionRequest: e.TransactionRequest,
			PartSigned: flag(e.PartSigned), Signed: flag(e.Signed), CoSigners: e.CoSigners,
			ErrorMessage: e.ErrorMessage,
		},
	})
}

// UnmarshalJSON reads an order; unknown fields are ignored.
func (o *Order) UnmarshalJSON(data []byte) error {
	var w orderJSON
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	e := w.Extra
	*o = Order{
		OrderID: w.OrderID, ExternalOrderID: w.ExternalOrderID, PortfolioID: w.PortfolioID,
		OrderType: w.OrderType, BaseCurrency: w.BaseCurrency, MainCurrency: w.MainCurrency,
		Status: w.Status, Amount: w.Amount, CreatedAt: time.Time(w.CreatedAt), UpdatedAt: time.Time(w.UpdatedAt),
		Extra: OrderExtra{
			ToAddress: e.ToAddress, Payload: e.Payload, Memo: e.Memo, Description: e.Description,
			TransactionID: e.TransactionID, Confirmations: e.Confirmations,
			BlockchainTransactionType: e.BlockchainTransactionType, FeeLevel: e.FeeLevel,
			IncludeFeeInWithdraw: e.IncludeFeeInWithdraw, TransactionRequest: e.TransactionRequest,
			PartSigned: bool(e.PartSigned), Signed: bool(e.Signed), CoSigners: e.CoSigners,
			ErrorMessage: e.ErrorMessage,
		},
	}
	if string(o.Extra.TransactionRequest) == "null" {
		o.Extra.TransactionRequest = nil
	}
	return nil
}

// DecodeOrder decodes one order from an answer body and sanity-checks it:
// it must be a JSON object with an orderId and a status. Every failure wraps
// ErrInvalidResponse.
func DecodeOrder(data []byte) (*Order, error) {
	var o Order
	if err := decodeJSON(data, &o); err != nil {
		return nil, fmt.Errorf("%w: decode order: %w", ErrInvalidResponse, err)
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	return &o, nil
}

// DecodeOrderList decodes {"orders":[...]} and sanity-checks every order.
func DecodeOrderList(data []byte) ([]Order, error) {
	var w struct {
		Orders *[]Order `json:"orders"`
	}
	if err := decodeJSON(data, &w); err != nil {
		return nil, fmt.Errorf("%w: decode order list: %w", ErrInvalidResponse, err)
	}
	if w.Orders == nil {
		return nil, fmt.Errorf("%w: decode order list: no \"orders\" field", ErrInvalidResponse)
	}
	for i := range *w.Orders {
		if err := (*w.Orders)[i].check(); err != nil {
			return nil, err
		}
	}
	return *w.Orders, nil
}

func (o *Order) check() error {
	if o.OrderID == "" {
		return fmt.Errorf("%w: order without orderId", ErrInvalidResponse)
	}
	if o.Status == "" {
		return fmt.Errorf("%w: order %s without status", ErrInvalidResponse, clip(o.OrderID))
	}
	if len(o.Extra.TransactionRequest) > 0 && !json.Valid(o.Extra.TransactionRequest) {
		return fmt.Errorf("%w: order %s: invalid transactionRequest", ErrInvalidResponse, clip(o.OrderID))
	}
	return nil
}

// decodeJSON decodes exactly one JSON object: empty bodies, arrays, scalars
// and trailing data are errors.
func decodeJSON(data []byte, v any) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return fmt.Errorf("empty body")
	}
	if trimmed[0] != '{' {
		return fmt.Errorf("not a JSON object (starts with %q)", clip(string(trimmed[:min(len(trimmed), 16)])))
	}
	return json.Unmarshal(trimmed, v)
}

// timestamp is a Copper time: a string of Unix milliseconds ("1730482675607").
// RFC 3339 strings and bare numbers are accepted too; empty or null is the zero time.
type timestamp time.Time

func (t timestamp) MarshalJSON() ([]byte, error) {
	tt := time.Time(t)
	if tt.IsZero() {
		return []byte(`""`), nil
	}
	return []byte(`"` + strconv.FormatInt(tt.UnixMilli(), 10) + `"`), nil
}

func (t *timestamp) UnmarshalJSON(data []byte) error {
	s := string(data)
	if s == "null" {
		*t = timestamp{}
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	if s == "" {
		*t = timestamp{}
		return nil
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		*t = timestamp(time.UnixMilli(ms).UTC())
		return nil
	}
	tt, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("invalid timestamp %q", clip(s))
	}
	*t = timestamp(tt)
	return nil
}

// flag decodes true/false; any other non-empty value (an object describing
// the signature, a non-empty string or array) counts as true.
type flag bool

func (f flag) MarshalJSON() ([]byte, error) { return json.Marshal(bool(f)) }

func (f *flag) UnmarshalJSON(data []byte) error {
	switch s := string(bytes.TrimSpace(data)); s {
	case "null", "false", `""`, `"false"`, "{}", "[]", "0", `"0"`:
		*f = false
	default:
		if !json.Valid(data) {
			return fmt.Errorf("invalid flag")
		}
		*f = true
	}
	return nil
}
