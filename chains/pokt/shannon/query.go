package shannon

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/wpokt/bridge/chains/pokt"
)

// The SDK's gRPC query paths, as a Shannon node answers them over
// abci_query.
const (
	QueryBalancePath = "/cosmos.bank.v1beta1.Query/Balance"
	QueryAccountPath = "/cosmos.auth.v1beta1.Query/Account"
)

// ErrAccountNotFound: the node has no account at this address (it never
// received anything). Its balance is 0.
var ErrAccountNotFound = errors.New("account not found")

// QueryError is a query the node's application refused (code != 0).
type QueryError struct {
	Path      string
	Code      uint32
	Codespace string
	Log       string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("abci query %s: code %d codespace %q: %s", e.Path, e.Code, e.Codespace, e.Log)
}

// Is makes the SDK's "key not found" (codespace sdk, code 22) on an
// account query match ErrAccountNotFound.
func (e *QueryError) Is(target error) bool {
	return target == ErrAccountNotFound && e.Path == QueryAccountPath && e.Codespace == "sdk" && e.Code == 22
}

// Balance returns the address's (either form) latest balance in upokt; an
// account the node does not know has 0.
func (c *Client) Balance(ctx context.Context, address string) (uint64, error) {
	addr, err := queryAddress(address)
	if err != nil {
		return 0, fmt.Errorf("get balance: %w", err)
	}
	var res banktypes.QueryBalanceResponse
	if err := c.query(ctx, QueryBalancePath, &banktypes.QueryBalanceRequest{Address: addr, Denom: pokt.DenomUpokt}, &res); err != nil {
		return 0, fmt.Errorf("get balance of %s: %w", addr, err)
	}
	if res.Balance == nil || res.Balance.Denom != pokt.DenomUpokt {
		return 0, fmt.Errorf("get balance of %s: %w", addr, invalid(pokt.ErrInvalidDenom, "no upokt balance in the answer"))
	}
	amount, reason, err := upoktAmount(res.Balance.Amount, "balance")
	if err == nil && reason != "" {
		err = invalid(pokt.ErrInvalidAmount, "%s", reason)
	}
	if err != nil {
		return 0, fmt.Errorf("get balance of %s: %w", addr, err)
	}
	return amount, nil
}

// Account is what a signer needs of an account.
type Account struct {
	Address  string // bech32 pokt1…
	Number   uint64
	Sequence uint64
}

// Account returns the address's (either form) account number and sequence
// at the latest committed height; an unknown account is an error matching
// ErrAccountNotFound.
func (c *Client) Account(ctx context.Context, address string) (*Account, error) {
	addr, err := queryAddress(address)
	if err != nil {
		return nil, fmt.Errorf("get account: %w", err)
	}
	var res authtypes.QueryAccountResponse
	if err := c.query(ctx, QueryAccountPath, &authtypes.QueryAccountRequest{Address: addr}, &res); err != nil {
		return nil, fmt.Errorf("get account %s: %w", addr, err)
	}
	acc, err := decodeAccount(&res)
	if err != nil {
		return nil, fmt.Errorf("get account %s: %w", addr, err)
	}
	if acc.Address != addr {
		return nil, fmt.Errorf("get account %s: %w", addr, invalid(nil, "the node answered account %s", acc.Address))
	}
	return acc, nil
}

// decodeAccount reads a BaseAccount, or the BaseAccount in a ModuleAccount.
func decodeAccount(res *authtypes.QueryAccountResponse) (*Account, error) {
	if res.Account == nil {
		return nil, invalid(nil, "answer without an account")
	}
	var base *authtypes.BaseAccount
	switch url := res.Account.TypeUrl; url {
	case "/cosmos.auth.v1beta1.BaseAccount":
		base = new(authtypes.BaseAccount)
		if err := base.Unmarshal(res.Account.Value); err != nil {
			return nil, invalid(nil, "base account: %v", err)
		}
	case "/cosmos.auth.v1beta1.ModuleAccount":
		var m authtypes.ModuleAccount
		if err := m.Unmarshal(res.Account.Value); err != nil || m.BaseAccount == nil {
			return nil, invalid(nil, "module account without a base account")
		}
		base = m.BaseAccount
	default:
		return nil, invalid(nil, "account of type %q", truncate(url, 128))
	}
	addr, err := shannonAddress(base.Address)
	if err != nil {
		return nil, invalid(nil, "account address: %v", err)
	}
	return &Account{Address: addr, Number: base.AccountNumber, Sequence: base.Sequence}, nil
}

// query makes one abci_query of a gRPC path at the latest height.
func (c *Client) query(ctx context.Context, path string, req, res proto.Message) error {
	data, err := proto.Marshal(req)
	if err != nil {
		return fmt.Errorf("encode %s request: %w", path, err)
	}
	raw, err := c.call(ctx, "abci_query", map[string]any{
		"path": path, "data": hex.EncodeToString(data), "height": "0", "prove": false, // data is HexBytes: hex, not base64
	})
	if err != nil {
		return err
	}
	var w wireABCIQuery
	if err := unmarshalObject(raw, &w); err != nil {
		return fmt.Errorf("abci_query %s: %w", path, err)
	}
	if w.Response == nil {
		return fmt.Errorf("abci_query %s: %w", path, invalid(nil, "no response"))
	}
	code, err := parseUint32(w.Response.Code, "code")
	if err != nil {
		return fmt.Errorf("abci_query %s: %w", path, err)
	}
	if code != 0 {
		return &QueryError{Path: path, Code: code, Codespace: truncate(w.Response.Codespace, maxCodespaceLen), Log: truncate(w.Response.Log, 512)}
	}
	if err := proto.Unmarshal(w.Response.Value, res); err != nil {
		return fmt.Errorf("abci_query %s: %w", path, invalid(nil, "decode %T: %v", res, err))
	}
	return nil
}

// queryAddress renders an address (either form) as the node expects it.
func queryAddress(address string) (string, error) {
	a, err := pokt.ParseAddress(address)
	if err != nil {
		return "", err
	}
	return a.In(pokt.Shannon).String(), nil
}
