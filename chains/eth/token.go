package eth

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// Decimals of wPOKT, as of POKT.
const Decimals = 6

// Contract reads (eth_call on the latest block)

// CheckContract fails with ErrNoContract unless the wPOKT address holds
// contract code whose decimals() is Decimals.
func (c *Client) CheckContract(ctx context.Context) error {
	code, err := call(ctx, c, func(ctx context.Context) ([]byte, error) {
		return c.ec.CodeAt(ctx, c.addr, nil)
	})
	if err != nil {
		return fmt.Errorf("get code of %s: %w", c.addr, err)
	}
	if len(code) == 0 {
		return fmt.Errorf("check wpokt contract: %w %s", ErrNoContract, c.addr)
	}
	out, err := c.callToken(ctx, c.token.PackDecimals())
	if err != nil {
		return fmt.Errorf("call decimals: %w", err)
	}
	d, err := c.token.UnpackDecimals(out)
	if err != nil || len(out) != 32 {
		return fmt.Errorf("call decimals: %w: %d bytes", ErrBadResponse, len(out))
	}
	if d != Decimals {
		return fmt.Errorf("check wpokt contract: %w %s: decimals %d, want %d", ErrNoContract, c.addr, d, Decimals)
	}
	return nil
}

// UserNonce returns the last mint nonce of recipient (0 before its first
// mint); the next mint to recipient must carry UserNonce + 1.
func (c *Client) UserNonce(ctx context.Context, recipient common.Address) (*big.Int, error) {
	n, err := c.callUint256(ctx, c.token.PackUserNonce(recipient))
	if err != nil {
		return nil, fmt.Errorf("call userNonce(%s): %w", recipient, err)
	}
	return n, nil
}

// TotalSupply returns the wPOKT supply.
func (c *Client) TotalSupply(ctx context.Context) (*big.Int, error) {
	n, err := c.callUint256(ctx, c.token.PackTotalSupply())
	if err != nil {
		return nil, fmt.Errorf("call totalSupply: %w", err)
	}
	return n, nil
}

// BalanceOf returns the wPOKT balance of a.
func (c *Client) BalanceOf(ctx context.Context, a common.Address) (*big.Int, error) {
	n, err := c.callUint256(ctx, c.token.PackBalanceOf(a))
	if err != nil {
		return nil, fmt.Errorf("call balanceOf(%s): %w", a, err)
	}
	return n, nil
}

// callToken runs an eth_call on the wPOKT contract at the latest block.
// Empty output means no contract there.
func (c *Client) callToken(ctx context.Context, data []byte) ([]byte, error) {
	out, err := call(ctx, c, func(ctx context.Context) ([]byte, error) {
		return c.ec.CallContract(ctx, ethereum.CallMsg{To: &c.addr, Data: data}, nil)
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w %s: empty eth_call output", ErrNoContract, c.addr)
	}
	return out, nil
}

func (c *Client) callUint256(ctx context.Context, data []byte) (*big.Int, error) {
	out, err := c.callToken(ctx, data)
	if err != nil {
		return nil, err
	}
	if len(out) != 32 {
		return nil, fmt.Errorf("%w: %d bytes of output, want one uint256", ErrBadResponse, len(out))
	}
	return new(big.Int).SetBytes(out), nil
}
