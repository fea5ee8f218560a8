package shannonnet

import (
	"context"
	"fmt"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// Account is what a signer needs of an account.
type Account struct {
	Number   uint64
	Sequence uint64
}

// Account reads an account's number and sequence at the latest committed
// height; an address that never received anything is ErrAccountNotFound.
func (c *Client) Account(ctx context.Context, address string) (Account, error) {
	var resp authtypes.QueryAccountResponse
	err := c.query(ctx, QueryAccountPath, &authtypes.QueryAccountRequest{Address: address}, &resp)
	if err != nil {
		return Account{}, fmt.Errorf("query account %s: %w", address, err)
	}
	if resp.Account == nil {
		return Account{}, fmt.Errorf("query account %s: empty answer", address)
	}
	base, err := decodeAccount(resp.Account.TypeUrl, resp.Account.Value)
	if err != nil {
		return Account{}, fmt.Errorf("query account %s: %w", address, err)
	}
	return Account{Number: base.AccountNumber, Sequence: base.Sequence}, nil
}

func decodeAccount(typeURL string, value []byte) (*authtypes.BaseAccount, error) {
	switch typeURL {
	case baseAccountTypeURL:
		var a authtypes.BaseAccount
		if err := proto.Unmarshal(value, &a); err != nil {
			return nil, fmt.Errorf("decode %s: %w", typeURL, err)
		}
		return &a, nil
	case moduleAccountTypeURL:
		var m authtypes.ModuleAccount
		if err := proto.Unmarshal(value, &m); err != nil || m.BaseAccount == nil {
			return nil, fmt.Errorf("decode %s: %v", typeURL, err)
		}
		return m.BaseAccount, nil
	}
	return nil, fmt.Errorf("account type %s not supported", typeURL)
}

// Balance reads an address's balance in a denom (zero for an unknown
// address, as the bank module answers).
func (c *Client) Balance(ctx context.Context, address, denom string) (uint64, error) {
	var resp banktypes.QueryBalanceResponse
	err := c.query(ctx, QueryBalancePath, &banktypes.QueryBalanceRequest{Address: address, Denom: denom}, &resp)
	if err != nil {
		return 0, fmt.Errorf("query balance %s %s: %w", address, denom, err)
	}
	if resp.Balance == nil || resp.Balance.Amount.IsNil() {
		return 0, fmt.Errorf("query balance %s %s: empty answer", address, denom)
	}
	if !resp.Balance.Amount.IsUint64() {
		return 0, fmt.Errorf("query balance %s %s: %s does not fit in uint64", address, denom, resp.Balance.Amount)
	}
	return resp.Balance.Amount.Uint64(), nil
}

// query runs abci_query on a gRPC path with a protobuf request; a non-zero
// code is a *TxError-like error, code 22 (key not found) ErrAccountNotFound.
func (c *Client) query(ctx context.Context, path string, req, resp proto.Message) error {
	data, err := proto.Marshal(req)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	res, err := c.rpc.ABCIQuery(ctx, path, data)
	if err != nil {
		return fmt.Errorf("abci_query %s: %w", path, err)
	}
	r := res.Response
	if r.Code == sdkerrors.ErrKeyNotFound.ABCICode() && r.Codespace == sdkerrors.RootCodespace {
		return fmt.Errorf("%w: %s", ErrAccountNotFound, r.Log)
	}
	if r.Code != 0 {
		return fmt.Errorf("abci_query %s: code %d (%s): %s", path, r.Code, r.Codespace, r.Log)
	}
	if err := proto.Unmarshal(r.Value, resp); err != nil {
		return fmt.Errorf("decode %s answer: %w", path, err)
	}
	return nil
}
