package workers

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/eth"
)

// ethNonces reads mint recipients' last nonces for the Pocket scanner's
// readings, on this node's own Ethereum RPC.
type ethNonces struct{ c *eth.Client }

func (e ethNonces) LastNonce(ctx context.Context, recipient string) (uint64, error) {
	if !common.IsHexAddress(recipient) {
		return 0, fmt.Errorf("mint nonce: %q is not an ethereum address", recipient)
	}
	n, err := e.c.UserNonce(ctx, common.HexToAddress(recipient))
	if err != nil {
		return 0, fmt.Errorf("mint nonce of %s: %w", recipient, err)
	}
	if !n.IsUint64() {
		return 0, fmt.Errorf("mint nonce of %s: %s is out of range", recipient, n)
	}
	return n.Uint64(), nil
}
