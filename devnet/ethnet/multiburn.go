package ethnet

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// DeployMultiBurner deploys the test-only MultiBurner contract and mints it
// supply wPOKT to burn; it returns the contract's address.
func (c *TestChain) DeployMultiBurner(t testing.TB, supply *big.Int) common.Address {
	t.Helper()
	tx := c.Send(t, c.Admin, Tx{Data: common.FromHex(MultiBurnerMetaData.Bin)})
	r := c.MustSucceed(t, c.Mine(t, tx))
	c.Mint(t, r.ContractAddress, supply, new(big.Int).Add(c.UserNonce(t, r.ContractAddress), big.NewInt(1)))
	return r.ContractAddress
}

// BurnMany sends, as from, one transaction in which the MultiBurner at
// burner burns each of amounts to pokt, each burn preceded by a look-alike
// BurnAndBridge log of the MultiBurner itself (not mined).
func (c *TestChain) BurnMany(t testing.TB, from Account, burner common.Address, amounts []*big.Int, pokt common.Address) *types.Transaction {
	t.Helper()
	return c.Send(t, from, Tx{To: &burner, Data: NewMultiBurner().PackBurnMany(c.WPOKT, amounts, pokt)})
}
