package eth_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/eth"
)

func BenchmarkEncodeMintCall(b *testing.B) {
	to := common.HexToAddress("0x3891f46Ab2C34A6340221a7fdeF517CE97efbcF5")
	amount, nonce := big.NewInt(12_500_000), big.NewInt(7)
	b.ReportAllocs()
	for b.Loop() {
		_ = eth.EncodeMintCall(to, amount, nonce)
	}
}

func BenchmarkDecodeMintCall(b *testing.B) {
	data := eth.EncodeMintCall(common.HexToAddress("0x3891f46Ab2C34A6340221a7fdeF517CE97efbcF5"), big.NewInt(12_500_000), big.NewInt(7))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := eth.DecodeMintCall(data); err != nil {
			b.Fatal(err)
		}
	}
}
