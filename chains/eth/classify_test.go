package eth_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

func TestClassifyBurn(t *testing.T) {
	to := common.HexToAddress("0x00000000000000000000000000000000000Af7e0")
	huge, _ := new(big.Int).SetString("100000000000000000000000", 10)
	for _, tc := range []struct {
		name   string
		amount *big.Int
		to     common.Address
		want   transfer.Reading
	}{
		{"paid out minus the fee", big.NewInt(3_000_000), to, transfer.Reading{Class: transfer.ClassBurn, Recipient: "00000000000000000000000000000000000af7e0", Amount: 3_000_000, PayAmount: 2_990_000}},
		{"at the fee", big.NewInt(10_000), to, transfer.Reading{Class: transfer.ClassInvalid, Recipient: "00000000000000000000000000000000000af7e0", Amount: 10_000,
			Reason: "amount 10000 upokt is at or below the Pocket fee of 10000: nothing to return"}},
		{"zero address", big.NewInt(3_000_000), common.Address{}, transfer.Reading{Class: transfer.ClassInvalid, Recipient: "0000000000000000000000000000000000000000", Amount: 3_000_000,
			Reason: "burn to the zero Pocket address: nothing can be sent"}},
		{"too large", huge, to, transfer.Reading{Class: transfer.ClassInvalid, Recipient: "00000000000000000000000000000000000af7e0",
			Reason: "burn amount 100000000000000000000000 does not fit in a Pocket amount"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, eth.ClassifyBurn(tc.amount, tc.to, eth.BurnRules{FeeUpokt: 10_000, Protocol: pokt.Morse}))
		})
	}
}

func TestClassifyBurnSpellsTheRecipientForItsProtocol(t *testing.T) {
	to := common.HexToAddress("0xad0f8a6eb2e67e6e7a7fbd7c1cb4f1dd4d6c4a1b")
	shannon := eth.ClassifyBurn(big.NewInt(3_000_000), to, eth.BurnRules{FeeUpokt: 10_000, Protocol: pokt.Shannon})
	require.Regexp(t, `^pokt1[02-9ac-hj-np-z]{38}$`, shannon.Recipient)
	a, err := pokt.ParseAddress(shannon.Recipient)
	require.NoError(t, err)
	require.Equal(t, to.Bytes(), a.Bytes(), "the burn's 20 bytes are the bech32 address's")
}

// Where the vault pays the fee (production on Shannon) the whole amount is
// returned; a burn at or below the fee still returns nothing.
func TestClassifyBurnVaultPaysFee(t *testing.T) {
	rules := eth.BurnRules{FeeUpokt: 10_000, VaultPaysFee: true, Protocol: pokt.Shannon}
	to := common.HexToAddress("0xad0f8a6eb2e67e6e7a7fbd7c1cb4f1dd4d6c4a1b")
	r := eth.ClassifyBurn(big.NewInt(3_000_000), to, rules)
	require.Equal(t, transfer.ClassBurn, r.Class)
	require.EqualValues(t, 3_000_000, r.PayAmount)
	require.Equal(t, transfer.ClassInvalid, eth.ClassifyBurn(big.NewInt(10_000), to, rules).Class)
}
