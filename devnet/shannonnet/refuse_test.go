package shannonnet

import (
	"errors"
	"strings"
	"testing"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"
)

// aliceSend is a signed 1 POKT send from alice (account 1) with tweaks.
func aliceSend(t *testing.T, tweak func(*Tx)) []byte {
	t.Helper()
	tx := Tx{
		Signer: alice, Msgs: []*banktypes.MsgSend{MsgSend(alice.Address(), vault.Address(), UPOKT(1_000_000))},
		Fee: UPOKT(10_000), AccountNumber: 1, Sequence: 0, ChainID: DefaultChainID,
	}
	if tweak != nil {
		tweak(&tx)
	}
	b, err := tx.Sign()
	require.NoError(t, err)
	return b
}

func TestCheckTxRefusalsCarryTheSDKCodes(t *testing.T) {
	_, c := startChain(t, Options{})
	cases := []struct {
		name  string
		tweak func(*Tx)
		code  uint32
		log   string
	}{
		{"bad signature", func(tx *Tx) { tx.BadSignature = true }, 4,
			"signature verification failed; please verify account number (1), sequence (0) and chain-id (pocket): unauthorized"},
		{"wrong sequence", func(tx *Tx) { tx.Sequence = 3 }, 32,
			"account sequence mismatch, expected 0, got 3: incorrect account sequence"},
		{"wrong account number", func(tx *Tx) { tx.AccountNumber = 7 }, 4, "signature verification failed"},
		{"wrong chain id", func(tx *Tx) { tx.ChainID = "pocket-lego-testnet" }, 4, "signature verification failed"},
		{"signed by another key", func(tx *Tx) { tx.Signer = bob }, 8,
			"pubKey does not match signer address " + alice.Address() + " with signer index: 0: invalid pubkey"},
		{"fee beyond the balance", func(tx *Tx) { tx.Fee = UPOKT(aliceFunds + 1) }, 5,
			"spendable balance 1000000000upokt is smaller than 1000000001upokt: insufficient funds: insufficient funds"},
		{"memo over 256 bytes", func(tx *Tx) { tx.Memo = strings.Repeat("m", 257) }, 12,
			"maximum number of characters is 256 but received 257 characters: memo too large"},
		{"gas limit below the tx's size", func(tx *Tx) { tx.GasLimit = 100 }, 11, "out of gas"},
		{"zero amount", func(tx *Tx) { tx.Msgs[0].Amount = nil }, 10, "invalid coins"},
		{"recipient not bech32 pokt", func(tx *Tx) { tx.Msgs[0].ToAddress = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu" }, 7,
			"invalid to address"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Broadcast(testCtx(t), aliceSend(t, tc.tweak))
			var txErr *TxError
			require.True(t, errors.As(err, &txErr), "want a refusal, got %v", err)
			require.Equal(t, tc.code, txErr.Code, txErr.Log)
			require.Equal(t, "sdk", txErr.Codespace)
			require.Contains(t, txErr.Log, tc.log)
		})
	}
	// None of them moved anything or used a sequence.
	acc, err := c.Account(testCtx(t), alice.Address())
	require.NoError(t, err)
	require.Equal(t, Account{Number: 1, Sequence: 0}, acc)
	bal, err := c.Balance(testCtx(t), alice.Address(), Denom)
	require.NoError(t, err)
	require.EqualValues(t, aliceFunds, bal)
}

func TestMemoOfExactly256BytesIsAccepted(t *testing.T) {
	_, c := startChain(t, Options{})
	hash, err := c.Broadcast(testCtx(t), aliceSend(t, func(tx *Tx) { tx.Memo = strings.Repeat("m", 256) }))
	require.NoError(t, err)
	require.Zero(t, waitTx(t, c, hash).TxResult.Code)
}

func TestUnknownSignerIsRefused(t *testing.T) {
	_, c := startChain(t, Options{})
	nobody := NewKey("nobody")
	tx, err := Tx{
		Signer: nobody, Msgs: []*banktypes.MsgSend{MsgSend(nobody.Address(), vault.Address(), UPOKT(1))},
		Fee: UPOKT(10_000), ChainID: DefaultChainID,
	}.Sign()
	require.NoError(t, err)
	_, err = c.Broadcast(testCtx(t), tx)
	var txErr *TxError
	require.True(t, errors.As(err, &txErr), "want a refusal, got %v", err)
	require.Equal(t, uint32(9), txErr.Code)
	require.Contains(t, txErr.Log, "fee payer address: "+nobody.Address()+" does not exist")
}

func TestMinFeeIsAMempoolRule(t *testing.T) {
	_, c := startChain(t, Options{MinFee: 10_000})
	_, err := c.Broadcast(testCtx(t), aliceSend(t, func(tx *Tx) { tx.Fee = UPOKT(9_999) }))
	var txErr *TxError
	require.True(t, errors.As(err, &txErr), "want a refusal, got %v", err)
	require.Equal(t, uint32(13), txErr.Code)
	require.Equal(t, "insufficient fees; got: 9999upokt required: 10000upokt: insufficient fee", txErr.Log)
	hash, err := c.Broadcast(testCtx(t), aliceSend(t, nil))
	require.NoError(t, err)
	require.Zero(t, waitTx(t, c, hash).TxResult.Code)
}
