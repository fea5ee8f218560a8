package workers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wpokt/bridge/chains/eth"
)

// errPocketChainID: the Pocket RPC serves another chain than configured.
var errPocketChainID = errors.New("pocket chain id mismatch")

// mismatch tells a wrong answer (stop) from no answer (ask again).
func mismatch(err error) bool {
	return errors.Is(err, eth.ErrChainIDMismatch) || errors.Is(err, eth.ErrNoContract) || errors.Is(err, errPocketChainID)
}

// checkChains is what a node verifies of its RPCs before it scans or signs:
// that each serves the configured chain, that the wPOKT address holds the
// contract, and that the Pocket RPC knows the configured vault. A node
// pointed at the wrong chain must stop, not sign what it reads there.
func (n *Node) checkChains(ctx context.Context) error {
	var errs []error
	if err := n.eth.CheckChainID(ctx, n.cfg.Ethereum.ChainID); err != nil {
		errs = append(errs, fmt.Errorf("ethereum.chain_id: %w", err))
	}
	if err := n.eth.CheckContract(ctx); err != nil {
		errs = append(errs, fmt.Errorf("ethereum.wpokt_address: %w", err))
	}
	if id, err := n.pocket.ChainID(ctx); err != nil {
		errs = append(errs, fmt.Errorf("pocket.rpc_url: %w", err))
	} else if id != n.cfg.Pocket.ChainID {
		errs = append(errs, fmt.Errorf("pocket.chain_id: the RPC serves chain %q, the config says %q: %w", id, n.cfg.Pocket.ChainID, errPocketChainID))
	}
	if _, err := n.pocket.Balance(ctx, n.cfg.Pocket.VaultAddress); err != nil {
		errs = append(errs, fmt.Errorf("pocket.vault_address: read the vault's balance: %w", err))
	}
	return errors.Join(errs...)
}

// startupCheck runs checkChains when the node starts. An RPC that does not
// answer yet is asked again for a while (nodes and their RPCs restart
// together); a wrong answer stops the node at once.
func (n *Node) startupCheck(ctx context.Context) error {
	const attempts = 5
	wait := time.Second
	var err error
	for i := range attempts {
		ctx1, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = n.checkChains(ctx1)
		cancel()
		if err == nil || mismatch(err) || i == attempts-1 {
			break
		}
		n.logger.Warn("start-up check: an RPC did not answer; asking again", "error", err, "in", wait)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
	if err != nil {
		return fmt.Errorf("start-up check failed, the node does not start:\n%w", err)
	}
	return nil
}
