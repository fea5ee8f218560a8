package shannonnet

import (
	"testing"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"
)

func balance(t *testing.T, c *Client, addr, denom string) uint64 {
	t.Helper()
	b, err := c.Balance(testCtx(t), addr, denom)
	require.NoError(t, err)
	return b
}

func accountOf(t *testing.T, c *Client, addr string) Account {
	t.Helper()
	a, err := c.Account(testCtx(t), addr)
	require.NoError(t, err)
	return a
}

// search runs tx_search and returns the hashes found.
func search(t *testing.T, c *Client, q string) []string {
	t.Helper()
	page, perPage := 1, 100
	res, err := c.RPC().TxSearch(testCtx(t), q, false, &page, &perPage, "asc")
	require.NoError(t, err)
	var hashes []string
	for _, tx := range res.Txs {
		hashes = append(hashes, tx.Hash.String())
	}
	require.Len(t, hashes, res.TotalCount)
	return hashes
}

// Bob can pay the fee but not the amount: CheckTx (ante only) admits the
// tx, delivery fails it; the fee is paid and the sequence used, and only
// the ante's events remain, so a recipient scan never sees it.
func TestTxFailingAtDeliveryKeepsOnlyTheFeeEvents(t *testing.T) {
	_, c := startChain(t, Options{})
	tx, err := Tx{
		Signer: bob, Msgs: []*banktypes.MsgSend{MsgSend(bob.Address(), vault.Address(), UPOKT(25_000_000))},
		Fee: UPOKT(10_000), AccountNumber: 2, Sequence: 0, ChainID: DefaultChainID,
	}.Sign()
	require.NoError(t, err)
	hash, err := c.Broadcast(testCtx(t), tx)
	require.NoError(t, err, "CheckTx runs no messages, so it must admit the tx")

	res := waitTx(t, c, hash)
	require.Equal(t, uint32(5), res.TxResult.Code)
	require.Equal(t, "sdk", res.TxResult.Codespace)
	require.Equal(t, "failed to execute message; message index: 0: spendable balance 10000upokt is smaller than 25000000upokt: insufficient funds",
		res.TxResult.Log)
	require.Equal(t, anteEvents(bob.Address(), "10000upokt", 0, signatureOf(t, tx)), flat(res.TxResult.Events))

	require.Empty(t, search(t, c, "transfer.recipient='"+vault.Address()+"' AND tx.height>=1"))
	require.Equal(t, []string{hash}, search(t, c, "message.sender='"+bob.Address()+"'"), "the ante events are indexed")
	require.EqualValues(t, 10_000, balance(t, c, bob.Address(), Denom))
	require.EqualValues(t, 10_000, balance(t, c, FeeCollectorAddress(), Denom))
	require.Equal(t, Account{Number: 2, Sequence: 1}, accountOf(t, c, bob.Address()))
	require.Zero(t, balance(t, c, vault.Address(), Denom))
	_, err = c.Account(testCtx(t), vault.Address())
	require.ErrorIs(t, err, ErrAccountNotFound, "a failed send creates no recipient account")
}

func TestSendMovesAmountAndFeeAndCreatesTheRecipient(t *testing.T) {
	_, c := startChain(t, Options{})
	_, err := c.Account(testCtx(t), vault.Address())
	require.ErrorIs(t, err, ErrAccountNotFound)
	// Four sends back to back: the client counts the ones in the mempool,
	// so they need not wait for each other's block.
	var hashes []string
	for i := range 4 {
		hash, err := c.Send(testCtx(t), SendParams{From: alice, To: vault.Address(), Amount: 1_000_000, Fee: 10_000, Memo: "hi"})
		require.NoError(t, err, "send %d", i)
		hashes = append(hashes, hash)
	}
	for _, h := range hashes {
		require.Zero(t, waitTx(t, c, h).TxResult.Code)
	}

	require.EqualValues(t, aliceFunds-4*1_010_000, balance(t, c, alice.Address(), Denom))
	require.EqualValues(t, 4_000_000, balance(t, c, vault.Address(), Denom))
	require.EqualValues(t, 40_000, balance(t, c, FeeCollectorAddress(), Denom))
	require.Equal(t, Account{Number: 1, Sequence: 4}, accountOf(t, c, alice.Address()))
	require.Equal(t, Account{Number: 3, Sequence: 0}, accountOf(t, c, vault.Address()), "next account number after the genesis ones")
	require.Equal(t, Account{Number: 0, Sequence: 0}, accountOf(t, c, FeeCollectorAddress()))
	require.Len(t, search(t, c, "transfer.recipient='"+vault.Address()+"'"), 4)
	require.Len(t, search(t, c, "tx.acc_seq='"+alice.Address()+"/3'"), 1)
}
