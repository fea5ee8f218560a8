package shannonnet

import (
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"
)

// signAlice signs msgs from alice with the next sequence the node expects.
func signAlice(t *testing.T, c *Client, msgs ...*banktypes.MsgSend) []byte {
	t.Helper()
	acc := accountOf(t, c, alice.Address())
	b, err := Tx{Signer: alice, Msgs: msgs, Fee: UPOKT(10_000), AccountNumber: acc.Number, Sequence: acc.Sequence, ChainID: DefaultChainID}.Sign()
	require.NoError(t, err)
	return b
}

func deliver(t *testing.T, c *Client, tx []byte) []string {
	t.Helper()
	hash, err := c.Broadcast(testCtx(t), tx)
	require.NoError(t, err)
	res := waitTx(t, c, hash)
	require.Zero(t, res.TxResult.Code, res.TxResult.Log)
	allIndexed(t, res.TxResult.Events)
	return flat(res.TxResult.Events)
}

func TestTwoSendsInOneTx(t *testing.T) {
	_, c := startChain(t, Options{})
	a, v, b := alice.Address(), vault.Address(), bob.Address()
	tx := signAlice(t, c, MsgSend(a, v, UPOKT(25_000_000)), MsgSend(a, b, UPOKT(7)))
	events := deliver(t, c, tx)
	want := anteEvents(a, "10000upokt", 0, signatureOf(t, tx))
	want = append(want, sendMsgEvents(0, a, v, "25000000upokt")...)
	want = append(want, sendMsgEvents(1, a, b, "7upokt")...)
	require.Equal(t, want, events)
	require.EqualValues(t, 20_007, balance(t, c, b, Denom))
	require.Equal(t, Account{Number: 1, Sequence: 1}, accountOf(t, c, a), "one signer, one sequence")
}

func TestSecondSendFailingFailsTheWholeTx(t *testing.T) {
	_, c := startChain(t, Options{})
	a, v := alice.Address(), vault.Address()
	tx := signAlice(t, c, MsgSend(a, v, UPOKT(1_000)), MsgSend(a, v, UPOKT(aliceFunds)))
	hash, err := c.Broadcast(testCtx(t), tx)
	require.NoError(t, err)
	res := waitTx(t, c, hash)
	require.Equal(t, uint32(5), res.TxResult.Code)
	require.Contains(t, res.TxResult.Log, "failed to execute message; message index: 1: ")
	require.Zero(t, balance(t, c, v, Denom), "the first message's transfer is rolled back too")
	require.EqualValues(t, aliceFunds-10_000, balance(t, c, a, Denom))
}

func TestMultiCoinAndOtherDenomSends(t *testing.T) {
	_, c := startChain(t, Options{})
	a, v := alice.Address(), vault.Address()
	multi := sdk.NewCoins(sdk.NewInt64Coin("uother", 3), sdk.NewInt64Coin(Denom, 25_000_000))
	tx := signAlice(t, c, MsgSend(a, v, multi))
	events := deliver(t, c, tx)
	require.Equal(t, sendMsgEvents(0, a, v, "3uother,25000000upokt"), events[7:])

	tx = signAlice(t, c, MsgSend(a, v, coins(t, "40uother")))
	events = deliver(t, c, tx)
	require.Equal(t, sendMsgEvents(0, a, v, "40uother"), events[7:])
	require.EqualValues(t, 43, balance(t, c, v, "uother"))
	require.EqualValues(t, 25_000_000, balance(t, c, v, Denom))
	require.EqualValues(t, 5_000-43, balance(t, c, a, "uother"))
}

func TestSendToTheFeeCollectorFails(t *testing.T) {
	_, c := startChain(t, Options{})
	tx := signAlice(t, c, MsgSend(alice.Address(), FeeCollectorAddress(), UPOKT(5)))
	hash, err := c.Broadcast(testCtx(t), tx)
	require.NoError(t, err)
	res := waitTx(t, c, hash)
	require.Equal(t, uint32(4), res.TxResult.Code)
	require.Contains(t, res.TxResult.Log, "is not allowed to receive funds")
}

func TestSendOfAnotherAccountSignedByTheWrongKeyIsRefused(t *testing.T) {
	_, c := startChain(t, Options{})
	tx, err := Tx{
		Signer: alice, Msgs: []*banktypes.MsgSend{MsgSend(bob.Address(), vault.Address(), UPOKT(1))},
		Fee: UPOKT(10_000), AccountNumber: 2, ChainID: DefaultChainID,
	}.Sign()
	require.NoError(t, err)
	_, err = c.Broadcast(testCtx(t), tx)
	require.ErrorContains(t, err, "code 8", "alice's key cannot sign bob's send")
}
