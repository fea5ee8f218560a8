package nodetest

import (
	"context"
	"testing"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt/shannon"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

const (
	fee = 10_000
	// memo names the EIP-55 example address on Ethereum mainnet.
	memo        = `{"address":"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","chain_id":"1"}`
	checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
)

// net is one running chain with its accounts and clients.
type net struct {
	ctx          context.Context
	chain        *shannonnet.Chain
	wallet       *shannonnet.Client // talks to the node directly
	rec          *recorder          // the proxy the client under test talks through
	client       *shannon.Client
	alice, vault *shannonnet.Key
	poor         *shannonnet.Key // can pay a fee, not much more
}

func startNet(t testing.TB) *net { return startNetWith(t, shannonnet.Options{}) }

// startNetWith starts a chain with these options (its accounts are set here).
func startNetWith(t testing.TB, opts shannonnet.Options) *net {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	n := &net{ctx: ctx, alice: shannonnet.NewKey("alice"), vault: shannonnet.NewKey("vault"), poor: shannonnet.NewKey("poor")}
	opts.Accounts = []shannonnet.GenesisAccount{
		{Address: n.alice.Address(), Balance: 1_000_000_000, Extra: sdk.NewCoins(sdk.NewInt64Coin("uother", 1_000))},
		{Address: n.vault.Address(), Balance: 100_000_000},
		{Address: n.poor.Address(), Balance: 50_000},
	}
	chain, err := shannonnet.Start(ctx, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = chain.Close() })
	n.chain = chain
	n.wallet, err = shannonnet.Dial(chain.RPCURL())
	require.NoError(t, err)
	n.rec = newRecorder(t, chain.RPCURL())
	n.client, err = shannon.NewClient(n.rec.url, shannon.Options{Timeout: 5 * time.Second, PerPage: 2})
	require.NoError(t, err)
	return n
}

// deposit sends amount from alice to the vault and waits for its block.
func (n *net) deposit(t testing.TB, amount uint64, memo string) string {
	t.Helper()
	hash, err := n.wallet.Send(n.ctx, shannonnet.SendParams{From: n.alice, To: n.vault.Address(), Amount: amount, Fee: fee, Memo: memo})
	require.NoError(t, err)
	n.wait(t, hash)
	return hash
}

// wait waits until the tx is in a block, whatever its code, and the
// client's Height (the indexed head) has reached that block.
func (n *net) wait(t testing.TB, hash string) int64 {
	t.Helper()
	res, err := n.wallet.WaitTx(n.ctx, hash)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return n.head(t) >= res.Height }, 10*time.Second, 20*time.Millisecond)
	return res.Height
}

// signed builds and signs a tx of alice's with these sends, at her next
// sequence.
func (n *net) signed(t testing.TB, msgs ...*banktypes.MsgSend) []byte {
	t.Helper()
	acc, err := n.wallet.Account(n.ctx, n.alice.Address())
	require.NoError(t, err)
	raw, err := shannonnet.Tx{
		Signer: n.alice, Msgs: msgs, Fee: shannonnet.UPOKT(fee), Memo: memo,
		AccountNumber: acc.Number, Sequence: acc.Sequence, ChainID: n.chain.ChainID(),
	}.Sign()
	require.NoError(t, err)
	return raw
}

// head is the node's latest height as the client reads it.
func (n *net) head(t testing.TB) int64 {
	t.Helper()
	h, err := n.client.Height(n.ctx)
	require.NoError(t, err)
	return h
}
