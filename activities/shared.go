package activities

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/chains/eth"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

// PocketChain is what the activities read of Pocket, through one node's RPC.
type PocketChain interface {
	Height(ctx context.Context) (int64, error)
	// HeightAtLeast may answer with a head the node read a moment ago when
	// that one is at least want (pokt.RecentHeads).
	HeightAtLeast(ctx context.Context, want int64) (int64, error)
	Tx(ctx context.Context, hash string) (*pokt.Tx, error)
}

// EthChain is what the activities read of Ethereum, through one node's RPC.
type EthChain interface {
	CheckBurn(ctx context.Context, txHash common.Hash, logPosition int) (*eth.BurnCheck, error)
	HeadNumber(ctx context.Context) (uint64, error)
	UserNonce(ctx context.Context, recipient common.Address) (*big.Int, error)
	VerifyMinted(ctx context.Context, txHash common.Hash, recipient common.Address, amount, nonce *big.Int) (*eth.MintCheck, error)
}

// Custody is the Copper Platform API.
type Custody interface {
	CreateOrder(ctx context.Context, req copper.OrderRequest) (*copper.Order, error)
	GetOrder(ctx context.Context, orderID string) (*copper.Order, error)
	FindOrderByExternalID(ctx context.Context, externalID string) (*copper.Order, error)
	ListOrdersByExternalID(ctx context.Context, externalID string) ([]copper.Order, error)
	StartSigning(ctx context.Context, orderID string) error
}

// Projection is the MongoDB projection.
type Projection interface {
	Project(ctx context.Context, st transfer.State) error
	Prior(ctx context.Context, workflowID string) (transfer.PriorRecord, error)
}

// Orchestrator is the part of the Temporal client the activities use, to
// reach the control workflow.
type Orchestrator interface {
	UpdateWithStartWorkflow(ctx context.Context, options client.UpdateWithStartWorkflowOptions) (client.WorkflowUpdateHandle, error)
	NewWithStartWorkflowOperation(options client.StartWorkflowOptions, workflow any, args ...any) client.WithStartWorkflowOperation
}

// Shared are the activities any node runs for any transfer: local ones
// inside the workflow task, AwaitOrder on the shared queue. Each is
// idempotent; the workflow states its timeout and retry policy.
type Shared struct {
	Rules    Rules
	Pocket   PocketChain
	Eth      EthChain
	Copper   Custody
	Store    Projection
	Temporal Orchestrator

	// reserving sends this node's reserve requests to the control
	// workflow, one update at a time.
	reserving reserveQueue
}

// ReadDeposit reads a Pocket deposit and classifies it by this node's
// rules. A tx the RPC does not know is reported as not found, not as an
// error: the workflow decides when that means it vanished.
// With ref.Wait it waits on this node for the deposit's confirmations.
func (a *Shared) ReadDeposit(ctx context.Context, ref transfer.DepositRef) (transfer.Reading, error) {
	reads := depositReads(a.Pocket, a.Rules, ref)
	return readConfirmed(ctx, ref.Wait, func() (transfer.Reading, error) { return reads.read(ctx) })
}

// ReadBurn reads a BurnAndBridge log from its tx's receipt and classifies
// it. A tx without a receipt (reorged out) is reported as not found.
// With ref.Wait it waits on this node for the burn's confirmations.
func (a *Shared) ReadBurn(ctx context.Context, ref transfer.BurnRef) (transfer.Reading, error) {
	reads := burnReads(a.Eth, a.Rules, ref)
	return readConfirmed(ctx, ref.Wait, func() (transfer.Reading, error) { return reads.read(ctx) })
}

// PriorRecord reads what the projection remembers of a transfer.
func (a *Shared) PriorRecord(ctx context.Context, ref transfer.TransferRef) (transfer.PriorRecord, error) {
	workflowID := ref.WorkflowID
	rec, err := a.Store.Prior(ctx, workflowID)
	if err != nil {
		return rec, fmt.Errorf("read prior record of %s: %w", workflowID, err)
	}
	return rec, nil
}

// FindOrder looks up the order of a transfer by its external ID.
func (a *Shared) FindOrder(ctx context.Context, ref transfer.TransferRef) (transfer.OrderRef, error) {
	externalID := ref.WorkflowID
	o, err := a.Copper.FindOrderByExternalID(ctx, externalID)
	if errors.Is(err, copper.ErrOrderNotFound) {
		return transfer.OrderRef{}, nil
	}
	if err != nil {
		return transfer.OrderRef{}, custodyError(fmt.Errorf("find order %s: %w", externalID, err))
	}
	spec, err := a.Rules.SpecOf(o)
	if err != nil {
		return transfer.OrderRef{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("the custody order already filed under %s is not one the bridge would make: %v", externalID, err), transfer.ErrorOrderMismatch, nil)
	}
	return orderRef(o, spec), nil
}

// CreateOrder creates the transfer's order (or finds the one a lost answer
// created), checks it pays exactly the spec, and starts its signing.
func (a *Shared) CreateOrder(ctx context.Context, spec transfer.OrderSpec) (transfer.OrderRef, error) {
	req, err := a.Rules.OrderRequest(spec)
	if err != nil {
		return transfer.OrderRef{}, temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorBadInput, nil)
	}
	o, err := a.Copper.CreateOrder(ctx, req)
	if err != nil {
		return transfer.OrderRef{}, custodyError(fmt.Errorf("create %s order %s: %w", spec.Kind, spec.ExternalID, err))
	}
	got, err := a.Rules.SpecOf(o)
	if err != nil {
		return transfer.OrderRef{}, temporal.NewNonRetryableApplicationError(fmt.Sprintf("order %s: %v", o.OrderID, err), transfer.ErrorOrderMismatch, nil)
	}
	if diffs := diffSpecs(spec, got); len(diffs) > 0 {
		return transfer.OrderRef{}, temporal.NewNonRetryableApplicationError(
			fmt.Sprintf("order %s does not match its transfer: %v", o.OrderID, diffs), transfer.ErrorOrderMismatch, nil)
	}
	if o.Status == copper.StatusNew || o.Status == copper.StatusWorking {
		if err := a.Copper.StartSigning(ctx, o.OrderID); err != nil && !errors.Is(err, copper.ErrConflict) {
			return transfer.OrderRef{}, custodyError(fmt.Errorf("start signing order %s: %w", o.OrderID, err))
		}
	}
	activity.GetLogger(ctx).Info("custody order ready", "order_id", o.OrderID, "external_id", spec.ExternalID)
	return orderRef(o, got), nil
}

func orderRef(o *copper.Order, spec transfer.OrderSpec) transfer.OrderRef {
	return transfer.OrderRef{OrderID: o.OrderID, Status: string(o.Status), Spec: spec, Found: true, NeedsSignatures: o.Status.NeedsSignatures()}
}

// AwaitOrder polls a custody order until it ends, heartbeating its status.
// A Copper error is retried at the next poll; the activity's own retry
// policy covers a worker that dies.
func (a *Shared) AwaitOrder(ctx context.Context, req transfer.AwaitOrderRequest) (transfer.AwaitOrderResult, error) {
	poll := req.PollInterval
	if poll <= 0 {
		poll = time.Second
	}
	logger := activity.GetLogger(ctx)
	for {
		o, err := a.Copper.GetOrder(ctx, req.OrderID)
		switch {
		case err == nil && o.Status.Terminal():
			res := transfer.AwaitOrderResult{OrderID: o.OrderID, Status: string(o.Status), Executed: o.Status.Executed(), TxHash: o.Extra.TransactionID}
			if !res.Executed {
				res.Reason = o.Extra.ErrorMessage
			} else if res.TxHash == "" {
				return res, temporal.NewNonRetryableApplicationError(fmt.Sprintf("order %s executed without a transaction id", o.OrderID), transfer.ErrorBadCustodyData, nil)
			}
			return res, nil
		case err == nil:
			activity.RecordHeartbeat(ctx, string(o.Status))
		case errors.Is(err, copper.ErrOrderNotFound):
			return transfer.AwaitOrderResult{}, temporal.NewNonRetryableApplicationError(fmt.Sprintf("order %s vanished from Copper", req.OrderID), transfer.ErrorBadCustodyData, nil)
		default:
			logger.Warn("poll custody order", "order_id", req.OrderID, "error", err)
			activity.RecordHeartbeat(ctx, "error: "+err.Error())
		}
		select {
		case <-ctx.Done():
			return transfer.AwaitOrderResult{}, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// VerifyDestination checks the executed order's tx on the destination
// chain: the Minted event for a mint, the vault's send for a return or
// refund. Not yet visible is retried; a mismatch is final.
func (a *Shared) VerifyDestination(ctx context.Context, req transfer.VerifyRequest) (transfer.VerifyResult, error) {
	spec := req.Spec
	if spec.Kind == transfer.OrderMint {
		if !isTxHash(req.TxHash) {
			return transfer.VerifyResult{}, mismatch("mint tx hash %q is not a hash", req.TxHash)
		}
		check, err := a.Eth.VerifyMinted(ctx, common.HexToHash(req.TxHash), common.HexToAddress(spec.Recipient),
			new(big.Int).SetUint64(spec.Amount), new(big.Int).SetUint64(spec.Nonce))
		switch {
		case errors.Is(err, eth.ErrTxNotFound):
			return transfer.VerifyResult{}, fmt.Errorf("mint tx %s not visible yet: %w", req.TxHash, err)
		case errors.Is(err, eth.ErrMintNotFound):
			return transfer.VerifyResult{}, mismatch("mint tx %s: %v", req.TxHash, err)
		case err != nil:
			return transfer.VerifyResult{}, fmt.Errorf("verify mint tx %s: %w", req.TxHash, err)
		}
		return transfer.VerifyResult{TxHash: req.TxHash, Height: int64(check.BlockNumber)}, nil
	}
	tx, err := a.Pocket.Tx(ctx, req.TxHash)
	if errors.Is(err, pokt.ErrInvalidHash) {
		return transfer.VerifyResult{}, mismatch("custody reported pocket tx %q: %v", req.TxHash, err)
	}
	if errors.Is(err, pokt.ErrTxNotFound) {
		return transfer.VerifyResult{}, fmt.Errorf("pocket tx %s not visible yet: %w", req.TxHash, err)
	}
	if err != nil {
		return transfer.VerifyResult{}, fmt.Errorf("verify pocket tx %s: %w", req.TxHash, err)
	}
	switch {
	case !tx.Success():
		return transfer.VerifyResult{}, mismatch("pocket tx %s failed with code %d", tx.Hash, tx.Code)
	case !strings.EqualFold(tx.From, a.Rules.Deposit.Vault):
		return transfer.VerifyResult{}, mismatch("pocket tx %s is from %s, not the vault", tx.Hash, tx.From)
	case tx.Memo != spec.Memo:
		// The memo ties the payout to this transfer: another send of the
		// same amount to the same address is not this one.
		return transfer.VerifyResult{}, mismatch("pocket tx %s has memo %q, not %q", tx.Hash, tx.Memo, spec.Memo)
	case tx.To != spec.Recipient:
		return transfer.VerifyResult{}, mismatch("pocket tx %s pays %s, not %s", tx.Hash, tx.To, spec.Recipient)
	case tx.Amount != spec.Amount:
		return transfer.VerifyResult{}, mismatch("pocket tx %s pays %d upokt, not %d", tx.Hash, tx.Amount, spec.Amount)
	}
	return transfer.VerifyResult{TxHash: tx.Hash, Height: tx.Height}, nil
}

// Project writes a transfer's state to the projection.
func (a *Shared) Project(ctx context.Context, st transfer.State) error {
	return a.Store.Project(ctx, st)
}

func mismatch(format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), transfer.ErrorDestinationMismatch, nil)
}

// custodyError makes a Copper error that retrying cannot fix (a refused
// request, an existing order that differs) non-retryable; the rest retry.
func custodyError(err error) error {
	if copper.IsRetryable(err) || errors.Is(err, copper.ErrOutcomeUnknown) {
		return err
	}
	var apiErr *copper.APIError
	if errors.Is(err, copper.ErrOrderMismatch) || errors.Is(err, copper.ErrDuplicateOrders) ||
		errors.Is(err, copper.ErrInvalidRequest) || (errors.As(err, &apiErr) && apiErr.Status == 400) {
		return temporal.NewNonRetryableApplicationError(err.Error(), transfer.ErrorCustodyRefused, nil)
	}
	return err
}

func isTxHash(s string) bool {
	return len(s) == 66 && (s[:2] == "0x" || s[:2] == "0X") && isHex(s[2:])
}

func isHex(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}
