package eth_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
)

func TestClassifyBurn(t *testing.T) {
	to := common.HexToAddress("0x00000000000000000000000000000000000Af7e0")
	huge, _ := new(big.Int).SetString("100000000000000000000000", 10)
	for _, tc := range []struct {
		name   string
		amount *big.Int
		to     common.Address
		want   eth.BurnClass
	}{
		{"paid out minus the fee", big.NewInt(3_000_000), to, eth.BurnClass{Kind: "burn", Recipient: "00000000000000000000000000000000000af7e0", Amount: 3_000_000, ReturnAmount: 2_990_000}},
		{"at the fee", big.NewInt(10_000), to, eth.BurnClass{Kind: "invalid", Recipient: "00000000000000000000000000000000000af7e0", Amount: 10_000,
			Reason: "amount 10000 upokt is at or below the Pocket fee of 10000: nothing to return"}},
		{"zero address", big.NewInt(3_000_000), common.Address{}, eth.BurnClass{Kind: "invalid", Recipient: "0000000000000000000000000000000000000000", Amount: 3_000_000,
			Reason: "burn to the zero Pocket address: nothing can be sent"}},
		{"too large", huge, to, eth.BurnClass{Kind: "invalid", Recipient: "00000000000000000000000000000000000af7e0",
			Reason: "burn amount 100000000000000000000000 does not fit in a Pocket amount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, eth.ClassifyBurn(tc.amount, tc.to, 10_000))
		})
	}
}
