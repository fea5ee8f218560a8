package shannonnet

import (
	"context"
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	abci "github.com/cometbft/cometbft/abci/types"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/gogoproto/proto"
)

// The abci_query paths a Shannon node answers that the bridge uses: the
// SDK's gRPC method names, with protobuf request data and response value.
const (
	QueryAccountPath = "/cosmos.auth.v1beta1.Query/Account"
	QueryBalancePath = "/cosmos.bank.v1beta1.Query/Balance"

	baseAccountTypeURL   = "/cosmos.auth.v1beta1.BaseAccount"
	moduleAccountTypeURL = "/cosmos.auth.v1beta1.ModuleAccount"
)

// Query answers abci_query on the committed state. Errors come back as the
// SDK's baseapp returns them: a gRPC status message wrapped in an SDK code.
func (a *App) Query(_ context.Context, req *abci.RequestQuery) (*abci.ResponseQuery, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if req.Height != 0 && req.Height != a.height {
		return a.queryError(queryHeightError(req.Height, a.height)), nil
	}
	var (
		value []byte
		err   error
	)
	switch req.Path {
	case QueryAccountPath:
		value, err = a.queryAccount(req.Data)
	case QueryBalancePath:
		value, err = a.queryBalance(req.Data)
	default:
		err = errorsmod.Wrapf(sdkerrors.ErrUnknownRequest, "unknown query path %s", req.Path)
	}
	if err != nil {
		return a.queryError(err), nil
	}
	return &abci.ResponseQuery{Value: value, Height: a.height}, nil
}

func queryHeightError(want, have int64) error {
	if want > have {
		return errorsmod.Wrap(sdkerrors.ErrInvalidHeight, "cannot query with height in the future; please provide a valid height")
	}
	return errorsmod.Wrapf(sdkerrors.ErrInvalidRequest,
		"failed to load state at height %d; version does not exist (latest height: %d)", want, have)
}

func (a *App) queryError(err error) *abci.ResponseQuery {
	space, code, log := errorsmod.ABCIInfo(err, false)
	return &abci.ResponseQuery{Code: code, Codespace: space, Log: log, Height: a.height}
}

// grpcError is how baseapp turns a query handler's gRPC status into an SDK
// error: "rpc error: code = NotFound desc = ...: key not found".
func grpcError(base *errorsmod.Error, grpcCode, desc string) error {
	return errorsmod.Wrap(base, fmt.Sprintf("rpc error: code = %s desc = %s", grpcCode, desc))
}

func (a *App) queryAccount(data []byte) ([]byte, error) {
	var req authtypes.QueryAccountRequest
	if err := proto.Unmarshal(data, &req); err != nil {
		return nil, grpcError(sdkerrors.ErrInvalidRequest, "InvalidArgument", err.Error())
	}
	addr, err := DecodeAddress(req.Address)
	if err != nil {
		return nil, grpcError(sdkerrors.ErrInvalidRequest, "InvalidArgument", err.Error())
	}
	acc, ok := a.committed.accounts[string(addr)]
	if !ok {
		return nil, grpcError(sdkerrors.ErrKeyNotFound, "NotFound", fmt.Sprintf("account %s not found", req.Address))
	}
	anyAcc, err := accountAny(acc, req.Address)
	if err != nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrLogic, err.Error())
	}
	return proto.Marshal(&authtypes.QueryAccountResponse{Account: anyAcc})
}

// accountAny is the account as the auth module stores it: a BaseAccount,
// or a ModuleAccount around one for module accounts.
func accountAny(acc *account, address string) (*codectypes.Any, error) {
	base := &authtypes.BaseAccount{Address: address, AccountNumber: acc.number, Sequence: acc.sequence}
	if acc.pubKey != nil {
		pk, err := proto.Marshal(&secp256k1.PubKey{Key: acc.pubKey})
		if err != nil {
			return nil, fmt.Errorf("encode public key: %w", err)
		}
		base.PubKey = &codectypes.Any{TypeUrl: PubKeyTypeURL, Value: pk}
	}
	var (
		msg     proto.Message = base
		typeURL               = baseAccountTypeURL
	)
	if acc.module != "" {
		msg, typeURL = &authtypes.ModuleAccount{BaseAccount: base, Name: acc.module}, moduleAccountTypeURL
	}
	v, err := proto.Marshal(msg)
	if err != nil {
		return nil, fmt.Errorf("encode account: %w", err)
	}
	return &codectypes.Any{TypeUrl: typeURL, Value: v}, nil
}

func (a *App) queryBalance(data []byte) ([]byte, error) {
	var req banktypes.QueryBalanceRequest
	if err := proto.Unmarshal(data, &req); err != nil {
		return nil, grpcError(sdkerrors.ErrInvalidRequest, "InvalidArgument", err.Error())
	}
	addr, err := DecodeAddress(req.Address)
	if err != nil {
		return nil, grpcError(sdkerrors.ErrInvalidRequest, "InvalidArgument", err.Error())
	}
	if err := sdk.ValidateDenom(req.Denom); err != nil {
		return nil, grpcError(sdkerrors.ErrInvalidRequest, "InvalidArgument", err.Error())
	}
	amount := math.ZeroInt()
	if acc, ok := a.committed.accounts[string(addr)]; ok {
		amount = acc.coins.AmountOf(req.Denom)
	}
	coin := sdk.NewCoin(req.Denom, amount)
	return proto.Marshal(&banktypes.QueryBalanceResponse{Balance: &coin})
}
