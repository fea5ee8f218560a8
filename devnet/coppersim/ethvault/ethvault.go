// Package ethvault executes the simulator's smart-call orders for real: it
// sends the order's payload from the vault's Ethereum account (a private key
// the devnet holds) to the contract and waits for the receipt. It implements
// coppersim.EthExecutor and lives apart so that the simulator's own tests do
// not link go-ethereum.
package ethvault

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// Backend is the part of an Ethereum client the executor uses
// (*ethclient.Client and the simulated backend's client satisfy it).
type Backend interface {
	ChainID(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
}

// Config configures an Executor.
type Config struct {
	Backend Backend
	Key     *ecdsa.PrivateKey // the vault's Ethereum account
	// GasLimit, if set, skips estimation (a reverting call is then mined and fails).
	GasLimit uint64
	// MinTipCap is the least priority fee offered (default 1 gwei: a lower
	// tip may sit in the pool forever).
	MinTipCap    *big.Int
	PollInterval time.Duration // receipt polling (default 100 ms)
}

// Executor sends contract calls from the vault account. Safe for concurrent use.
type Executor struct {
	cfg  Config
	from common.Address
	mu   sync.Mutex // serialises nonce assignment
}

// New checks cfg and returns an executor.
func New(cfg Config) (*Executor, error) {
	if cfg.Backend == nil || cfg.Key == nil {
		return nil, errors.New("ethvault: backend and key are required")
	}
	if cfg.MinTipCap == nil {
		cfg.MinTipCap = big.NewInt(1_000_000_000)
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 100 * time.Millisecond
	}
	return &Executor{cfg: cfg, from: crypto.PubkeyToAddress(cfg.Key.PublicKey)}, nil
}

// Address is the vault's Ethereum account.
func (e *Executor) Address() common.Address { return e.from }

// ExecuteContractCall implements coppersim.EthExecutor: it sends payload to
// the contract at to, waits for the receipt and fails if the call reverts
// (at estimation, or on chain, in which case the tx hash is returned too).
func (e *Executor) ExecuteContractCall(ctx context.Context, to string, payload []byte) (string, error) {
	if !common.IsHexAddress(to) {
		return "", fmt.Errorf("ethvault: invalid contract address %q", to)
	}
	contract := common.HexToAddress(to)
	tx, err := e.send(ctx, contract, payload)
	if err != nil {
		return "", err
	}
	hash := tx.Hash().Hex()
	rcpt, err := e.waitReceipt(ctx, tx.Hash())
	if err != nil {
		return hash, err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return hash, fmt.Errorf("ethvault: call to %s reverted in block %s (tx %s)", contract.Hex(), rcpt.BlockNumber, hash)
	}
	return hash, nil
}

func (e *Executor) send(ctx context.Context, to common.Address, data []byte) (*types.Transaction, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	b := e.cfg.Backend
	chainID, err := b.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("ethvault: chain id: %w", err)
	}
	gas := e.cfg.GasLimit
	if gas == 0 {
		est, err := b.EstimateGas(ctx, ethereum.CallMsg{From: e.from, To: &to, Data: data})
		if err != nil {
			return nil, fmt.Errorf("ethvault: call to %s would fail: %w", to.Hex(), err)
		}
		gas = est + est/5
	}
	head, err := b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("ethvault: latest header: %w", err)
	}
	tip, err := b.SuggestGasTipCap(ctx)
	if err != nil || tip.Cmp(e.cfg.MinTipCap) < 0 {
		tip = new(big.Int).Set(e.cfg.MinTipCap)
	}
	feeCap := new(big.Int).Set(tip)
	if head.BaseFee != nil {
		feeCap.Add(feeCap, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	}
	nonce, err := b.PendingNonceAt(ctx, e.from)
	if err != nil {
		return nil, fmt.Errorf("ethvault: nonce: %w", err)
	}
	tx, err := types.SignNewTx(e.cfg.Key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas, To: &to, Data: data,
	})
	if err != nil {
		return nil, fmt.Errorf("ethvault: sign: %w", err)
	}
	if err := b.SendTransaction(ctx, tx); err != nil {
		return nil, fmt.Errorf("ethvault: send: %w", err)
	}
	return tx, nil
}

func (e *Executor) waitReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	t := time.NewTicker(e.cfg.PollInterval)
	defer t.Stop()
	for {
		// Not found yet, or a transient RPC error: keep waiting until the context ends.
		if r, err := e.cfg.Backend.TransactionReceipt(ctx, hash); err == nil && r != nil {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("ethvault: tx %s: no receipt: %w", hash.Hex(), ctx.Err())
		case <-t.C:
		}
	}
}
