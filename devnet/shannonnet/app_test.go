package shannonnet

import (
	"context"
	"testing"

	abci "github.com/cometbft/cometbft/abci/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
)

// newTestApp is an App after InitChain, driven without a node.
func newTestApp(t *testing.T) *App {
	t.Helper()
	st, err := genesisAppState([]GenesisAccount{{Address: alice.Address(), Balance: aliceFunds}})
	require.NoError(t, err)
	a := NewApp(AppConfig{})
	_, err = a.InitChain(context.Background(), &abci.RequestInitChain{ChainId: DefaultChainID, AppStateBytes: st})
	require.NoError(t, err)
	return a
}

func aliceTx(t *testing.T, seq, amount uint64) []byte {
	t.Helper()
	b, err := Tx{
		Signer: alice, Msgs: []*banktypes.MsgSend{MsgSend(alice.Address(), vault.Address(), UPOKT(amount))},
		Fee: UPOKT(10_000), AccountNumber: 1, Sequence: seq, ChainID: DefaultChainID,
	}.Sign()
	require.NoError(t, err)
	return b
}

func checkCode(t *testing.T, a *App, tx []byte) uint32 {
	t.Helper()
	res, err := a.CheckTx(context.Background(), &abci.RequestCheckTx{Tx: tx, Type: abci.CheckTxType_New})
	require.NoError(t, err)
	return res.Code
}

func vaultBalance(t *testing.T, a *App) (uint64, int64) {
	t.Helper()
	data, err := proto.Marshal(&banktypes.QueryBalanceRequest{Address: vault.Address(), Denom: Denom})
	require.NoError(t, err)
	res, err := a.Query(context.Background(), &abci.RequestQuery{Path: QueryBalancePath, Data: data})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	var resp banktypes.QueryBalanceResponse
	require.NoError(t, proto.Unmarshal(res.Value, &resp))
	return resp.Balance.Amount.Uint64(), res.Height
}

// The mempool's view counts admitted txs, so an account's next tx needs the
// next sequence before the first is in a block; Commit resets the view.
func TestCheckStateCountsTheMempool(t *testing.T) {
	a := newTestApp(t)
	require.Zero(t, checkCode(t, a, aliceTx(t, 0, 1)))
	require.Zero(t, checkCode(t, a, aliceTx(t, 1, 1)))
	require.Equal(t, uint32(32), checkCode(t, a, aliceTx(t, 0, 2)), "sequence 0 is taken in the mempool")

	// Only the first is in the block; after Commit, the second is valid
	// again on recheck and a new sequence-0 tx is not.
	ctx := context.Background()
	_, err := a.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{aliceTx(t, 0, 1)}})
	require.NoError(t, err)
	_, err = a.Commit(ctx, &abci.RequestCommit{})
	require.NoError(t, err)
	require.Zero(t, checkCode(t, a, aliceTx(t, 1, 1)))
	require.Equal(t, uint32(32), checkCode(t, a, aliceTx(t, 0, 3)))
}

func TestQueriesSeeOnlyCommittedBlocks(t *testing.T) {
	a := newTestApp(t)
	ctx := context.Background()
	res, err := a.FinalizeBlock(ctx, &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{aliceTx(t, 0, 700)}})
	require.NoError(t, err)
	require.Zero(t, res.TxResults[0].Code, res.TxResults[0].Log)
	bal, height := vaultBalance(t, a)
	require.Zero(t, bal, "finalized but not committed")
	require.Zero(t, height)
	_, err = a.Commit(ctx, &abci.RequestCommit{})
	require.NoError(t, err)
	bal, height = vaultBalance(t, a)
	require.EqualValues(t, 700, bal)
	require.EqualValues(t, 1, height)
}

// Same blocks, same app hash (CometBFT compares it on replay); another tx,
// another hash.
func TestAppHashIsDeterministic(t *testing.T) {
	run := func(amount uint64) []byte {
		a := newTestApp(t)
		res, err := a.FinalizeBlock(context.Background(), &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{aliceTx(t, 0, amount)}})
		require.NoError(t, err)
		return res.AppHash
	}
	require.Equal(t, run(5), run(5))
	require.NotEqual(t, run(5), run(6))
}

func TestUndecodableTxIsATxParseError(t *testing.T) {
	a := newTestApp(t)
	require.Equal(t, uint32(2), checkCode(t, a, []byte("not a tx")))
	res, err := a.FinalizeBlock(context.Background(), &abci.RequestFinalizeBlock{Height: 1, Txs: [][]byte{{0xff, 0x01}}})
	require.NoError(t, err)
	require.Equal(t, uint32(2), res.TxResults[0].Code)
	require.Equal(t, "sdk", res.TxResults[0].Codespace)
	require.Empty(t, res.TxResults[0].Events)
}
