package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/spf13/cobra"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/chains/eth/wpokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

func depositCmd(ep *endpoints) *cobra.Command {
	var from, amount, to, memo string
	var chainID uint64
	cmd := &cobra.Command{
		Use:   "deposit --from user-1 --amount 12.5 (--to 0xETH | --memo '...')",
		Short: "Send POKT from a devnet test user to the vault (a deposit to bridge)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			upokt, err := transfer.ParsePOKT(amount)
			if err != nil {
				return err
			}
			switch {
			case to != "" && memo != "":
				return errors.New("give --to or --memo, not both")
			case to != "":
				if !common.IsHexAddress(to) {
					return fmt.Errorf("--to %q is not an Ethereum address", to)
				}
				memo = fmt.Sprintf(`{"address":"%s","chain_id":"%d"}`, common.HexToAddress(to).Hex(), chainID)
			case memo == "":
				return errors.New("give --to (an Ethereum address) or --memo (any memo, to try bad ones)")
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			vault := ep.vault
			if vault == "" {
				vault = devnet.DefaultVault()
			}
			hash, err := devnet.SendPOKT(ctx, ep.pocketRPC, devnet.NewUser(from), vault, upokt, memo)
			if err != nil {
				return err
			}
			printf(cmd, "deposit %s\n  %s POKT from %s to the vault %s\n  memo %s\n  workflow %s\n  next: wpokt status %s\n",
				hash, transfer.FormatPOKT(upokt), from, vault, memo, transfer.MintWorkflowID(hash), hash)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "user-1", "devnet test user")
	cmd.Flags().StringVar(&amount, "amount", "", "POKT, e.g. 12.5")
	cmd.Flags().StringVar(&to, "to", "", "Ethereum address to mint wPOKT to")
	cmd.Flags().StringVar(&memo, "memo", "", "raw memo instead of --to")
	cmd.Flags().Uint64Var(&chainID, "chain-id", 1337, "Ethereum chain ID written in the memo")
	_ = cmd.MarkFlagRequired("amount")
	return cmd
}

func burnCmd(ep *endpoints) *cobra.Command {
	var from, amount, to string
	cmd := &cobra.Command{
		Use:   "burn --from user-1 --amount 3 --to <pocket address>",
		Short: "Burn a devnet test user's wPOKT to get POKT back on Pocket",
		RunE: func(cmd *cobra.Command, _ []string) error {
			upokt, err := transfer.ParsePOKT(amount)
			if err != nil {
				return err
			}
			poktTo := strings.TrimPrefix(strings.ToLower(to), "0x")
			if len(poktTo) != 40 || !common.IsHexAddress("0x"+poktTo) {
				return fmt.Errorf("--to %q is not a Pocket address (40 hex characters)", to)
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			hash, err := sendBurn(ctx, ep, devnet.NewUser(from), upokt, common.HexToAddress("0x"+poktTo))
			if err != nil {
				return err
			}
			printf(cmd, "burn %s\n  %s wPOKT from %s for %s\n  workflow %s\n  next: wpokt status %s\n",
				hash, transfer.FormatPOKT(upokt), from, poktTo, transfer.BurnWorkflowID(hash, 0), hash)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "user-1", "devnet test user")
	cmd.Flags().StringVar(&amount, "amount", "", "wPOKT, e.g. 3")
	cmd.Flags().StringVar(&to, "to", "", "Pocket address to receive the POKT")
	_ = cmd.MarkFlagRequired("amount")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// sendBurn sends burnAndBridge from a devnet user over the Ethereum RPC.
func sendBurn(ctx context.Context, ep *endpoints, u devnet.User, upokt uint64, poktTo common.Address) (string, error) {
	c, err := ethclient.DialContext(ctx, ep.ethRPC)
	if err != nil {
		return "", fmt.Errorf("dial ethereum: %w", err)
	}
	defer c.Close()
	contract := devnet.DefaultWPOKT()
	if ep.wpokt != "" {
		contract = common.HexToAddress(ep.wpokt)
	}
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return "", fmt.Errorf("chain id: %w", err)
	}
	nonce, err := c.PendingNonceAt(ctx, u.Eth.Address)
	if err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("head: %w", err)
	}
	tip := big.NewInt(1_000_000_000)
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	data := wpokt.NewWrappedPocket().PackBurnAndBridge(new(big.Int).SetUint64(upokt), poktTo)
	// A burn that reverts emits no BurnAndBridge log, so no transfer would
	// ever show up: say why now instead.
	if _, err := c.CallContract(ctx, ethereum.CallMsg{From: u.Eth.Address, To: &contract, Data: data}, nil); err != nil {
		return "", fmt.Errorf("burn %s wPOKT from %s would revert (does it hold that much wPOKT? is the contract paused?): %w",
			transfer.FormatPOKT(upokt), u.Name, err)
	}
	tx, err := types.SignNewTx(u.Eth.Key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 150_000, To: &contract, Data: data,
	})
	if err != nil {
		return "", err
	}
	if err := c.SendTransaction(ctx, tx); err != nil {
		return "", fmt.Errorf("send burn: %w", err)
	}
	return tx.Hash().Hex(), nil
}

func statusCmd(ep *endpoints) *cobra.Command {
	return &cobra.Command{
		Use:   "status <source tx hash>",
		Short: "A transfer's status, signers, Copper order, destination tx and reason",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, cancel := ep.context(cmd)
			defer cancel()
			s, err := store.Connect(ctx, ep.mongoURI, ep.database, 10*time.Second)
			if err != nil {
				return err
			}
			defer s.Close(context.Background())
			docs, err := s.BySourceTx(ctx, args[0])
			if err != nil {
				return err
			}
			tc, terr := client.Dial(client.Options{HostPort: ep.temporal, Namespace: ep.namespace, Logger: quiet{}})
			if terr == nil {
				defer tc.Close()
			}
			if len(docs) == 0 {
				// Not projected yet: the workflow may still know it.
				for _, id := range []string{transfer.MintWorkflowID(args[0]), transfer.BurnWorkflowID(args[0], 0)} {
					if terr == nil {
						if st, err := queryState(ctx, tc, id); err == nil {
							printState(cmd, st)
							return nil
						}
					}
				}
				return fmt.Errorf("no transfer with source tx %s (yet)", args[0])
			}
			for _, doc := range docs {
				printDocument(cmd, doc)
				if terr == nil {
					if st, err := queryState(ctx, tc, doc.TransferID); err == nil && (st.Status != doc.Status || st.Reason != doc.Reason) {
						printf(cmd, "  workflow now   %s: %s\n", st.Status, st.Reason)
					}
					if !doc.Status.Final() {
						if how, ok := endedByHand(ctx, tc, doc.TransferID); ok {
							printf(cmd, "  workflow       %s; the projection keeps its last status\n", how)
						}
					}
				}
			}
			return nil
		},
	}
}

// endedByHand says how a transfer's workflow ended when it did not end by
// itself (terminated, cancelled, failed, timed out): such a transfer never
// wrote a final status.
func endedByHand(ctx context.Context, c client.Client, workflowID string) (string, bool) {
	iter := c.GetWorkflowHistory(ctx, workflowID, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
	if !iter.HasNext() {
		return "", false
	}
	e, err := iter.Next()
	if err != nil {
		return "", false
	}
	switch {
	case e.GetWorkflowExecutionTerminatedEventAttributes() != nil:
		a := e.GetWorkflowExecutionTerminatedEventAttributes()
		return fmt.Sprintf("TERMINATED by %s: %s", orUnknown(a.GetIdentity()), a.GetReason()), true
	case e.GetWorkflowExecutionCanceledEventAttributes() != nil:
		return "CANCELED", true
	case e.GetWorkflowExecutionFailedEventAttributes() != nil:
		return "FAILED: " + e.GetWorkflowExecutionFailedEventAttributes().GetFailure().GetMessage(), true
	case e.GetWorkflowExecutionTimedOutEventAttributes() != nil:
		return "TIMED OUT", true
	}
	return "", false
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func queryState(ctx context.Context, c client.Client, workflowID string) (transfer.State, error) {
	var st transfer.State
	v, err := c.QueryWorkflow(ctx, workflowID, "", transfer.QueryState)
	if err != nil {
		return st, err
	}
	return st, v.Get(&st)
}

func printDocument(cmd *cobra.Command, d store.Document) {
	printf(cmd, "%s  %s\n", d.TransferID, strings.ToUpper(string(d.Status)))
	printf(cmd, "  reason         %s\n", d.Reason)
	printf(cmd, "  source tx      %s (height %d, %d confirmations)\n", d.SourceTxHash, d.SourceHeight, d.Confirmations)
	printf(cmd, "  from -> to     %s -> %s\n", d.Sender, d.Recipient)
	printf(cmd, "  amount         %s POKT (pays %s)\n", d.Amount, d.PayAmount)
	if d.OrderID != "" {
		printf(cmd, "  copper order   %s (%s)\n", d.OrderID, d.OrderKind)
	}
	if d.Nonce != 0 {
		printf(cmd, "  mint nonce     %d\n", d.Nonce)
	}
	printf(cmd, "  signers        %d: %s\n", len(d.Signers), strings.Join(d.Signers, ", "))
	for _, r := range d.Refusals {
		printf(cmd, "  refused by     %s: %s\n", r.NodeID, r.Reason)
	}
	if d.DestTxHash != "" {
		printf(cmd, "  destination tx %s\n", d.DestTxHash)
	}
	printf(cmd, "  seen by        %s\n", strings.Join(d.SeenBy, ", "))
	printf(cmd, "  updated        %s\n", d.UpdatedAt.Format(time.RFC3339))
}

func printState(cmd *cobra.Command, st transfer.State) {
	printDocument(cmd, store.NewDocument(st))
}

func listCmd(ep *endpoints) *cobra.Command {
	var status string
	var limit int64
	cmd := &cobra.Command{
		Use:   "list [--status held]",
		Short: "List transfers from the projection, newest first",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if status != "" && !transfer.Status(status).Valid() {
				return fmt.Errorf("--status %q: want one of %v", status, transfer.AllStatuses)
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			s, err := store.Connect(ctx, ep.mongoURI, ep.database, 10*time.Second)
			if err != nil {
				return err
			}
			defer s.Close(context.Background())
			docs, err := s.List(ctx, transfer.Status(status), limit)
			if err != nil {
				return err
			}
			for _, d := range docs {
				printf(cmd, "%-10s %-12s %14s POKT  %s  %s\n", d.Status, d.Collection, d.Amount, d.TransferID, d.Reason)
			}
			printf(cmd, "%d transfers\n", len(docs))
			return nil
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "only this status")
	cmd.Flags().Int64Var(&limit, "limit", 50, "at most this many per collection")
	return cmd
}

// quiet drops the Temporal SDK's logs.
type quiet struct{}

func (quiet) Debug(string, ...any) {}
func (quiet) Info(string, ...any)  {}
func (quiet) Warn(string, ...any)  {}
func (quiet) Error(string, ...any) {}
