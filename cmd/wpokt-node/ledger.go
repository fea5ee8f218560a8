package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/workers"
)

// ledgerCmd makes a node's signing ledger: the signer refuses to sign
// while it is missing or unreadable, and nothing else creates it.
func ledgerCmd(configPath *string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ledger",
		Short: "Make this node's signing ledger (node.ledger_path)",
	}
	initCmd := &cobra.Command{
		Use:   "init",
		Short: "Create an empty ledger for a fresh node that has never signed (an existing ledger is left alone)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(*configPath)
			if err != nil {
				return err
			}
			if err := workers.InitLedger(cfg); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "ok: empty ledger created at %s for %s\n", cfg.Node.LedgerPath, cfg.Node.ID)
			return nil
		},
	}
	rebuild := &cobra.Command{
		Use:   "rebuild",
		Short: "Rebuild the ledger from Copper's orders, each checked on this node's own RPCs (stop the node first)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load(*configPath)
			if err != nil {
				return err
			}
			rep, err := workers.RebuildLedger(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			for _, n := range rep.Notes {
				fmt.Fprintln(out, "note:", n)
			}
			fmt.Fprintf(out, "ok: ledger rebuilt at %s with %d records (%d notes above to review)\n", rep.Path, rep.Entries, len(rep.Notes))
			return nil
		},
	}
	cmd.AddCommand(initCmd, rebuild)
	return cmd
}
