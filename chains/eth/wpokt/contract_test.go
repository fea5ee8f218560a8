package wpokt_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth/wpokt"
	"github.com/wpokt/bridge/devnet/ethnet"
)

var poktAddr = common.HexToAddress("0x00000000000000000000000000000000000Af7e0")

// reverts checks that data sent by from reverts with the custom error want,
// both in eth_call and when mined anyway (status 0, no state change).
func reverts(t *testing.T, c *ethnet.TestChain, from ethnet.Account, data []byte, want string) {
	t.Helper()
	_, err := c.CallAs(from.Address, data)
	require.Error(t, err)
	assert.Equal(t, want, ethnet.RevertName(err), "revert of %v", err)

	supply := c.Call(t, c.Token.PackTotalSupply())
	tx := c.Send(t, from, ethnet.Tx{To: &c.WPOKT, Data: data, Gas: 300_000})
	r := c.Mine(t, tx)
	assert.Equal(t, types.ReceiptStatusFailed, r.Status)
	assert.Empty(t, r.Logs)
	assert.Equal(t, supply, c.Call(t, c.Token.PackTotalSupply()), "total supply changed by a reverted tx")
}

func balance(t *testing.T, c *ethnet.TestChain, a common.Address) *big.Int {
	t.Helper()
	b, err := c.Token.UnpackBalanceOf(c.Call(t, c.Token.PackBalanceOf(a)))
	require.NoError(t, err)
	return b
}

func totalSupply(t *testing.T, c *ethnet.TestChain) *big.Int {
	t.Helper()
	s, err := c.Token.UnpackTotalSupply(c.Call(t, c.Token.PackTotalSupply()))
	require.NoError(t, err)
	return s
}

func TestTokenMetadataAndRoles(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	name, err := c.Token.UnpackName(c.Call(t, c.Token.PackName()))
	require.NoError(t, err)
	symbol, err := c.Token.UnpackSymbol(c.Call(t, c.Token.PackSymbol()))
	require.NoError(t, err)
	decimals, err := c.Token.UnpackDecimals(c.Call(t, c.Token.PackDecimals()))
	require.NoError(t, err)
	assert.Equal(t, "Wrapped POKT", name)
	assert.Equal(t, "wPOKT", symbol)
	assert.Equal(t, uint8(6), decimals)

	minterRole, err := c.Token.UnpackMINTERROLE(c.Call(t, c.Token.PackMINTERROLE()))
	require.NoError(t, err)
	pauserRole, err := c.Token.UnpackPAUSERROLE(c.Call(t, c.Token.PackPAUSERROLE()))
	require.NoError(t, err)
	tests := []struct {
		role    [32]byte
		account common.Address
		want    bool
	}{
		{[32]byte{}, c.Admin.Address, true}, // DEFAULT_ADMIN_ROLE
		{pauserRole, c.Admin.Address, true},
		{minterRole, c.Minter.Address, true},
		{minterRole, c.Admin.Address, false},
		{[32]byte{}, c.Minter.Address, false},
		{pauserRole, c.Minter.Address, false},
	}
	for _, tt := range tests {
		got, err := c.Token.UnpackHasRole(c.Call(t, c.Token.PackHasRole(tt.role, tt.account)))
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "hasRole(%x, %s)", tt.role, tt.account)
	}
}

func TestConstructorRejectsZeroAddresses(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{NoContract: true})
	for _, args := range [][2]common.Address{
		{{}, c.Minter.Address},
		{c.Admin.Address, {}},
	} {
		input := append(common.FromHex(wpokt.WrappedPocketMetaData.Bin), c.Token.PackConstructor(args[0], args[1])...)
		_, err := c.TrySend(c.Admin, ethnet.Tx{Data: input})
		require.Error(t, err)
		assert.Equal(t, "ZeroAddress", ethnet.RevertName(err), "%v", err)
	}
}

func TestMintWithNextNonce(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0].Address

	for i, amount := range []int64{1_000_000, 2_500_000} {
		nonce := big.NewInt(int64(i + 1))
		r := c.Mint(t, user, big.NewInt(amount), nonce)

		var minted *wpokt.WrappedPocketMinted
		for _, l := range r.Logs {
			if ev, err := c.Token.UnpackMintedEvent(l); err == nil {
				minted = ev
			}
		}
		require.NotNil(t, minted, "no Minted event")
		assert.Equal(t, c.WPOKT, minted.Raw.Address)
		assert.Equal(t, user, minted.Recipient)
		assert.Equal(t, big.NewInt(amount), minted.Amount)
		assert.Equal(t, nonce, minted.Nonce)
		assert.Equal(t, nonce, c.UserNonce(t, user))
	}
	assert.Equal(t, big.NewInt(3_500_000), balance(t, c, user))
	assert.Equal(t, big.NewInt(3_500_000), totalSupply(t, c))
	// Nonces are per recipient.
	assert.Zero(t, c.UserNonce(t, c.Users[1].Address).Sign())
	c.Mint(t, c.Users[1].Address, big.NewInt(5), big.NewInt(1))
}

func TestMintRejects(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0].Address
	c.Mint(t, user, big.NewInt(100), big.NewInt(1))

	tests := []struct {
		name  string
		from  ethnet.Account
		to    common.Address
		nonce int64
		want  string
	}{
		{"reused nonce", c.Minter, user, 1, "InvalidNonce"},
		{"skipped nonce", c.Minter, user, 3, "InvalidNonce"},
		{"zero nonce", c.Minter, user, 0, "InvalidNonce"},
		{"first mint skips nonce 1", c.Minter, c.Users[1].Address, 2, "InvalidNonce"},
		{"admin is not minter", c.Admin, user, 2, "AccessControlUnauthorizedAccount"},
		{"user is not minter", c.Users[0], user, 2, "AccessControlUnauthorizedAccount"},
		{"zero recipient", c.Minter, common.Address{}, 1, "ZeroAddress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reverts(t, c, tt.from, c.Token.PackMint(tt.to, big.NewInt(100), big.NewInt(tt.nonce)), tt.want)
		})
	}
	t.Run("zero amount", func(t *testing.T) {
		reverts(t, c, c.Minter, c.Token.PackMint(user, big.NewInt(0), big.NewInt(2)), "ZeroAmount")
	})
	assert.Equal(t, big.NewInt(1), c.UserNonce(t, user))
	assert.Equal(t, big.NewInt(100), balance(t, c, user))
	// The right nonce still works after all that.
	c.Mint(t, user, big.NewInt(1), big.NewInt(2))
}

func TestBurnAndBridge(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	c.Mint(t, user.Address, big.NewInt(1_000_000), big.NewInt(1))

	r := c.MustSucceed(t, c.Mine(t, c.Burn(t, user, big.NewInt(400_000), poktAddr)))

	var burns []*types.Log
	for _, l := range r.Logs {
		if _, err := c.Token.UnpackBurnAndBridgeEvent(l); err == nil {
			burns = append(burns, l)
		}
	}
	require.Len(t, burns, 1)
	l := burns[0]
	assert.Equal(t, c.WPOKT, l.Address)
	require.Len(t, l.Topics, 4, "amount, poktAddress and from are all indexed")
	assert.Equal(t, c.Token.GetABI().Events["BurnAndBridge"].ID, l.Topics[0])
	assert.Equal(t, common.BigToHash(big.NewInt(400_000)), l.Topics[1])
	assert.Equal(t, common.BytesToHash(poktAddr.Bytes()), l.Topics[2])
	assert.Equal(t, common.BytesToHash(user.Address.Bytes()), l.Topics[3])
	assert.Empty(t, l.Data)
	ev, err := c.Token.UnpackBurnAndBridgeEvent(l)
	require.NoError(t, err)
	assert.Equal(t, big.NewInt(400_000), ev.Amount)
	assert.Equal(t, poktAddr, ev.PoktAddress)
	assert.Equal(t, user.Address, ev.From)

	assert.Equal(t, big.NewInt(600_000), balance(t, c, user.Address))
	assert.Equal(t, big.NewInt(600_000), totalSupply(t, c))

	tests := []struct {
		name   string
		amount int64
		pokt   common.Address
		want   string
	}{
		{"more than the balance", 600_001, poktAddr, "ERC20InsufficientBalance"},
		{"zero amount", 0, poktAddr, "ZeroAmount"},
		{"zero pokt address", 1, common.Address{}, "ZeroAddress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reverts(t, c, user, c.Token.PackBurnAndBridge(big.NewInt(tt.amount), tt.pokt), tt.want)
		})
	}
	assert.Equal(t, big.NewInt(600_000), balance(t, c, user.Address))
}

func TestPauseBlocksMintBurnAndTransfer(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0]
	c.Mint(t, user.Address, big.NewInt(1_000), big.NewInt(1))

	reverts(t, c, user, c.Token.PackPause(), "AccessControlUnauthorizedAccount")
	reverts(t, c, c.Minter, c.Token.PackPause(), "AccessControlUnauthorizedAccount")
	c.MustSucceed(t, c.Mine(t, c.Send(t, c.Admin, ethnet.Tx{To: &c.WPOKT, Data: c.Token.PackPause()})))
	paused, err := c.Token.UnpackPaused(c.Call(t, c.Token.PackPaused()))
	require.NoError(t, err)
	require.True(t, paused)

	tests := []struct {
		name string
		from ethnet.Account
		data []byte
	}{
		{"mint", c.Minter, c.Token.PackMint(user.Address, big.NewInt(1), big.NewInt(2))},
		{"burnAndBridge", user, c.Token.PackBurnAndBridge(big.NewInt(1), poktAddr)},
		{"transfer", user, c.Token.PackTransfer(c.Users[1].Address, big.NewInt(1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reverts(t, c, tt.from, tt.data, "EnforcedPause")
		})
	}
	reverts(t, c, user, c.Token.PackUnpause(), "AccessControlUnauthorizedAccount")

	c.MustSucceed(t, c.Mine(t, c.Send(t, c.Admin, ethnet.Tx{To: &c.WPOKT, Data: c.Token.PackUnpause()})))
	for _, tt := range tests {
		tx := c.Send(t, tt.from, ethnet.Tx{To: &c.WPOKT, Data: tt.data})
		c.MustSucceed(t, c.Mine(t, tx))
	}
	// 1,000 + 1 minted - 1 burnt - 1 sent.
	assert.Equal(t, big.NewInt(999), balance(t, c, user.Address))
	assert.Equal(t, big.NewInt(1), balance(t, c, c.Users[1].Address))
}

// TestDeployWithBindings checks that the generated v2 bindings deploy and
// call the contract through bind.
func TestDeployWithBindings(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	inst := c.Token.Instance(c.Client, c.WPOKT)
	got, err := bind.Call(inst, &bind.CallOpts{Context: context.Background()}, c.Token.PackDecimals(), c.Token.UnpackDecimals)
	require.NoError(t, err)
	assert.Equal(t, uint8(6), got)
}
