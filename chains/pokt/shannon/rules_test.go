package shannon

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wpokt/bridge/transfer"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
)

// decodeBuilt decodes a hand-built tx the way a tx answer carries it.
func decodeBuilt(t *testing.T, raw []byte, code uint32, events []map[string]any) (pokt.Tx, error) {
	t.Helper()
	b, err := json.Marshal(wireTxJSON(raw, 7, code, events))
	require.NoError(t, err)
	tx, _, err := decodeTx(b)
	return tx, err
}

// TestDepositRulesOutcomes: each outcome of Shannon's deposit rule, and
// what pokt.ClassifyDeposit makes of it.
func TestDepositRulesOutcomes(t *testing.T) {
	alice, vault, other := recordedAlice, recordedVault, feeCollector
	require.NotEmpty(t, vault)
	amount := "25000000upokt"
	plain := txBytes(t, memo, 10_000, send(alice, vault, upokt(25_000_000)))
	ok := concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, amount))
	rules := pokt.DepositRules{EthChainID: 1, FeeUpokt: 10_000, Vault: vault, VaultPaysFee: true}

	tests := []struct {
		name   string
		raw    []byte
		code   uint32
		events []map[string]any
		reason string // prefix of NotASend; "" for a plain send
		kind   transfer.Class
	}{
		{"plain send", plain, 0, ok, "", transfer.ClassMint},
		{"a second MsgSend", txBytes(t, memo, 10_000, send(alice, vault, upokt(25_000_000)), send(alice, vault, upokt(1))),
			0, concat(ok, transferEvents(alice, vault, "1upokt")), ReasonSeveralSends, transfer.ClassFailed},
		{"a multi-coin send", txBytes(t, memo, 10_000, send(alice, vault, sdk.NewInt64Coin("uother", 5), upokt(25_000_000))),
			0, concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, "5uother,25000000upokt")), ReasonMultiCoin, transfer.ClassFailed},
		{"another denom", txBytes(t, memo, 10_000, send(alice, vault, sdk.NewInt64Coin("uother", 5))),
			0, concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, "5uother")), ReasonOtherDenom, transfer.ClassFailed},
		{"another message", txBytes(t, memo, 10_000, &banktypes.MsgMultiSend{}), 0, ok, ReasonNotBankSend, transfer.ClassFailed},
		{"a send and another message", txBytes(t, memo, 10_000, send(alice, vault, upokt(25_000_000)), &banktypes.MsgMultiSend{}),
			0, ok, ReasonNotBankSend, transfer.ClassFailed},
		{"no message", txBytes(t, memo, 10_000), 0, feeEvents(alice, "10000upokt"), ReasonNoMessage, transfer.ClassFailed},
		{"events: another amount", plain, 0, concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, "24000000upokt")), ReasonEvents, transfer.ClassFailed},
		{"events: another sender", plain, 0, concat(feeEvents(alice, "10000upokt"), transferEvents(other, vault, amount)), ReasonEvents, transfer.ClassFailed},
		{"events: no transfer to the vault", plain, 0, feeEvents(alice, "10000upokt"), ReasonEvents, transfer.ClassFailed},
		{"events: two transfers to the vault", plain, 0, concat(ok, transferEvents(alice, vault, amount)), ReasonEvents, transfer.ClassFailed},
		{"events: a transfer of two coins", plain, 0, concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, "1uother,25000000upokt")), ReasonEvents, transfer.ClassFailed},
		{"events: a transfer without an amount", plain, 0, concat(ok, []map[string]any{event("transfer", "recipient", vault, "sender", alice)}), ReasonEvents, transfer.ClassFailed},
		{"events: an amount that is not coins", plain, 0, concat(feeEvents(alice, "10000upokt"), transferEvents(alice, vault, "25000000")), ReasonEvents, transfer.ClassFailed},
		{"events: a transfer of another denom too", plain, 0, concat(ok, transferEvents(alice, vault, "7uother")), "", transfer.ClassMint},
		{"sender with the cosmos prefix", txBytes(t, memo, 10_000, send("cosmos1w5up69gw2dg8vy07cmhace02n0sgeynj6vxqpr", vault, upokt(25_000_000))),
			0, ok, ReasonBadAddress, transfer.ClassFailed},
		{"undecodable bytes", []byte("not a tx at all"), 0, ok, ReasonUndecodable, transfer.ClassUnreadable},
		{"a negative amount", txBytes(t, memo, 10_000, send(alice, vault, sdk.Coin{Denom: pokt.DenomUpokt, Amount: math.NewInt(-5)})),
			0, ok, ReasonUndecodable + ": negative amount", transfer.ClassUnreadable},
		{"a failed tx keeps only its fee events", plain, 5, feeEvents(alice, "10000upokt"), "", transfer.ClassFailed},
		{"a failed undecodable tx", []byte{0xff, 0x01}, 2, nil, ReasonUndecodable, transfer.ClassFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := decodeBuilt(t, tt.raw, tt.code, tt.events)
			require.NoError(t, err, "an odd tx is not an error")
			assert.Equal(t, pokt.TxHashOf(tt.raw), tx.Hash)
			assert.Equal(t, tt.code, tx.Code)
			if tt.reason == "" {
				assert.Empty(t, tx.NotASend)
				assert.Equal(t, alice, tx.From)
				assert.Equal(t, vault, tx.To)
				assert.Equal(t, uint64(25_000_000), tx.Amount)
				assert.Equal(t, uint64(10_000), tx.Fee)
				assert.Equal(t, memo, tx.Memo)
			} else {
				assert.True(t, strings.HasPrefix(tx.NotASend, tt.reason), "NotASend %q, want %q...", tx.NotASend, tt.reason)
				assert.Zero(t, tx.Amount, "only a plain send has an amount")
			}
			d := pokt.ClassifyDeposit(tx, rules)
			assert.Equal(t, tt.kind, d.Class, d.Reason)
			if tt.reason != "" && tt.code == 0 {
				assert.Contains(t, d.Reason, tt.reason)
			}
		})
	}
}

// TestAmountBeyondUint64: no account holds 2^64 upokt: a node saying so
// lies, and its answer is refused (the body's amount, an event's, a fee).
func TestAmountBeyondUint64(t *testing.T) {
	huge, ok := math.NewIntFromString("18446744073709551616")
	require.True(t, ok)
	alice, vault := recordedAlice, recordedVault
	big := sdk.Coin{Denom: pokt.DenomUpokt, Amount: huge}
	tests := []struct {
		name   string
		raw    []byte
		events []map[string]any
	}{
		{"body", txBytes(t, memo, 10_000, send(alice, vault, big)), transferEvents(alice, vault, "18446744073709551616upokt")},
		{"event", txBytes(t, memo, 10_000, send(alice, vault, upokt(5))), transferEvents(alice, vault, "18446744073709551616upokt")},
		{"fee", feeOf(t, big, send(alice, vault, upokt(5))), transferEvents(alice, vault, "5upokt")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := decodeBuilt(t, tt.raw, 0, tt.events)
			require.ErrorIs(t, err, pokt.ErrInvalidAmount)
			require.ErrorIs(t, err, pokt.ErrInvalidResponse)
			assert.Equal(t, pokt.Tx{}, tx)
		})
	}
	// The largest uint64 is still an amount.
	maxAmount := sdk.Coin{Denom: pokt.DenomUpokt, Amount: math.NewIntFromUint64(^uint64(0))}
	tx, err := decodeBuilt(t, txBytes(t, memo, 0, send(alice, vault, maxAmount)), 0, transferEvents(alice, vault, "18446744073709551615upokt"))
	require.NoError(t, err)
	assert.Equal(t, ^uint64(0), tx.Amount)
}

// feeOf is a tx paying fee.
func feeOf(t *testing.T, fee sdk.Coin, msg proto.Message) []byte {
	t.Helper()
	raw := txBytes(t, memo, 0, msg)
	var txRaw txRawAlias
	require.NoError(t, txRaw.Unmarshal(raw))
	txRaw.AuthInfoBytes = authInfoWithFee(t, fee)
	out, err := txRaw.Marshal()
	require.NoError(t, err)
	return out
}
