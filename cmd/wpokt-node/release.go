package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/workers"
)

// releaseCmd is one node operator's release of a held transfer, signed with
// this node's reading key: the transfer moves once a threshold of node
// operators released it, each on their own node.
func releaseCmd(configPath *string) *cobra.Command {
	var workflowID, by, reason string
	cmd := &cobra.Command{
		Use:   "release --workflow-id mint-<hash> --by alice --reason 'checked with the sender'",
		Short: "Release a held transfer as this node's operator (it moves once a threshold of nodes released it)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(*configPath)
			if err != nil {
				return err
			}
			logger := workers.NewLogger(os.Stderr, cfg.Node)
			c, err := workers.DialTemporal(cmd.Context(), cfg.Temporal, logger, nil)
			if err != nil {
				return err
			}
			defer c.Close()
			if err := workers.Release(cmd.Context(), c, cfg, workflowID, by, reason); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "released %s on %s at %s\n", workflowID, cfg.Node.ID, time.Now().UTC().Format(time.RFC3339))
			return nil
		},
	}
	cmd.Flags().StringVar(&workflowID, "workflow-id", "", "the held transfer's workflow ID (mint-<hash> or burn-<hash>-<n>)")
	cmd.Flags().StringVar(&by, "by", "", "who releases it (for the record)")
	cmd.Flags().StringVar(&reason, "reason", "", "why (for the record)")
	for _, f := range []string{"workflow-id", "by", "reason"} {
		_ = cmd.MarkFlagRequired(f)
	}
	return cmd
}
