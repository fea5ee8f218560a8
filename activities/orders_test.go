package activities_test

import (
	"encoding/hex"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

var (
	testWPOKT     = common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")
	testRecipient = common.HexToAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
	depositHash   = strings.Repeat("ab", 32)
	burnHash      = "0x" + strings.Repeat("cd", 32)
)

func testRules() activities.Rules {
	return activities.Rules{
		NodeID: "node-1",
		Deposit: pokt.DepositRules{
			EthChainID: 1337, FeeUpokt: feeUpokt, Vault: strings.Repeat("0a", 20),
		},
		WPOKTAddress: testWPOKT,
		PortfolioID:  portfolioID,
		POKTCurrency: "POKT",
		ETHCurrency:  "ETH",
	}
}

// copperOrder is the order Copper holds for req, as the simulator (and
// Copper) fill it in.
func copperOrder(req copper.OrderRequest, portfolio string) *copper.Order {
	txType := req.BlockchainTransactionType
	if txType == "" {
		txType = copper.TxTypeSend
	}
	return &copper.Order{
		OrderID: "order-1", ExternalOrderID: req.ExternalOrderID, PortfolioID: portfolio,
		OrderType: req.OrderType, BaseCurrency: req.BaseCurrency, MainCurrency: req.MainCurrency,
		Status: copper.StatusPartSignedTxAdded, Amount: req.Amount,
		Extra: copper.OrderExtra{
			ToAddress: req.ToAddress, Payload: req.Payload, Memo: req.Memo, Description: req.Description,
			BlockchainTransactionType: txType, IncludeFeeInWithdraw: req.IncludeFeeInWithdraw,
		},
	}
}

func mintSpec() transfer.OrderSpec {
	return transfer.OrderSpec{
		ExternalID: transfer.MintWorkflowID(depositHash), Kind: transfer.OrderMint,
		Recipient: testRecipient.Hex(), Amount: 1_500_000, Nonce: 7,
	}
}

func refundSpec() transfer.OrderSpec {
	return transfer.OrderSpec{
		ExternalID: transfer.MintWorkflowID(depositHash), Kind: transfer.OrderRefund,
		Recipient: strings.Repeat("be", 20), Amount: 990_000, Memo: transfer.RefundMemo(depositHash),
	}
}

func returnSpec() transfer.OrderSpec {
	return transfer.OrderSpec{
		ExternalID: transfer.BurnWorkflowID(burnHash, 1), Kind: transfer.OrderReturn,
		Recipient: strings.Repeat("c0", 20), Amount: 123_456_789, Memo: transfer.ReturnMemo(burnHash, 1),
	}
}

func TestOrderRequestSpecOfRoundTrip(t *testing.T) {
	r := testRules()
	for _, tc := range []struct {
		name string
		spec transfer.OrderSpec
		// what the request must say
		currency, to, txType string
		amount               string
	}{
		{"mint", mintSpec(), "ETH", testWPOKT.Hex(), copper.TxTypeSmartCall, "0"},
		{"refund", refundSpec(), "POKT", strings.Repeat("be", 20), "", "0.99"},
		{"return", returnSpec(), "POKT", strings.Repeat("c0", 20), "", "123.456789"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := r.OrderRequest(tc.spec)
			require.NoError(t, err)
			require.NoError(t, req.Validate())
			assert.Equal(t, tc.spec.ExternalID, req.ExternalOrderID)
			assert.Equal(t, copper.OrderTypeWithdraw, req.OrderType)
			assert.Equal(t, tc.currency, req.BaseCurrency)
			assert.Equal(t, tc.currency, req.MainCurrency)
			assert.Equal(t, tc.to, req.ToAddress)
			assert.Equal(t, tc.txType, req.BlockchainTransactionType)
			assert.Equal(t, tc.amount, req.Amount.String())
			assert.False(t, req.IncludeFeeInWithdraw)
			if tc.spec.Kind == transfer.OrderMint {
				data, err := hex.DecodeString(strings.TrimPrefix(req.Payload, "0x"))
				require.NoError(t, err)
				to, amount, nonce, err := eth.DecodeMintCall(data)
				require.NoError(t, err)
				assert.Equal(t, testRecipient, to)
				assert.Equal(t, big.NewInt(1_500_000), amount)
				assert.Equal(t, big.NewInt(7), nonce)
				assert.Empty(t, req.Memo)
			} else {
				assert.Empty(t, req.Payload)
				assert.Equal(t, tc.spec.Memo, req.Memo)
			}

			got, err := r.SpecOf(copperOrder(req, portfolioID))
			require.NoError(t, err)
			assert.Equal(t, tc.spec, got)
		})
	}
}

// A spec's recipient may come in any case: the order pays the same
// address, and SpecOf reads it back in its canonical form.
func TestOrderRequestCanonicalRecipient(t *testing.T) {
	r := testRules()
	mint := mintSpec()
	mint.Recipient = strings.ToLower(mint.Recipient)
	req, err := r.OrderRequest(mint)
	require.NoError(t, err)
	got, err := r.SpecOf(copperOrder(req, portfolioID))
	require.NoError(t, err)
	assert.Equal(t, testRecipient.Hex(), got.Recipient)

	refund := refundSpec()
	refund.Recipient = "0x" + strings.ToUpper(refund.Recipient)
	req, err = r.OrderRequest(refund)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("be", 20), req.ToAddress)
}

func TestOrderRequestRejects(t *testing.T) {
	r := testRules()
	for _, tc := range []struct {
		name string
		edit func(*transfer.OrderSpec)
		base func() transfer.OrderSpec
		want string
	}{
		{"mint to a non-address", func(s *transfer.OrderSpec) { s.Recipient = "0x1234" }, mintSpec, "bad recipient"},
		{"refund to a non-address", func(s *transfer.OrderSpec) { s.Recipient = "zz" }, refundSpec, "invalid pokt address"},
		{"return of nothing", func(s *transfer.OrderSpec) { s.Amount = 0 }, returnSpec, "zero amount"},
		{"unknown kind", func(s *transfer.OrderSpec) { s.Kind = "stake" }, returnSpec, `unknown kind "stake"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			spec := tc.base()
			tc.edit(&spec)
			_, err := r.OrderRequest(spec)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSpecOfRejects(t *testing.T) {
	r := testRules()
	order := func(spec transfer.OrderSpec) *copper.Order {
		req, err := r.OrderRequest(spec)
		require.NoError(t, err)
		return copperOrder(req, portfolioID)
	}
	otherCall := eth.EncodeMintCall(testRecipient, big.NewInt(1), big.NewInt(1))
	for _, tc := range []struct {
		name string
		o    *copper.Order
		edit func(*copper.Order)
		want string
	}{
		{"other portfolio", order(mintSpec()), func(o *copper.Order) { o.PortfolioID = "trading" }, `portfolio "trading", not "vault"`},
		{"not a withdraw", order(returnSpec()), func(o *copper.Order) { o.OrderType = "buy" }, `type "buy", not withdraw`},
		{"mint in another currency", order(mintSpec()), func(o *copper.Order) { o.BaseCurrency = "USDC" }, `mint in currency "USDC"/"ETH", not "ETH"`},
		{"withdraw in another currency", order(refundSpec()), func(o *copper.Order) { o.BaseCurrency = "ETH" }, `withdraw in currency "ETH"/"POKT", not "POKT"`},
		{"withdraw with another main currency", order(refundSpec()), func(o *copper.Order) { o.MainCurrency = "ETH" }, `withdraw in currency "POKT"/"ETH", not "POKT"`},
		{"withdraw of another transaction type", order(returnSpec()), func(o *copper.Order) { o.Extra.BlockchainTransactionType = "stake" }, `a "stake" transaction, not a plain send`},
		{"withdraw of nothing", order(returnSpec()), func(o *copper.Order) { o.Amount = copper.MustParseAmount("0") }, "withdraws nothing"},
		{"mint that sends coins", order(mintSpec()), func(o *copper.Order) { o.Amount = copper.MustParseAmount("0.1") }, "mint call sends 0.1 ETH"},
		{"payload for another contract", order(mintSpec()), func(o *copper.Order) { o.Extra.ToAddress = testRecipient.Hex() }, "not the wPOKT contract"},
		{"payload not hex", order(mintSpec()), func(o *copper.Order) { o.Extra.Payload = "0xzz" }, "payload is not hex"},
		{"payload not a mint call", order(mintSpec()), func(o *copper.Order) { o.Extra.Payload = "0xa9059cbb" }, "payload: decode mint call"},
		{"payload with trailing bytes", order(mintSpec()), func(o *copper.Order) {
			o.Extra.Payload = "0x" + hex.EncodeToString(otherCall) + "00"
		}, "invalid mint call"},
		// A payload makes an order a contract call, whatever its type says.
		{"payload on a refund", order(refundSpec()), func(o *copper.Order) {
			o.Extra.Payload = "0x" + hex.EncodeToString(otherCall)
		}, `mint in currency "POKT"/"POKT", not "ETH"`},
		{"fee included in withdraw", order(refundSpec()), func(o *copper.Order) { o.Extra.IncludeFeeInWithdraw = true }, "fee included"},
		{"smart-call for a burn", order(returnSpec()), func(o *copper.Order) {
			o.Extra.BlockchainTransactionType = copper.TxTypeSmartCall
			o.Extra.Payload = "0x" + hex.EncodeToString(otherCall)
		}, "a contract call for a burn"},
		{"payload on a return", order(returnSpec()), func(o *copper.Order) {
			o.Extra.Payload = "0x" + hex.EncodeToString(otherCall)
		}, "a contract call for a burn"},
		{"external id of no transfer", order(mintSpec()), func(o *copper.Order) { o.ExternalOrderID = "wpokt-control" }, "external id"},
		{"external id with upper case", order(mintSpec()), func(o *copper.Order) { o.ExternalOrderID = "mint-" + strings.ToUpper(depositHash) }, "external id"},
		{"burn id without position", order(returnSpec()), func(o *copper.Order) { o.ExternalOrderID = "burn-" + burnHash }, "external id"},
		{"withdraw to a non-address", order(returnSpec()), func(o *copper.Order) { o.Extra.ToAddress = "0x" + testRecipient.Hex() }, "destination"},
		{"amount with too many decimals", order(returnSpec()), func(o *copper.Order) { o.Amount = copper.MustParseAmount("1.0000001") }, "amount"},
		{"amount beyond uint64", order(returnSpec()), func(o *copper.Order) { o.Amount = copper.MustParseAmount("18446744073709.551616") }, "overflows"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := *tc.o
			tc.edit(&o)
			_, err := r.SpecOf(&o)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// FuzzSpecOf checks that any order OrderRequest makes reads back, through
// SpecOf, as exactly the spec it was made from.
func FuzzSpecOf(f *testing.F) {
	f.Add(uint8(0), []byte(testRecipient.Bytes()), uint64(1_500_000), uint64(7), []byte{0xab}, 0, "")
	f.Add(uint8(1), []byte(strings.Repeat("\xbe", 20)), uint64(990_000), uint64(0), []byte{0x01, 0x02}, 0, "memo")
	f.Add(uint8(2), []byte(strings.Repeat("\xc0", 20)), uint64(1<<64-1), uint64(0), []byte{0xff}, 3, "wPOKT burn")
	f.Add(uint8(0), make([]byte, 20), uint64(0), uint64(1<<64-1), []byte{}, 0, "")
	r := testRules()
	f.Fuzz(func(t *testing.T, kind uint8, to []byte, amount, nonce uint64, hash []byte, pos int, memo string) {
		if len(to) < 20 {
			to = append(to, make([]byte, 20-len(to))...)
		}
		h := hex.EncodeToString(hash)
		if h == "" {
			h = "00"
		}
		spec := transfer.OrderSpec{Amount: amount}
		switch kind % 3 {
		case 0:
			spec.Kind, spec.ExternalID = transfer.OrderMint, transfer.MintWorkflowID(h)
			spec.Recipient, spec.Nonce = common.BytesToAddress(to[:20]).Hex(), nonce
		case 1:
			spec.Kind, spec.ExternalID = transfer.OrderRefund, transfer.MintWorkflowID(h)
			spec.Recipient, spec.Memo = hex.EncodeToString(to[:20]), memo
		case 2:
			if pos < 0 {
				pos = -pos
			}
			if pos < 0 { // the smallest int
				pos = 0
			}
			spec.Kind, spec.ExternalID = transfer.OrderReturn, transfer.BurnWorkflowID("0x"+h, pos)
			spec.Recipient, spec.Memo = hex.EncodeToString(to[:20]), memo
		}
		req, err := r.OrderRequest(spec)
		if spec.Kind != transfer.OrderMint && amount == 0 {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.NoError(t, req.Validate())
		got, err := r.SpecOf(copperOrder(req, portfolioID))
		require.NoError(t, err)
		assert.Equal(t, spec, got)
	})
}
