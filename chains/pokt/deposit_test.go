package pokt

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/wpokt/bridge/transfer"
)

func TestClassifyDeposit(t *testing.T) {
	rules := DepositRules{EthChainID: 1, FeeUpokt: 10000, MaxMintUpokt: 100_000_000, Vault: recordedVault}
	good := Tx{
		Hash: strings.Repeat("AB", 32), Height: 10,
		From: recordedSender, To: recordedVault, Amount: 5_000_000, Fee: 10000,
		Memo: memoOf(checksummed, "1"),
	}
	with := func(f func(tx *Tx)) Tx {
		tx := good
		f(&tx)
		return tx
	}
	tests := []struct {
		name   string
		tx     Tx
		rules  DepositRules
		want   transfer.Reading
		reason string // a part of the reason, when the reason is not given in want
	}{
		{"mint", good, rules, transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 5_000_000, PayAmount: 5_000_000}, ""},
		{"mint, lower-case memo address", with(func(tx *Tx) { tx.Memo = memoOf(strings.ToLower(checksummed), "1") }), rules,
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 5_000_000, PayAmount: 5_000_000}, ""},
		{"mint at the maximum", with(func(tx *Tx) { tx.Amount = 100_000_000 }), rules,
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 100_000_000, PayAmount: 100_000_000}, ""},
		{"mint just above the fee", with(func(tx *Tx) { tx.Amount = 10001 }), rules,
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 10001, PayAmount: 10001}, ""},
		{"no maximum", with(func(tx *Tx) { tx.Amount = 1 << 62 }), DepositRules{EthChainID: 1, FeeUpokt: 10000, Vault: recordedVault},
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 1 << 62, PayAmount: 1 << 62}, ""},
		{"vault in rules with 0x and upper case", good, DepositRules{EthChainID: 1, FeeUpokt: 10000, Vault: "0x" + strings.ToUpper(recordedVault)},
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 5_000_000, PayAmount: 5_000_000}, ""},
		{"failed tx", with(func(tx *Tx) { tx.Code, tx.Codespace = 10, "sdk" }), rules,
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "code 10"},
		{"not a send", with(func(tx *Tx) { tx.NotASend = `message type "dao_tranfer" is not a send` }), rules,
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "not a send"},
		{"not to the vault", with(func(tx *Tx) { tx.To = recordedOther }), rules,
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "not sent to the vault"},
		{"from the vault to itself", with(func(tx *Tx) { tx.From = recordedVault }), rules,
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "by the vault itself"},
		{"bad sender", with(func(tx *Tx) { tx.From = "" }), rules,
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "sender"},
		{"amount at the fee", with(func(tx *Tx) { tx.Amount = 10000 }), rules,
			transfer.Reading{Class: transfer.ClassInvalid, Reason: "amount at or below the fee, not refundable", Amount: 10000}, ""},
		{"amount below the fee, bad memo", with(func(tx *Tx) { tx.Amount = 5; tx.Memo = "junk" }), rules,
			transfer.Reading{Class: transfer.ClassInvalid, Reason: "amount at or below the fee, not refundable", Amount: 5}, ""},
		{"memo not JSON", with(func(tx *Tx) { tx.Memo = "hello" }), rules,
			transfer.Reading{Class: transfer.ClassRefund, Amount: 5_000_000, PayAmount: 4_990_000, Recipient: recordedSender}, "not a JSON object"},
		{"memo on the wrong chain", with(func(tx *Tx) { tx.Memo = memoOf(checksummed, "5") }), rules,
			transfer.Reading{Class: transfer.ClassRefund, Amount: 5_000_000, PayAmount: 4_990_000, Recipient: recordedSender}, "chain_id 5, want 1"},
		{"memo to the zero address", with(func(tx *Tx) { tx.Memo = memoOf("0x0000000000000000000000000000000000000000", "1") }), rules,
			transfer.Reading{Class: transfer.ClassRefund, Amount: 5_000_000, PayAmount: 4_990_000, Recipient: recordedSender}, "zero address"},
		{"empty memo, one above the fee", with(func(tx *Tx) { tx.Memo = ""; tx.Amount = 10001 }), rules,
			transfer.Reading{Class: transfer.ClassRefund, Amount: 10001, PayAmount: 1, Recipient: recordedSender}, "memo"},
		{"above the maximum", with(func(tx *Tx) { tx.Amount = 100_000_001 }), rules,
			transfer.Reading{Class: transfer.ClassRefund, Amount: 100_000_001, PayAmount: 99_990_001, Recipient: recordedSender}, "above the maximum"},
		{"top-up from a treasury", good, withTopUp(rules, recordedSender),
			transfer.Reading{Class: transfer.ClassTopUp, Amount: 5_000_000}, "top-up of the vault"},
		{"top-up below the fee, no memo", with(func(tx *Tx) { tx.Amount = 5; tx.Memo = "" }), withTopUp(rules, "0x"+strings.ToUpper(recordedSender)),
			transfer.Reading{Class: transfer.ClassTopUp, Amount: 5}, "top-up of the vault"},
		{"another sender while a treasury is set", good, withTopUp(rules, recordedOther),
			transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 5_000_000, PayAmount: 5_000_000}, ""},
		{"rules with a bad top-up sender", good, withTopUp(rules, "pokt1nope"),
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "top-up sender"},
		{"rules with the vault as a top-up sender", good, withTopUp(rules, recordedVault),
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "the vault cannot be a top-up sender"},
		{"rules without a chain id", good, DepositRules{FeeUpokt: 10000, Vault: recordedVault},
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "invalid deposit rules"},
		{"rules without a vault", good, DepositRules{EthChainID: 1, FeeUpokt: 10000},
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "vault"},
		{"rules with a maximum below the fee", good, DepositRules{EthChainID: 1, FeeUpokt: 10000, MaxMintUpokt: 10000, Vault: recordedVault},
			transfer.Reading{Class: transfer.ClassFailed, Amount: 5_000_000}, "max mint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ClassifyDeposit(tt.tx, tt.rules)
			if tt.reason != "" {
				assert.Contains(t, got.Reason, tt.reason)
				got.Reason = ""
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, got.Class == transfer.ClassMint, got.Reason == "" && tt.reason == "", "only a mint has no reason")
			// Every signer recomputes it: the same input gives the same verdict.
			again := ClassifyDeposit(tt.tx, tt.rules)
			if tt.reason != "" {
				again.Reason = ""
			}
			assert.Equal(t, got, again)
		})
	}
}

func TestDepositRulesValidate(t *testing.T) {
	assert.NoError(t, DepositRules{EthChainID: 1, Vault: recordedVault}.Validate())
	assert.Error(t, DepositRules{Vault: recordedVault}.Validate())
	assert.ErrorIs(t, DepositRules{EthChainID: 1, Vault: "vault"}.Validate(), ErrInvalidAddress)
	assert.Error(t, DepositRules{EthChainID: 1, FeeUpokt: 5, MaxMintUpokt: 5, Vault: recordedVault}.Validate())
}

// TestClassifyDepositVaultPaysFee: on Shannon production refunds the full
// amount (the vault pays the fee); the dust rule stays (at or below the fee
// is invalid), and a mint is the same either way.
func TestClassifyDepositVaultPaysFee(t *testing.T) {
	vault, sender := "pokt14q8l4hlsdf2fqws7n6q6ck3xg5yt2qvgyynnll", mustShannon(t, recordedSender)
	rules := DepositRules{EthChainID: 1, FeeUpokt: 10000, MaxMintUpokt: 100_000_000, Vault: vault, VaultPaysFee: true}
	tx := Tx{Hash: strings.Repeat("CD", 32), Height: 3, From: sender, To: vault, Amount: 5_000_000, Memo: "hello"}

	got := ClassifyDeposit(tx, rules)
	assert.Equal(t, transfer.ClassRefund, got.Class)
	assert.Equal(t, uint64(5_000_000), got.PayAmount, "the full amount")
	assert.Equal(t, sender, got.Recipient)

	tx.Amount = 100_000_001
	assert.Equal(t, uint64(100_000_001), ClassifyDeposit(tx, rules).PayAmount, "above the maximum: the full amount")

	tx.Amount = 10000
	assert.Equal(t, transfer.ClassInvalid, ClassifyDeposit(tx, rules).Class, "at the fee: still not refundable")

	tx.Amount, tx.Memo = 5_000_000, memoOf(checksummed, "1")
	assert.Equal(t, transfer.Reading{Class: transfer.ClassMint, Recipient: checksummed, Amount: 5_000_000, PayAmount: 5_000_000}, ClassifyDeposit(tx, rules))

	rules.VaultPaysFee = false
	tx.Memo = "hello"
	assert.Equal(t, uint64(4_990_000), ClassifyDeposit(tx, rules).PayAmount, "Morse's rule: amount - fee")

	assert.True(t, DefaultVaultPaysFee(Shannon))
	assert.False(t, DefaultVaultPaysFee(Morse))
}

func mustShannon(t *testing.T, hexAddr string) string {
	t.Helper()
	a, err := ParseAddress(hexAddr)
	if err != nil {
		t.Fatal(err)
	}
	return a.In(Shannon).String()
}

func withTopUp(r DepositRules, senders ...string) DepositRules {
	r.TopUpSenders = senders
	return r
}
