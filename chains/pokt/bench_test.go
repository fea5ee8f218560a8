package pokt

import (
	"testing"

	"github.com/wpokt/bridge/transfer"
)

const benchMemo = `{"address":"0x3891f46Ab2C34A6340221a7fdeF517CE97efbcF5","chain_id":"1"}`

func BenchmarkParseMemo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseMemo(benchMemo, 1); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassifyDeposit(b *testing.B) {
	rules := DepositRules{EthChainID: 1, FeeUpokt: 10_000, Vault: "5f3b1c2e9e8a7d6c5b4a39281706f5e4d3c2b1a0"}
	tx := Tx{Hash: "AB", Height: 10, From: "736d85aa6bf1b7352e19ace732028459bba55f88",
		To: rules.Vault, Amount: 12_500_000, Fee: 10_000, Memo: benchMemo}
	b.ReportAllocs()
	for b.Loop() {
		if d := ClassifyDeposit(tx, rules); d.Class != transfer.ClassMint {
			b.Fatal(d.Reason)
		}
	}
}
