package shannonnet

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	ctypes "github.com/cometbft/cometbft/rpc/core/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"
)

// Test users, funded at genesis by startChain.
var (
	alice = NewKey("alice")
	bob   = NewKey("bob")
	vault = NewKey("vault")
)

const aliceFunds = 1_000_000_000

// startChain starts a chain where alice holds aliceFunds upokt and 5,000
// "uother", and bob 20,000 upokt (enough for one fee).
func startChain(t *testing.T, opts Options) (*Chain, *Client) {
	t.Helper()
	if opts.Accounts == nil {
		opts.Accounts = []GenesisAccount{
			{Address: alice.Address(), Balance: aliceFunds, Extra: coins(t, "5000uother")},
			{Address: bob.Address(), Balance: 20_000},
		}
	}
	if opts.TimeoutCommit == 0 {
		opts.TimeoutCommit = 50 * time.Millisecond // tests wait less; the devnet keeps 200 ms
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	began := time.Now()
	chain, err := Start(ctx, opts)
	require.NoError(t, err)
	t.Logf("chain started in %v at %s", time.Since(began), chain.RPCURL())
	t.Cleanup(func() { require.NoError(t, chain.Close()) })
	client, err := Dial(chain.RPCURL())
	require.NoError(t, err)
	return chain, client
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// waitTx waits for a tx to be in a block.
func waitTx(t *testing.T, c *Client, hash string) *ctypes.ResultTx {
	t.Helper()
	res, err := c.WaitTx(testCtx(t), hash)
	require.NoError(t, err)
	return res
}

// flat renders events as "type{k=v,k=v}" lines, so that tests can state
// the exact expected list.
func flat(events []abci.Event) []string {
	out := make([]string, 0, len(events))
	for _, e := range events {
		kv := make([]string, 0, len(e.Attributes))
		for _, a := range e.Attributes {
			kv = append(kv, a.Key+"="+a.Value)
		}
		out = append(out, e.Type+"{"+strings.Join(kv, ",")+"}")
	}
	return out
}

// anteEvents is what the SDK's ante handler emits for a one-signer tx:
// literal strings, not this package's builders, so the test checks them.
func anteEvents(payer, fee string, seq uint64, sig []byte) []string {
	fc := FeeCollectorAddress()
	return []string{
		"coin_spent{spender=" + payer + ",amount=" + fee + "}",
		"coin_received{receiver=" + fc + ",amount=" + fee + "}",
		"transfer{recipient=" + fc + ",sender=" + payer + ",amount=" + fee + "}",
		"message{sender=" + payer + "}",
		"tx{fee=" + fee + ",fee_payer=" + payer + "}",
		fmt.Sprintf("tx{acc_seq=%s/%d}", payer, seq),
		"tx{signature=" + base64.StdEncoding.EncodeToString(sig) + "}",
	}
}

// sendMsgEvents is one MsgSend's events at message index i.
func sendMsgEvents(i int, from, to, amount string) []string {
	idx := fmt.Sprintf(",msg_index=%d}", i)
	return []string{
		"message{action=/cosmos.bank.v1beta1.MsgSend,sender=" + from + ",module=bank" + idx,
		"coin_spent{spender=" + from + ",amount=" + amount + idx,
		"coin_received{receiver=" + to + ",amount=" + amount + idx,
		"transfer{recipient=" + to + ",sender=" + from + ",amount=" + amount + idx,
		"message{sender=" + from + idx,
	}
}

func allIndexed(t *testing.T, events []abci.Event) {
	t.Helper()
	for _, e := range events {
		for _, a := range e.Attributes {
			require.True(t, a.Index, "%s.%s not indexed", e.Type, a.Key)
		}
	}
}

func coins(t *testing.T, s string) sdk.Coins {
	t.Helper()
	c, err := sdk.ParseCoinsNormalized(s)
	require.NoError(t, err)
	return c
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	require.NoError(t, err)
	return b
}
