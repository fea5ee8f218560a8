package activities

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/copper"
	"github.com/wpokt/bridge/transfer"
)

// CoSigner adds this node's partial signature to a Copper order (Copper
// Unlimited).
type CoSigner interface {
	Sign(ctx context.Context, order *copper.Order) error
}

// SignObserver hears every signature, every refusal (with a short,
// bounded reason class) and how long each signing took, for metrics.
type SignObserver interface {
	Signed()
	Refused(class string)
	// Alert hears a refusal that may be an attack (a second order for a
	// paid transfer, several live orders), for an alert metric.
	Alert(class string)
	ObserveSign(d time.Duration)
}

// Signer is one node's signing activity, run only on its own signer queue.
// It trusts neither the workflow, nor the database, nor another node: it
// re-reads the source tx from its own RPCs, rebuilds the order the transfer
// calls for with its own rules, and co-signs only if Copper's order is
// exactly that (DESIGN.md, rule 1).
type Signer struct {
	Rules    Rules
	Pocket   SignerPocket
	Eth      EthChain
	Copper   Custody
	CoSigner CoSigner
	// Ledger is this node's own record of what it signed; without a
	// usable one the node refuses to sign.
	Ledger   SignLedger
	Observer SignObserver
	Logger   *slog.Logger
	// ReadingKey signs this node's answers to source checks.
	ReadingKey ed25519.PrivateKey
	// Books, when set, is this node's accountant: no signature while the
	// chains' books do not balance.
	Books Books
	// Waits, when set, tells a transfer why this signer cannot sign yet.
	Waits WaitNotifier

	// payouts caches the vault's payouts read so far.
	payouts payouts
	// told is the last wait told to each transfer still waiting.
	told told
}

// Sign verifies a transfer and its order, then co-signs the order. While
// it cannot sign yet (an error that is not a refusal: the activity
// retries) it tells the transfer why, now and then.
func (s *Signer) Sign(ctx context.Context, req transfer.SignRequest) (transfer.SignResult, error) {
	res, err := s.sign(ctx, req)
	s.tellWait(ctx, req, err)
	return res, err
}

func (s *Signer) sign(ctx context.Context, req transfer.SignRequest) (transfer.SignResult, error) {
	if s.Observer != nil {
		defer func(start time.Time) { s.Observer.ObserveSign(time.Since(start)) }(time.Now())
	}
	if req.NodeID != s.Rules.NodeID {
		return transfer.SignResult{}, s.refuse(ctx, req, "misrouted", fmt.Sprintf("request for node %s reached node %s", req.NodeID, s.Rules.NodeID))
	}
	// A node without a usable ledger says so before anything else: it
	// cannot sign whatever the order.
	if err := s.ledgerUsable(ctx, req); err != nil {
		return transfer.SignResult{}, err
	}
	if err := s.booksForbid(); err != nil {
		return transfer.SignResult{}, err
	}
	order, err := s.Copper.GetOrder(ctx, req.OrderID)
	if errors.Is(err, copper.ErrOrderNotFound) {
		return transfer.SignResult{}, s.refuse(ctx, req, "order", fmt.Sprintf("order %s does not exist", req.OrderID))
	}
	if err != nil {
		return transfer.SignResult{}, fmt.Errorf("read order %s: %w", req.OrderID, err)
	}
	if !order.Status.NeedsSignatures() {
		// Enough nodes signed already (or the order ended): add nothing.
		return transfer.SignResult{NodeID: s.Rules.NodeID, OrderComplete: true, CoSigners: order.Extra.CoSigners}, nil
	}
	got, err := s.Rules.SpecOf(order)
	if err != nil {
		return transfer.SignResult{}, s.refuse(ctx, req, "order", err.Error())
	}
	if got.Kind != req.Kind {
		return transfer.SignResult{}, s.refuse(ctx, req, "kind", fmt.Sprintf("order %s is a %s order, the request is for a %s", order.OrderID, got.Kind, req.Kind))
	}
	want, err := s.expected(ctx, req, got)
	if err != nil {
		return transfer.SignResult{}, err
	}
	if req.WorkflowID != want.ExternalID {
		return transfer.SignResult{}, s.refuse(ctx, req, "workflow", fmt.Sprintf("workflow %s asks to sign for transfer %s", req.WorkflowID, want.ExternalID))
	}
	if diffs := diffSpecs(want, got); len(diffs) > 0 {
		return transfer.SignResult{}, s.refuse(ctx, req, "mismatch",
			fmt.Sprintf("order %s does not match the source transfer: %s", order.OrderID, strings.Join(diffs, "; ")))
	}
	// The nonce last: an order that is wrong in anything else is refused,
	// not waited on because its nonce is ahead of the chain.
	if want.Kind == transfer.OrderMint {
		used, err := s.checkNonce(ctx, want.Recipient, want.Nonce)
		if err != nil {
			return transfer.SignResult{}, err
		}
		if used != "" {
			// The nonce may be used by this very order: the last of the
			// threshold signatures landed, and Copper minted, between the
			// order read above and the nonce read. Then there is nothing
			// to refuse, and nothing to add.
			if o, err := s.Copper.GetOrder(ctx, req.OrderID); err == nil && !o.Status.NeedsSignatures() {
				return transfer.SignResult{NodeID: s.Rules.NodeID, OrderComplete: true, CoSigners: o.Extra.CoSigners}, nil
			}
			return transfer.SignResult{}, s.refuse(ctx, req, "nonce", used)
		}
	}
	// What the co-signer signs must be what was just checked.
	if err := order.CheckSignRequest(); err != nil {
		return transfer.SignResult{}, s.refuse(ctx, req, "sign_request", err.Error())
	}
	if err := s.guardOnce(ctx, req, order, want); err != nil {
		var done orderComplete
		if errors.As(err, &done) {
			return transfer.SignResult{NodeID: s.Rules.NodeID, OrderComplete: true, CoSigners: done.coSigners}, nil
		}
		return transfer.SignResult{}, err
	}
	if err := s.record(ctx, req, order, want); err != nil {
		return transfer.SignResult{}, err
	}
	if err := s.CoSigner.Sign(ctx, order); err != nil {
		return transfer.SignResult{}, fmt.Errorf("co-sign order %s: %w", order.OrderID, err)
	}
	if s.Observer != nil {
		s.Observer.Signed()
	}
	activity.GetLogger(ctx).Info("co-signed", "order_id", order.OrderID, "node", s.Rules.NodeID)
	return transfer.SignResult{NodeID: s.Rules.NodeID}, nil
}

// expected rebuilds, from this node's own view of the source chain, the
// order the transfer calls for. A source that is not yet confirmed here is
// a retryable error; a source that contradicts the transfer is a refusal.
func (s *Signer) expected(ctx context.Context, req transfer.SignRequest, got transfer.OrderSpec) (transfer.OrderSpec, error) {
	switch req.Kind {
	case transfer.OrderMint, transfer.OrderRefund:
		return s.expectedFromDeposit(ctx, req, got)
	case transfer.OrderReturn:
		return s.expectedFromBurn(ctx, req)
	}
	return transfer.OrderSpec{}, s.refuse(ctx, req, "kind", fmt.Sprintf("unknown order kind %q", req.Kind))
}

func (s *Signer) expectedFromDeposit(ctx context.Context, req transfer.SignRequest, got transfer.OrderSpec) (transfer.OrderSpec, error) {
	tx, head, err := depositAndHead(ctx, s.Pocket, s.Rules, req.SourceTxHash)
	if errors.Is(err, pokt.ErrInvalidHash) {
		return transfer.OrderSpec{}, s.refuse(ctx, req, "bad_input", err.Error())
	}
	if errors.Is(err, pokt.ErrTxNotFound) {
		return transfer.OrderSpec{}, notReady("deposit %s is not on this node's Pocket RPC", req.SourceTxHash)
	}
	if err != nil {
		return transfer.OrderSpec{}, err
	}
	dep := pokt.ReadDeposit(*tx, head, s.Rules.Deposit)
	if !dep.Source.Success {
		return transfer.OrderSpec{}, s.refuse(ctx, req, "source_failed", fmt.Sprintf("deposit %s failed on chain (code %d)", tx.Hash, tx.Code))
	}
	if dep.Source.Confirmations < s.Rules.PocketConfirmations {
		return transfer.OrderSpec{}, notReady("deposit %s has %d of %d confirmations", tx.Hash, dep.Source.Confirmations, s.Rules.PocketConfirmations)
	}
	if dep.Class.Order() != req.Kind || req.Kind == transfer.OrderReturn {
		return transfer.OrderSpec{}, s.refuse(ctx, req, "classification",
			fmt.Sprintf("this node reads deposit %s as %q (%s), but is asked to sign a %s", tx.Hash, dep.Class, dep.Reason, req.Kind))
	}
	// The nonce is the order's; Sign checks it against the chain.
	return dep.Order(got.Nonce), nil
}

// checkNonce accepts the order's nonce only if it is the next one on chain:
// a used nonce is reported (the reason to refuse: the mint could never
// execute, or would be a second mint), a nonce ahead of the chain waits
// for the earlier mints (a retryable error).
func (s *Signer) checkNonce(ctx context.Context, recipient string, nonce uint64) (used string, err error) {
	onChain, err := s.Eth.UserNonce(ctx, common.HexToAddress(recipient))
	if err != nil {
		return "", fmt.Errorf("read mint nonce of %s: %w", recipient, err)
	}
	next := new(big.Int).Add(onChain, big.NewInt(1))
	switch new(big.Int).SetUint64(nonce).Cmp(next) {
	case -1:
		return fmt.Sprintf("nonce %d of %s is already used (the chain is at %s)", nonce, recipient, onChain), nil
	case 1:
		return "", notReady("nonce %d of %s is ahead of the chain (at %s): waiting for the earlier mints", nonce, recipient, onChain)
	}
	return "", nil
}

func (s *Signer) expectedFromBurn(ctx context.Context, req transfer.SignRequest) (transfer.OrderSpec, error) {
	b, err := readBurn(ctx, s.Eth, s.Rules, transfer.BurnRef{TxHash: req.SourceTxHash, LogPosition: req.LogPosition})
	if err != nil {
		return transfer.OrderSpec{}, err
	}
	switch {
	case !b.Source.Found:
		return transfer.OrderSpec{}, notReady("burn %s-%d is not on this node's Ethereum RPC", req.SourceTxHash, req.LogPosition)
	case !b.Source.Canonical:
		// A reorg may still re-mine it: not a reason to refuse for good.
		return transfer.OrderSpec{}, notReady("burn %s is not in the canonical chain on this node", req.SourceTxHash)
	case !b.Source.Success:
		return transfer.OrderSpec{}, s.refuse(ctx, req, "source_failed", fmt.Sprintf("burn tx %s reverted", req.SourceTxHash))
	case b.Source.Confirmations < s.Rules.EthConfirmations:
		return transfer.OrderSpec{}, notReady("burn %s has %d of %d confirmations", req.SourceTxHash, b.Source.Confirmations, s.Rules.EthConfirmations)
	case b.Class != transfer.ClassBurn:
		return transfer.OrderSpec{}, s.refuse(ctx, req, "classification", fmt.Sprintf("this node reads burn %s-%d as %s: %s", req.SourceTxHash, req.LogPosition, b.Class, b.Reason))
	}
	return b.Order(0), nil
}

// refuse logs a refusal loudly and returns the non-retryable error that
// records it on the transfer.
func (s *Signer) refuse(ctx context.Context, req transfer.SignRequest, class, reason string) error {
	if s.Logger != nil {
		s.Logger.Error("signer refused", "node", s.Rules.NodeID, "workflow_id", req.WorkflowID, "order_id", req.OrderID, "class", class, "reason", reason)
	}
	if s.Observer != nil {
		s.Observer.Refused(class)
	}
	return temporal.NewNonRetryableApplicationError(s.Rules.NodeID+" refused: "+reason, transfer.SignerRefusedError, nil)
}

func notReady(format string, args ...any) error {
	return temporal.NewApplicationError(fmt.Sprintf(format, args...), transfer.ErrorSignerNotReady)
}
