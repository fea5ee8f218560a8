package shannonnet

import (
	"testing"

	rpcclient "github.com/cometbft/cometbft/rpc/client"
	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
)

func abciQuery(t *testing.T, c *Client, path string, req proto.Message, height int64) (uint32, string, []byte, int64) {
	t.Helper()
	data, err := proto.Marshal(req)
	require.NoError(t, err)
	res, err := c.RPC().ABCIQueryWithOptions(testCtx(t), path, data, rpcclient.ABCIQueryOptions{Height: height})
	require.NoError(t, err)
	r := res.Response
	return r.Code, r.Codespace, r.Value, r.Height
}

func TestAccountQueryAnswersTheSDKTypes(t *testing.T) {
	chain, c := startChain(t, Options{})
	hash, err := c.Send(testCtx(t), SendParams{From: alice, To: vault.Address(), Amount: 1, Fee: 10_000})
	require.NoError(t, err)
	waitTx(t, c, hash)

	code, _, value, height := abciQuery(t, c, QueryAccountPath, &authtypes.QueryAccountRequest{Address: alice.Address()}, 0)
	require.Zero(t, code)
	require.GreaterOrEqual(t, chain.Height(), height)
	var resp authtypes.QueryAccountResponse
	require.NoError(t, proto.Unmarshal(value, &resp))
	require.Equal(t, "/cosmos.auth.v1beta1.BaseAccount", resp.Account.TypeUrl)
	var base authtypes.BaseAccount
	require.NoError(t, proto.Unmarshal(resp.Account.Value, &base))
	require.Equal(t, alice.Address(), base.Address)
	require.EqualValues(t, 1, base.AccountNumber)
	require.EqualValues(t, 1, base.Sequence)
	require.Equal(t, "/cosmos.crypto.secp256k1.PubKey", base.PubKey.TypeUrl, "set by the first tx")
	var pk secp256k1.PubKey
	require.NoError(t, proto.Unmarshal(base.PubKey.Value, &pk))
	require.Equal(t, alice.PubKeyBytes(), pk.Key)

	code, _, value, _ = abciQuery(t, c, QueryAccountPath, &authtypes.QueryAccountRequest{Address: FeeCollectorAddress()}, 0)
	require.Zero(t, code)
	require.NoError(t, proto.Unmarshal(value, &resp))
	require.Equal(t, "/cosmos.auth.v1beta1.ModuleAccount", resp.Account.TypeUrl)
	var mod authtypes.ModuleAccount
	require.NoError(t, proto.Unmarshal(resp.Account.Value, &mod))
	require.Equal(t, "fee_collector", mod.Name)
}

func TestQueryRefusals(t *testing.T) {
	chain, c := startChain(t, Options{})
	cases := []struct {
		name   string
		path   string
		req    proto.Message
		height int64
		code   uint32
	}{
		{"unknown account", QueryAccountPath, &authtypes.QueryAccountRequest{Address: vault.Address()}, 0, 22},
		{"cosmos prefix", QueryAccountPath, &authtypes.QueryAccountRequest{Address: "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu"}, 0, 18},
		{"unknown path", "/cosmos.staking.v1beta1.Query/Validators", &authtypes.QueryAccountRequest{}, 0, 6},
		{"future height", QueryAccountPath, &authtypes.QueryAccountRequest{Address: alice.Address()}, chain.Height() + 1000, 26},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, space, _, _ := abciQuery(t, c, tc.path, tc.req, tc.height)
			require.Equal(t, tc.code, code)
			require.Equal(t, "sdk", space)
		})
	}
}

func TestFeeCollectorAddressIsTheSDKModuleAddress(t *testing.T) {
	// authtypes.NewModuleAddress, rendered with the pokt prefix.
	want := mustEncode(authtypes.NewModuleAddress(FeeCollectorName))
	require.Equal(t, want, FeeCollectorAddress())
}
