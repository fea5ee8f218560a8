package activities_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/activities"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

func benchRules() activities.Rules {
	return activities.Rules{PortfolioID: "vault", POKTCurrency: "POKT", ETHCurrency: "ETH",
		WPOKTAddress: common.HexToAddress("0x67F4C72a50f8Df6487720261E188F2abE83F57D7")}
}

var benchSpec = transfer.OrderSpec{ExternalID: "mint-ab12", Kind: transfer.OrderMint,
	Recipient: "0x3891f46Ab2C34A6340221a7fdeF517CE97efbcF5", Amount: 12_500_000, Nonce: 7}

// BenchmarkOrderPayload encodes the mint order a creator sends.
func BenchmarkOrderPayload(b *testing.B) {
	r := benchRules()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.OrderRequest(benchSpec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSpecOf reads an order back, as every signer does.
func BenchmarkSpecOf(b *testing.B) {
	r := benchRules()
	req, err := r.OrderRequest(benchSpec)
	if err != nil {
		b.Fatal(err)
	}
	o := &copper.Order{OrderID: "o-1", ExternalOrderID: req.ExternalOrderID, PortfolioID: "vault", OrderType: "withdraw",
		BaseCurrency: req.BaseCurrency, MainCurrency: req.MainCurrency, Amount: req.Amount,
		Extra: copper.OrderExtra{ToAddress: req.ToAddress, Payload: req.Payload, BlockchainTransactionType: req.BlockchainTransactionType}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.SpecOf(o); err != nil {
			b.Fatal(err)
		}
	}
}
