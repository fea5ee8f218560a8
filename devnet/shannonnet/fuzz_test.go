package shannonnet

import (
	"context"
	"testing"

	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"
)

// supply sums a denom over all accounts of a state.
func supply(s *state, denom string) math.Int {
	total := math.ZeroInt()
	for _, a := range s.accounts {
		total = total.Add(a.coins.AmountOf(denom))
	}
	return total
}

// Whatever bytes a peer or a user sends, the app must not panic (the node
// runs in the test's or the devnet's process) and must not create or lose
// coins.
func FuzzTxBytes(f *testing.F) {
	a, v := alice.Address(), vault.Address()
	for _, tx := range []Tx{
		{Msgs: []*banktypes.MsgSend{MsgSend(a, v, UPOKT(25))}},
		{Msgs: []*banktypes.MsgSend{MsgSend(a, v, UPOKT(25)), MsgSend(a, bob.Address(), UPOKT(aliceFunds))}},
		{Msgs: []*banktypes.MsgSend{MsgSend(a, v, UPOKT(25).Add(UPOKT(1)...))}, Memo: "memo"},
		{Msgs: []*banktypes.MsgSend{MsgSend(a, v, UPOKT(25))}, BadSignature: true},
	} {
		tx.Signer, tx.Fee, tx.AccountNumber, tx.ChainID = alice, UPOKT(10_000), 1, DefaultChainID
		b, err := tx.Sign()
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		app := newTestApp(t)
		ctx := context.Background()
		_, err := app.CheckTx(ctx, &abci.RequestCheckTx{Tx: b})
		require.NoError(t, err)
		res, err := app.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{b, b}})
		require.NoError(t, err)
		require.Len(t, res.TxResults, 2)
		require.Equal(t, math.NewInt(aliceFunds), supply(app.deliver, Denom))
		if res.TxResults[0].Code == 0 {
			require.NotZero(t, res.TxResults[1].Code, "the same tx twice reuses a sequence")
		}
	})
}
