package shannonnet_test

import (
	"context"
	"fmt"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/wpokt/bridge/devnet/shannonnet"
)

// The edge cases a deposit scanner must classify, built by hand. Each is
// broadcast with Client.Broadcast; the chain decides what happens to it.
func ExampleTx_Sign() {
	alice, vault := shannonnet.NewKey("alice"), shannonnet.NewKey("vault").Address()
	base := shannonnet.Tx{Signer: alice, Fee: shannonnet.UPOKT(10_000), AccountNumber: 1, Sequence: 0, ChainID: "pocket"}

	twoSends := base
	twoSends.Msgs = []*banktypes.MsgSend{
		shannonnet.MsgSend(alice.Address(), vault, shannonnet.UPOKT(25_000_000)),
		shannonnet.MsgSend(alice.Address(), vault, shannonnet.UPOKT(1_000)),
	}
	multiCoin := base
	multiCoin.Msgs = []*banktypes.MsgSend{shannonnet.MsgSend(alice.Address(), vault,
		sdk.NewCoins(sdk.NewInt64Coin("upokt", 25_000_000), sdk.NewInt64Coin("uother", 5)))}
	otherDenom := base
	otherDenom.Msgs = []*banktypes.MsgSend{shannonnet.MsgSend(alice.Address(), vault, sdk.NewCoins(sdk.NewInt64Coin("uother", 5)))}
	badSig := base
	badSig.Msgs = otherDenom.Msgs
	badSig.BadSignature = true // refused in CheckTx with code 4

	for _, tx := range []shannonnet.Tx{twoSends, multiCoin, otherDenom, badSig} {
		b, err := tx.Sign()
		fmt.Println(len(b) > 0, err)
	}
	// Output:
	// true <nil>
	// true <nil>
	// true <nil>
	// true <nil>
}

// A payout as the Copper simulator makes it: the vault's key, its account
// number and sequence read from the node, a fee, a memo.
func ExampleClient_Send() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	vault := shannonnet.NewKey("vault")
	chain, err := shannonnet.Start(ctx, shannonnet.Options{
		Accounts: []shannonnet.GenesisAccount{{Address: vault.Address(), Balance: 100_000_000}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer chain.Close()
	client, err := shannonnet.Dial(chain.RPCURL())
	if err != nil {
		fmt.Println(err)
		return
	}
	hash, err := client.Send(ctx, shannonnet.SendParams{
		From: vault, To: shannonnet.NewKey("user").Address(), Amount: 25_000_000, Fee: 10_000,
		Memo: "Burn: 0x0000000000000000000000000000000000000000000000000000000000000001",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := client.WaitTx(ctx, hash)
	fmt.Println(err, res.TxResult.Code)
	// Output: <nil> 0
}
