// Command wpokt-node runs one wPOKT validator node: its scanners, its
// Temporal workers (the shared queue and its own signer queue) and its
// metrics/health endpoint. It opens no other port.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/workers"
)

// version is set at build time (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	if err := root().Execute(); err != nil {
		os.Exit(1)
	}
}

func root() *cobra.Command {
	var configPath string
	cmd := &cobra.Command{
		Use:           "wpokt-node",
		Short:         "Run a wPOKT bridge validator node",
		SilenceUsage:  true,
		SilenceErrors: false,
	}
	cmd.PersistentFlags().StringVar(&configPath, "config", "", "node config file (YAML); WPOKT_* environment variables override it")

	run := &cobra.Command{
		Use:   "run",
		Short: "Run the node until SIGINT or SIGTERM",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(configPath)
			if err != nil {
				return err
			}
			logger := workers.NewLogger(os.Stderr, cfg.Node)
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			node, err := workers.NewNode(ctx, cfg, workers.Options{Logger: logger, Version: version})
			if err != nil {
				return err
			}
			return node.Run(ctx)
		},
	}
	check := &cobra.Command{
		Use:   "check",
		Short: "Check the config, the RPC chain IDs, the contract, Copper credentials and the co-signer",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(configPath)
			if err != nil {
				return err
			}
			logger := workers.NewLogger(os.Stderr, cfg.Node)
			node, err := workers.NewNode(cmd.Context(), cfg, workers.Options{Logger: logger, Version: version})
			if err != nil {
				return err
			}
			if err := node.Check(cmd.Context()); err != nil {
				return fmt.Errorf("check failed:\n%w", err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), "ok: config, chains, contract and Copper credentials check out")
			return nil
		},
	}
	cmd.AddCommand(run, check)
	cmd.SetContext(context.Background())
	return cmd
}
