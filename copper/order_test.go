package copper

import (
	"encoding/json"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeOrderDocumentedShape(t *testing.T) {
	data, err := os.ReadFile("testdata/order_smart_call_executed.json")
	require.NoError(t, err)
	o, err := DecodeOrder(data)
	require.NoError(t, err)

	assert.Equal(t, "5d9c7e4e-2f1b-4a57-9b53-0e6c1f1d8a11", o.OrderID)
	assert.Equal(t, "mint-0A1B2C3D4E5F", o.ExternalOrderID)
	assert.Equal(t, StatusExecuted, o.Status)
	assert.True(t, o.Status.Executed())
	assert.True(t, o.Amount.IsZero())
	assert.Equal(t, time.UnixMilli(1730482675607).UTC(), o.CreatedAt)
	assert.Equal(t, TxTypeSmartCall, o.Extra.BlockchainTransactionType)
	assert.Equal(t, "0x8e3a7d9b6c5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9988776655", o.Extra.TransactionID)
	assert.Equal(t, "12", o.Extra.Confirmations)
	assert.True(t, o.Extra.PartSigned, "an object means part-signed")
	assert.True(t, o.Extra.Signed)
	assert.Equal(t, []string{"node-01", "node-02"}, o.Extra.CoSigners)
	assert.JSONEq(t, `{"transactionRequestId":"abc","publicKeyHash":"ff00","currency":"ETH"}`, string(o.Extra.TransactionRequest))

	// Round trip through the simulator's encoding.
	again, err := json.Marshal(o)
	require.NoError(t, err)
	o2, err := DecodeOrder(again)
	require.NoError(t, err)
	assert.JSONEq(t, string(o.Extra.TransactionRequest), string(o2.Extra.TransactionRequest))
	o.Extra.TransactionRequest, o2.Extra.TransactionRequest = nil, nil // compacted on the way
	assert.Equal(t, o, o2)
}

func TestDecodeOrderBadBodies(t *testing.T) {
	tests := map[string]string{
		"empty":              ``,
		"spaces":             "  \n",
		"truncated":          `{"orderId":"o1","status":"work`,
		"malformed":          `{"orderId":"o1",,"status":"working"}`,
		"array":              `[{"orderId":"o1","status":"working"}]`,
		"html error page":    `<html>502 Bad Gateway</html>`,
		"null":               `null`,
		"no order id":        `{"status":"working"}`,
		"no status":          `{"orderId":"o1"}`,
		"negative amount":    `{"orderId":"o1","status":"working","amount":"-5"}`,
		"float amount":       `{"orderId":"o1","status":"working","amount":1e3}`,
		"bad timestamp":      `{"orderId":"o1","status":"working","createdAt":"yesterday"}`,
		"wrong type":         `{"orderId":7,"status":"working"}`,
		"bad flag":           `{"orderId":"o1","status":"working","extra":{"signed":tru}}`,
		"trailing garbage":   `{"orderId":"o1","status":"working"}x`,
		"truncated in extra": `{"orderId":"o1","status":"working","extra":{"transactionRequest":{"a":`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			o, err := DecodeOrder([]byte(body))
			require.ErrorIs(t, err, ErrInvalidResponse)
			assert.Nil(t, o)
			assert.False(t, IsRetryable(err))
		})
	}
}

func TestDecodeOrderList(t *testing.T) {
	orders, err := DecodeOrderList([]byte(`{"orders":[{"orderId":"a","status":"working"},{"orderId":"b","status":"executed"}]}`))
	require.NoError(t, err)
	require.Len(t, orders, 2)
	assert.Equal(t, "b", orders[1].OrderID)

	for _, bad := range []string{`{}`, `{"orders":null}`, `{"orders":[{"status":"x"}]}`, `{"orders":[`, `[]`} {
		_, err := DecodeOrderList([]byte(bad))
		require.ErrorIs(t, err, ErrInvalidResponse, bad)
	}
	empty, err := DecodeOrderList([]byte(`{"orders":[]}`))
	require.NoError(t, err)
	assert.Empty(t, empty)
}

func TestStatusHelpers(t *testing.T) {
	tests := []struct {
		s                          Status
		terminal, executed, failed bool
	}{
		{StatusWorking, false, false, false},
		{StatusPartSignedTxAdded, false, false, false},
		{StatusFullSignedTxAdded, false, false, false},
		{StatusProcessing, false, false, false},
		{StatusExecuted, true, true, false},
		{StatusCanceled, true, false, true},
		{StatusRejected, true, false, true},
		{StatusDeclined, true, false, true},
		{StatusError, true, false, true},
		{StatusBlocked, true, false, true},
		{StatusSuspended, true, false, true},
		{StatusRejecting, false, false, false},
		{Status("some-new-status"), false, false, false},
	}
	for _, tc := range tests {
		t.Run(string(tc.s), func(t *testing.T) {
			assert.Equal(t, tc.terminal, tc.s.Terminal())
			assert.Equal(t, tc.executed, tc.s.Executed())
			assert.Equal(t, tc.failed, tc.s.Failed())
		})
	}
}

func TestOrderRequestValidate(t *testing.T) {
	ok := OrderRequest{ExternalOrderID: "burn-1", OrderType: OrderTypeWithdraw, BaseCurrency: "POKT",
		Amount: MustParseAmount("1"), ToAddress: "abc"}
	require.NoError(t, ok.Validate())
	call := ok
	call.BlockchainTransactionType, call.Payload = TxTypeSmartCall, "0x1234"
	require.NoError(t, call.Validate())

	tests := map[string]func(r *OrderRequest){
		"no external id":        func(r *OrderRequest) { r.ExternalOrderID = " " },
		"no to address":         func(r *OrderRequest) { r.ToAddress = "" },
		"smart-call no payload": func(r *OrderRequest) { r.BlockchainTransactionType = TxTypeSmartCall },
		"smart-call bad hex": func(r *OrderRequest) {
			r.BlockchainTransactionType, r.Payload = TxTypeSmartCall, "0xzz"
		},
		"payload on a send": func(r *OrderRequest) { r.Payload = "0x12" },
	}
	for name, mutate := range tests {
		t.Run(name, func(t *testing.T) {
			r := ok
			mutate(&r)
			require.ErrorIs(t, r.Validate(), ErrInvalidRequest)
		})
	}
}

// FuzzDecodeOrder: whatever the server sends, decoding returns an order or
// an ErrInvalidResponse, never panics, and a decoded order re-encodes and
// decodes to itself. Seeds: f.Add below and testdata/fuzz/FuzzDecodeOrder.
func FuzzDecodeOrder(f *testing.F) {
	data, err := os.ReadFile("testdata/order_smart_call_executed.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"orderId":"o","status":"working","amount":"0.000001","createdAt":"2024-11-01T17:37:55Z"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := DecodeOrder(data)
		if err != nil {
			if !errorsIs(err, ErrInvalidResponse) {
				t.Fatalf("error not wrapping ErrInvalidResponse: %v", err)
			}
			return
		}
		if o.OrderID == "" || o.Status == "" {
			t.Fatalf("accepted an order without id or status: %+v", o)
		}
		again, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if _, err := DecodeOrder(again); err != nil {
			t.Fatalf("re-decode %s: %v", again, err)
		}
		_, _ = o.Amount.BaseUnits(PoktDecimals)
		_ = o.Status.Terminal()
	})
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
