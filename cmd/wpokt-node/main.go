// Command wpokt-node runs one wPOKT validator node: its scanners, its
// Temporal workers (the shared queue and its own signer queue) and its
// metrics/health endpoint. It opens no other port.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

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
	var healthAddr string
	health := &cobra.Command{
		Use:   "healthcheck",
		Short: "Ask a running node's /healthz (for container health checks); exit 1 when unhealthy",
		RunE: func(cmd *cobra.Command, _ []string) error {
			addr := healthAddr
			if addr == "" {
				cfg, err := config.Load(configPath)
				if err != nil {
					return err
				}
				addr = cfg.Node.MetricsAddress
			}
			if addr == "" {
				return errors.New("no metrics address: give --address or a config with node.metrics_address")
			}
			client := &http.Client{Timeout: 10 * time.Second}
			resp, err := client.Get("http://" + addr + "/healthz")
			if err != nil {
				return fmt.Errorf("healthz: %w", err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
			fmt.Fprint(cmd.OutOrStdout(), string(body))
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("unhealthy (HTTP %d)", resp.StatusCode)
			}
			return nil
		},
	}
	health.Flags().StringVar(&healthAddr, "address", "", "the node's metrics address (default: node.metrics_address of --config)")
	cmd.AddCommand(run, check, health, keygenCmd(), releaseCmd(&configPath), ledgerCmd(&configPath))
	cmd.SetContext(context.Background())
	return cmd
}
