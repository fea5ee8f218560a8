package eth

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/wpokt/bridge/chains/eth/wpokt"
)

// DeployWPOKT sends the transaction that creates the wPOKT contract, with
// admin holding DEFAULT_ADMIN_ROLE and PAUSER_ROLE and minter MINTER_ROLE (the
// Copper vault's Ethereum address). It returns the contract's address and the
// creation transaction; the contract exists once that is mined. Used by the
// devnet and the tests.
func DeployWPOKT(ctx context.Context, backend bind.ContractBackend, auth *bind.TransactOpts, admin, minter common.Address) (common.Address, *types.Transaction, error) {
	if auth == nil {
		return common.Address{}, nil, fmt.Errorf("deploy wpokt: %w: no transact options", ErrInvalidArgument)
	}
	if admin == (common.Address{}) || minter == (common.Address{}) {
		return common.Address{}, nil, fmt.Errorf("deploy wpokt: %w: zero admin or minter address", ErrInvalidArgument)
	}
	opts := *auth
	opts.Context = ctx
	token := wpokt.NewWrappedPocket()
	addr, tx, err := bind.DeployContract(&opts, common.FromHex(wpokt.WrappedPocketMetaData.Bin), backend, token.PackConstructor(admin, minter))
	if err != nil {
		return common.Address{}, nil, fmt.Errorf("deploy wpokt: %w", err)
	}
	return addr, tx, nil
}
