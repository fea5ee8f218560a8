package eth_test

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/devnet/ethnet"
)

func TestVerifyMinted(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{})
	user := c.Users[0].Address
	// The mint goes through the same payload as the Copper order carries.
	tx := c.Send(t, c.Minter, ethnet.Tx{To: &c.WPOKT, Data: eth.EncodeMintCall(user, big64(1_500_000), big64(1))})
	mint := c.MustSucceed(t, c.Mine(t, tx))
	c.Commit(2)
	// Mined although it reuses nonce 1: status 0.
	replay := c.Send(t, c.Minter, ethnet.Tx{To: &c.WPOKT, Data: eth.EncodeMintCall(user, big64(1_500_000), big64(1)), Gas: 200_000})
	c.Mine(t, replay)
	burn := c.MustSucceed(t, c.Mine(t, c.Burn(t, c.Users[0], big64(1), poktTo)))
	cl := c.DialHTTP(t, c.Options())

	check, err := cl.VerifyMinted(context.Background(), mint.TxHash, user, big64(1_500_000), big64(1))
	require.NoError(t, err)
	assert.Equal(t, &eth.MintCheck{
		TxHash:        mint.TxHash,
		BlockNumber:   mint.BlockNumber.Uint64(),
		BlockHash:     mint.BlockHash,
		LogIndex:      mint.Logs[len(mint.Logs)-1].Index,
		Confirmations: 5,
		Head:          mint.BlockNumber.Uint64() + 4,
	}, check)

	tests := []struct {
		name      string
		tx        common.Hash
		recipient common.Address
		amount    *big.Int
		nonce     *big.Int
		want      error
	}{
		{"other recipient", mint.TxHash, c.Users[1].Address, big64(1_500_000), big64(1), eth.ErrMintNotFound},
		{"other amount", mint.TxHash, user, big64(1_500_001), big64(1), eth.ErrMintNotFound},
		{"other nonce", mint.TxHash, user, big64(1_500_000), big64(2), eth.ErrMintNotFound},
		{"tx without mint", burn.TxHash, user, big64(1_500_000), big64(1), eth.ErrMintNotFound},
		{"reverted tx", replay.Hash(), user, big64(1_500_000), big64(1), eth.ErrTxFailed},
		{"unknown tx", common.HexToHash("0x01"), user, big64(1_500_000), big64(1), eth.ErrTxNotFound},
		{"nil amount", mint.TxHash, user, nil, big64(1), eth.ErrInvalidArgument},
		{"negative nonce", mint.TxHash, user, big64(1_500_000), big64(-1), eth.ErrInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check, err := cl.VerifyMinted(context.Background(), tt.tx, tt.recipient, tt.amount, tt.nonce)
			assert.ErrorIs(t, err, tt.want)
			assert.Nil(t, check)
			t.Log(err)
		})
	}
}

func TestDeployWPOKTRejects(t *testing.T) {
	c := ethnet.NewChain(t, ethnet.TestOptions{NoContract: true})
	a := c.Admin.Address
	tests := []struct {
		name          string
		admin, minter common.Address
		nilAuth       bool
	}{
		{"zero admin", common.Address{}, a, false},
		{"zero minter", a, common.Address{}, false},
		{"no transact options", a, a, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			auth := c.TransactOpts(c.Admin)
			if tt.nilAuth {
				auth = nil
			}
			_, _, err := eth.DeployWPOKT(context.Background(), c.Client, auth, tt.admin, tt.minter)
			assert.ErrorIs(t, err, eth.ErrInvalidArgument)
		})
	}
}
