package shannonnet

import (
	"testing"

	txtypes "github.com/cosmos/cosmos-sdk/types/tx"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
)

// signatureOf reads the first signature of signed tx bytes.
func signatureOf(t *testing.T, tx []byte) []byte {
	t.Helper()
	var raw txtypes.TxRaw
	require.NoError(t, proto.Unmarshal(tx, &raw))
	return raw.Signatures[0]
}

func TestSendIsFoundByRecipientWithTheSDKEvents(t *testing.T) {
	_, c := startChain(t, Options{})
	ctx := testCtx(t)
	tx, err := Tx{
		Signer: alice, Msgs: []*banktypes.MsgSend{MsgSend(alice.Address(), vault.Address(), UPOKT(25_000_000))},
		Memo: `{"address":"0x0000000000000000000000000000000000000001","chain_id":"1"}`, Fee: UPOKT(10_000),
		AccountNumber: 1, Sequence: 0, ChainID: DefaultChainID,
	}.Sign()
	require.NoError(t, err)
	hash, err := c.Broadcast(ctx, tx)
	require.NoError(t, err)
	require.Equal(t, TxHash(tx), hash)

	res := waitTx(t, c, hash)
	require.Zero(t, res.TxResult.Code, res.TxResult.Log)
	want := append(anteEvents(alice.Address(), "10000upokt", 0, signatureOf(t, tx)),
		sendMsgEvents(0, alice.Address(), vault.Address(), "25000000upokt")...)
	require.Equal(t, want, flat(res.TxResult.Events))
	allIndexed(t, res.TxResult.Events)

	q := "transfer.recipient='" + vault.Address() + "' AND tx.height>=1"
	page, perPage := 1, 100
	found, err := c.RPC().TxSearch(ctx, q, false, &page, &perPage, "asc")
	require.NoError(t, err)
	require.Equal(t, 1, found.TotalCount)
	require.Equal(t, hash, found.Txs[0].Hash.String())
	require.Equal(t, res.Height, found.Txs[0].Height)
}
