package copper_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/copper"
)

func TestCheckSignRequest(t *testing.T) {
	order := func(edit func(*copper.SignRequest)) *copper.Order {
		o := &copper.Order{
			OrderID: "o-1", PortfolioID: "vault", OrderType: "withdraw", BaseCurrency: "POKT",
			Amount: copper.MustParseAmount("12.5"),
			Extra:  copper.OrderExtra{ToAddress: "abcdef0123456789abcdef0123456789abcdef01", Memo: "Burn: 0xab"},
		}
		sr := copper.SignRequest{Version: "1", OrderID: "o-1", PortfolioID: "vault", Currency: "POKT", Amount: "12.50",
			ToAddress: "ABCDEF0123456789ABCDEF0123456789ABCDEF01", Memo: "Burn: 0xab", Digest: "d"}
		if edit != nil {
			edit(&sr)
		}
		o.Extra.TransactionRequest, _ = json.Marshal(sr)
		return o
	}
	require.NoError(t, order(nil).CheckSignRequest(), "same amount written differently, address in another case")
	for name, edit := range map[string]func(*copper.SignRequest){
		"another order":       func(sr *copper.SignRequest) { sr.OrderID = "o-2" },
		"another amount":      func(sr *copper.SignRequest) { sr.Amount = "125" },
		"another destination": func(sr *copper.SignRequest) { sr.ToAddress = "ffffff0123456789abcdef0123456789abcdef01" },
		"a payload":           func(sr *copper.SignRequest) { sr.Payload = "0xdeadbeef" },
		"another memo":        func(sr *copper.SignRequest) { sr.Memo = "x" },
		"another currency":    func(sr *copper.SignRequest) { sr.Currency = "ETH" },
		"another portfolio":   func(sr *copper.SignRequest) { sr.PortfolioID = "other" },
	} {
		t.Run(name, func(t *testing.T) {
			require.ErrorContains(t, order(edit).CheckSignRequest(), "differs from the order")
		})
	}
	bad := order(nil)
	bad.Extra.TransactionRequest = []byte(`"not an object"`)
	require.ErrorContains(t, bad.CheckSignRequest(), "does not decode")
}
