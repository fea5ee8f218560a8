package ethnet

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/wpokt/bridge/chains/eth/wpokt"
)

// Tx is a transaction for Send.
type Tx struct {
	To    *common.Address // nil creates a contract
	Data  []byte
	Value *big.Int
	// Gas 0 estimates it, failing the test if the call reverts; set it to
	// mine a transaction that reverts.
	Gas uint64
	// Nonce nil takes the sender's pending nonce.
	Nonce *uint64
	// Tip nil is 1 gwei; FeeCap nil is twice the head's base fee plus the tip.
	Tip, FeeCap *big.Int
}

// Send signs tx as from and sends it to the pool.
func (c *TestChain) Send(t testing.TB, from Account, tx Tx) *types.Transaction {
	t.Helper()
	signed, err := c.TrySend(from, tx)
	if err != nil {
		t.Fatalf("ethnet: send tx from %s: %v (revert %q)", from.Name, err, RevertName(err))
	}
	return signed
}

// TrySend is Send returning the error (e.g. an estimate that reverts, or a
// nonce the pool refuses).
func (c *TestChain) TrySend(from Account, tx Tx) (*types.Transaction, error) {
	ctx := context.Background()
	var nonce uint64
	if tx.Nonce != nil {
		nonce = *tx.Nonce
	} else {
		n, err := c.Client.PendingNonceAt(ctx, from.Address)
		if err != nil {
			return nil, err
		}
		nonce = n
	}
	tip := tx.Tip
	if tip == nil {
		tip = big.NewInt(Gwei)
	}
	feeCap := tx.FeeCap
	if feeCap == nil {
		head, err := c.Client.HeaderByNumber(ctx, nil)
		if err != nil {
			return nil, err
		}
		feeCap = new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip)
	}
	value := tx.Value
	if value == nil {
		value = new(big.Int)
	}
	gas := tx.Gas
	if gas == 0 {
		g, err := c.Client.EstimateGas(ctx, ethereum.CallMsg{From: from.Address, To: tx.To, Data: tx.Data, Value: value})
		if err != nil {
			return nil, err
		}
		gas = g * 3 / 2
	}
	signed, err := types.SignNewTx(from.Key, types.LatestSignerForChainID(c.ChainID), &types.DynamicFeeTx{
		ChainID:   c.ChainID,
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       gas,
		To:        tx.To,
		Value:     value,
		Data:      tx.Data,
	})
	if err != nil {
		return nil, err
	}
	// A tx that spends what the block just sealed brought may briefly
	// see the old balance.
	err = whilePoolLags(ctx, func() error { return c.Client.SendTransaction(ctx, signed) }, "insufficient funds")
	if err != nil {
		return nil, err
	}
	return signed, nil
}

// Mine seals one block and returns tx's receipt, failing the test if tx is
// not in it.
func (c *TestChain) Mine(t testing.TB, tx *types.Transaction) *types.Receipt {
	t.Helper()
	c.Commit(1)
	return c.Receipt(t, tx.Hash())
}

// Receipt returns the receipt of a mined transaction.
func (c *TestChain) Receipt(t testing.TB, hash common.Hash) *types.Receipt {
	t.Helper()
	r, err := c.Client.TransactionReceipt(context.Background(), hash)
	if err != nil {
		t.Fatalf("ethnet: receipt of %s: %v", hash, err)
	}
	return r
}

// MustSucceed fails the test unless r is a successful receipt.
func (c *TestChain) MustSucceed(t testing.TB, r *types.Receipt) *types.Receipt {
	t.Helper()
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("ethnet: tx %s reverted", r.TxHash)
	}
	return r
}

// Mint mints amount to `to` with nonce, as the minter, in a new block.
func (c *TestChain) Mint(t testing.TB, to common.Address, amount, nonce *big.Int) *types.Receipt {
	t.Helper()
	tx := c.Send(t, c.Minter, Tx{To: &c.WPOKT, Data: c.Token.PackMint(to, amount, nonce)})
	return c.MustSucceed(t, c.Mine(t, tx))
}

// Burn sends from's burnAndBridge(amount, pokt) to the pool (not mined).
func (c *TestChain) Burn(t testing.TB, from Account, amount *big.Int, pokt common.Address) *types.Transaction {
	t.Helper()
	return c.Send(t, from, Tx{To: &c.WPOKT, Data: c.Token.PackBurnAndBridge(amount, pokt)})
}

// MintAndBurn mints amount to from (with its next nonce) and burns it to
// pokt, in two new blocks; it returns the burn's receipt.
func (c *TestChain) MintAndBurn(t testing.TB, from Account, amount *big.Int, pokt common.Address) *types.Receipt {
	t.Helper()
	c.Mint(t, from.Address, amount, new(big.Int).Add(c.UserNonce(t, from.Address), big.NewInt(1)))
	return c.MustSucceed(t, c.Mine(t, c.Burn(t, from, amount, pokt)))
}

// UserNonce reads the contract's userNonce(a).
func (c *TestChain) UserNonce(t testing.TB, a common.Address) *big.Int {
	t.Helper()
	out := c.Call(t, c.Token.PackUserNonce(a))
	n, err := c.Token.UnpackUserNonce(out)
	if err != nil {
		t.Fatalf("ethnet: userNonce: %v", err)
	}
	return n
}

// Call runs an eth_call on the wPOKT contract at the head.
func (c *TestChain) Call(t testing.TB, data []byte) []byte {
	t.Helper()
	out, err := c.CallAs(common.Address{}, data)
	if err != nil {
		t.Fatalf("ethnet: call: %v", err)
	}
	return out
}

// CallAs runs an eth_call on the wPOKT contract from `from` at the head:
// use it with RevertName to see why a transaction would revert.
func (c *TestChain) CallAs(from common.Address, data []byte) ([]byte, error) {
	return c.Client.CallContract(context.Background(), ethereum.CallMsg{From: from, To: &c.WPOKT, Data: data}, nil)
}

// RevertName returns the name of the wPOKT custom error (e.g. "InvalidNonce",
// "EnforcedPause") that an RPC error carries, or "" if it carries none.
func RevertName(err error) string {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return ""
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return ""
	}
	data, derr := hexutil.Decode(s)
	if derr != nil || len(data) < 4 {
		return ""
	}
	for name, e := range wpokt.NewWrappedPocket().GetABI().Errors {
		if string(e.ID[:4]) == string(data[:4]) {
			return name
		}
	}
	return ""
}
