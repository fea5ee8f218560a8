package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

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
