package copper_test

import (
	"testing"

	"github.com/wpokt/bridge/copper"
)

func BenchmarkRequestSignature(b *testing.B) {
	body := []byte(`{"externalOrderId":"mint-ab12","orderType":"withdraw","portfolioId":"vault","baseCurrency":"ETH","amount":"0","toAddress":"0x67F4C72a50f8Df6487720261E188F2abE83F57D7","blockchainTransactionType":"smart-call","payload":"0x156e29f6"}`)
	b.ReportAllocs()
	for b.Loop() {
		_ = copper.RequestSignature("secret-of-the-node", "1764111111111", "POST", "/platform/orders", body)
	}
}
