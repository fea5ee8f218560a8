package main

import (
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/starters"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

func invariantCmd(ep *endpoints) *cobra.Command {
	var fee, outside uint64
	cmd := &cobra.Command{
		Use:   "invariant",
		Short: "Check the books: POKT in the vault == wPOKT supply - minted outside + kept + in flight + top-ups - fees the vault paid",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, cancel := ep.context(cmd)
			defer cancel()
			vault, err := pokt.NormalizeAddress(ep.vault)
			if err != nil {
				return fmt.Errorf("--vault: %w", err)
			}
			if !common.IsHexAddress(ep.wpokt) {
				return fmt.Errorf("--wpokt-address %q is not an Ethereum address", ep.wpokt)
			}
			contract := common.HexToAddress(ep.wpokt)
			pc, err := protocol.Dial(protocol.Config{Protocol: pokt.Protocol(ep.pocketProtocol), URL: ep.pocketRPC, Timeout: 10 * time.Second})
			if err != nil {
				return err
			}
			ec, err := eth.Dial(ctx, ep.ethRPC, eth.Options{WPOKTAddress: contract})
			if err != nil {
				return err
			}
			defer ec.Close()
			s, err := store.Connect(ctx, ep.mongoURI, ep.database, 10*time.Second)
			if err != nil {
				return err
			}
			defer s.Close(context.Background())

			var b store.Balances
			if b.VaultUpokt, err = pc.Balance(ctx, vault); err != nil {
				return fmt.Errorf("vault balance: %w", err)
			}
			supply, err := ec.TotalSupply(ctx)
			if err != nil {
				return fmt.Errorf("wpokt supply: %w", err)
			}
			if !supply.IsUint64() {
				return fmt.Errorf("wpokt supply %s out of range", supply)
			}
			b.SupplyUpokt, b.MintedOutsideUpokt = supply.Uint64(), outside
			if b.Books, err = s.Books(ctx, fee); err != nil {
				return err
			}
			printf(cmd, "vault          %s POKT\nwPOKT supply   %s (of which minted outside the bridge, as told: %s)\nkept           %s (invalid deposits)\nin flight      %d upokt\ntop-ups        %s\nfees paid      %s\nfailed         %d transfers after funds moved\n",
				transfer.FormatPOKT(b.VaultUpokt), transfer.FormatPOKT(b.SupplyUpokt), transfer.FormatPOKT(outside), transfer.FormatPOKT(b.HeldUpokt), b.PendingUpokt,
				transfer.FormatPOKT(b.TopUpsUpokt), transfer.FormatPOKT(b.FeesUpokt), b.Failed)
			if err := b.Check(); err != nil {
				return err
			}
			printf(cmd, "ok: the books balance\n")
			return nil
		},
	}
	cmd.Flags().Uint64Var(&fee, "fee", 10_000, "Pocket network fee of one payout from the vault, in upokt (pocket.fee_upokt)")
	cmd.Flags().Uint64Var(&outside, "minted-outside", 0, "wPOKT known to have been minted outside the bridge (an incident being settled, RUNBOOK), in upokt")
	return cmd
}

func rescanCmd(ep *endpoints) *cobra.Command {
	var node, chain string
	var from int64
	var force bool
	cmd := &cobra.Command{
		Use:   "rescan --node node-3 --chain eth --from N",
		Short: "Move a node's scanner cursor back so that it scans again from height N",
		Long: `Moves a node's durable cursor back; its scanner picks the new position up when it next
writes its own (within node's cursor save interval, 5 s) and scans again from there.
A re-scan is safe: every transfer maps to one workflow ID that can never run twice, and a
transfer Temporal has forgotten (retention) is stopped by its record in the projection and by
Copper's externalOrderId. Moving a cursor forward skips transfers, so it needs --force.`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if chain != starters.ChainEthereum && chain != starters.ChainPocket {
				return fmt.Errorf("--chain %q: want %s or %s", chain, starters.ChainEthereum, starters.ChainPocket)
			}
			if from < 0 {
				return fmt.Errorf("--from %d: must not be negative", from)
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			s, err := store.Connect(ctx, ep.mongoURI, ep.database, 10*time.Second)
			if err != nil {
				return err
			}
			defer s.Close(context.Background())
			cur, found, err := s.Cursor(ctx, node, chain)
			if err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("node %s has no %s cursor (a typo in --node, or a node that never ran)", node, chain)
			}
			if from-1 > cur && !force {
				return fmt.Errorf("node %s scanned %s up to %d: moving to %d would skip blocks (use --force)", node, chain, cur, from)
			}
			if err := s.SaveCursor(ctx, node, chain, from-1); err != nil {
				return err
			}
			printf(cmd, "node %s will re-scan %s from %d (cursor was %d)\n", node, chain, from, cur)
			return nil
		},
	}
	cmd.Flags().StringVar(&node, "node", "", "node ID")
	cmd.Flags().StringVar(&chain, "chain", "", "eth or pokt")
	cmd.Flags().Int64Var(&from, "from", 0, "first height to scan again")
	cmd.Flags().BoolVar(&force, "force", false, "allow moving the cursor forward")
	_ = cmd.MarkFlagRequired("node")
	_ = cmd.MarkFlagRequired("chain")
	_ = cmd.MarkFlagRequired("from")
	return cmd
}
