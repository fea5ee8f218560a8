package workers

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/transfer"
)

// Release sends this node operator's release of a held transfer: signed
// with the node's reading key, so that the workflow counts it as this
// node's and no one else's. A held transfer moves once a threshold of nodes
// released it (or after governor.release_after).
func Release(ctx context.Context, c client.Client, cfg *config.Config, workflowID, by, reason string) error {
	if by == "" || reason == "" {
		return fmt.Errorf("release %s: say who releases it and why", workflowID)
	}
	key, err := cfg.ReadingKeyPair()
	if err != nil {
		return fmt.Errorf("release %s: %w", workflowID, err)
	}
	rel := transfer.ReleaseSignal{NodeID: cfg.Node.ID, By: by, Reason: reason}.Sign(workflowID, key)
	if err := c.SignalWorkflow(ctx, workflowID, "", transfer.SignalRelease, rel); err != nil {
		return fmt.Errorf("signal the release of %s: %w", workflowID, err)
	}
	return nil
}
