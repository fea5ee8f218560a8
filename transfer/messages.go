package transfer

import (
	"fmt"
	"strings"
	"time"
)

// The names below are the contract between workflows, activities, workers,
// starters and operators (the temporal CLI sends the operator signals by
// these names). Workflows call activities by name so that they need not
// import the activity code and its clients.

// Workflow types.
const (
	MintWorkflowType    = "MintWorkflow"
	BurnWorkflowType    = "BurnWorkflow"
	ControlWorkflowType = "ControlWorkflow"
)

// ControlWorkflowID is the one workflow that holds the global pause, the
// governor's rolling window and the mint nonce leases.
const ControlWorkflowID = "wpokt-control"

// Signals.
const (
	// SignalSeen is sent by every node's scanner that sees a transfer.
	SignalSeen = "seen"
	// SignalRelease releases a held transfer (operator).
	SignalRelease = "release"
	// SignalRetrySigners re-asks the nodes that refused to sign (operator,
	// after their RPC or config was fixed).
	SignalRetrySigners = "retry-signers"
	// SignalPause and SignalResume go to the control workflow (operator).
	SignalPause  = "pause"
	SignalResume = "resume"
	// SignalResumed is sent by the control workflow to each transfer that
	// waited on the pause.
	SignalResumed = "resumed"
	// SignalNonceGranted tells a queued mint its nonce (control workflow to
	// mint); SignalNonceRelease gives the lease back (mint to control
	// workflow, or an operator for a mint that was terminated).
	SignalNonceGranted = "nonce-granted"
	SignalNonceRelease = "nonce-release"
)

// Queries and updates.
const (
	// QueryState returns a transfer's State, or the control/nonce
	// workflow's own state.
	QueryState = "state"
	// UpdateReserve asks the control workflow for permission to create an
	// order for an amount.
	UpdateReserve = "reserve"
)

// Search attributes, registered on the namespace (see the devnet and
// deploy/): operators list transfers by them in the UI and the CLI.
const (
	SearchStatus    = "WpoktStatus"
	SearchKind      = "WpoktKind"
	SearchAmount    = "WpoktAmount"
	SearchRecipient = "WpoktRecipient"
)

// SearchAttributeTypes are the search attributes and their Temporal types,
// as `temporal server start-dev --search-attribute` and
// `temporal operator search-attribute create` take them.
var SearchAttributeTypes = map[string]string{
	SearchStatus:    "Keyword",
	SearchKind:      "Keyword",
	SearchAmount:    "Int",
	SearchRecipient: "Keyword",
}

// Activities. Local ones run inside the workflow task on the node that runs
// the workflow; remote ones on the shared queue; Sign on signer-<node>.
const (
	ActivityReadDeposit       = "ReadDeposit"
	ActivityReadBurn          = "ReadBurn"
	ActivityPriorRecord       = "PriorRecord"
	ActivityReserve           = "Reserve"
	ActivityFindOrder         = "FindOrder"
	ActivityCreateOrder       = "CreateOrder"
	ActivityAwaitOrder        = "AwaitOrder"
	ActivityVerifyDestination = "VerifyDestination"
	ActivityProject           = "Project"
	ActivitySign              = "Sign"
)

// Settings are the orchestration parameters a workflow runs with, taken from
// the config of the node that started it. Business rules (fees, memo chain
// ID, limits) are not here: every activity applies its own node's config,
// and every signer re-checks with its own.
type Settings struct {
	// Confirmations required on the source chain.
	Confirmations int64
	// BlockTime is the source chain's expected block interval, to time the
	// confirmation timer.
	BlockTime time.Duration
	// PollInterval re-checks confirmations after the expected time.
	PollInterval time.Duration
	// Signers are the node IDs, each with its signer-<id> queue.
	Signers []string
	// Threshold is how many distinct signers make an order signed.
	Threshold int
	// SignerRetryMax caps the backoff between one signer's retries.
	SignerRetryMax time.Duration
	// OrderPollInterval paces the wait for Copper to execute an order.
	OrderPollInterval time.Duration
}

// MintInput starts a MintWorkflow. Only the key matters: everything else is
// re-read from the chain by the activities.
type MintInput struct {
	TxHash   string
	Settings Settings
}

// BurnInput starts a BurnWorkflow.
type BurnInput struct {
	TxHash      string
	LogPosition int
	Settings    Settings
}

// SeenSignal says which node's scanner saw the transfer, and what it read.
type SeenSignal struct {
	NodeID string
	// Height is the block the scanner saw it in (informational).
	Height int64
	// Report is the transfer as this node read it from its own RPC and
	// classified it with its own rules. The workflow acts on what a
	// threshold of nodes agree on, never on one node's read alone.
	Report Report
}

// Report is one node's reading of a transfer: enough to build its order.
type Report struct {
	// Kind is the classification: "mint", "refund", "invalid", "failed"
	// (deposits) or "burn", "invalid" (burns). Empty: no report.
	Kind      string
	Recipient string
	Amount    uint64
	// PayAmount is what the order would pay: the minted amount, or the
	// amount minus the Pocket fee.
	PayAmount uint64
	// Reason explains a refund or an invalid transfer (not compared).
	Reason string
}

// Agrees reports whether two readings say the same transfer.
func (r Report) Agrees(o Report) bool {
	return r.Kind == o.Kind && strings.EqualFold(r.Recipient, o.Recipient) && r.Amount == o.Amount && r.PayAmount == o.PayAmount
}

// ReleaseSignal releases a held transfer; By and Reason are for the record.
type ReleaseSignal struct {
	By     string
	Reason string
}

// PauseSignal pauses the bridge; no order is created until resume.
type PauseSignal struct {
	By     string
	Reason string
}

// SourceCheck is what a node reads of a transfer's source tx, on its own RPC.
type SourceCheck struct {
	// Found is false when the tx is unknown to the chain (never mined, or
	// vanished in a reorg).
	Found bool
	// Success is false when the tx failed on chain.
	Success bool
	// Canonical is false when the tx's block is no longer on the canonical
	// chain (Ethereum).
	Canonical     bool
	Height        int64
	Head          int64
	Confirmations int64
}

// Deposit is a Pocket deposit to the vault as one node reads and classifies
// it (ActivityReadDeposit).
type Deposit struct {
	Source SourceCheck
	TxHash string
	Sender string
	// Kind: "mint", "refund", "invalid" or "failed" (see chains/pokt).
	Kind         string
	Reason       string
	Memo         string
	Recipient    string
	Amount       uint64
	MintAmount   uint64
	RefundAmount uint64
}

// Report is this reading as a scanner's report, for comparing with what
// the nodes agree on.
func (d Deposit) Report() Report {
	r := Report{Kind: d.Kind, Amount: d.Amount, Reason: d.Reason}
	switch d.Kind {
	case "mint":
		r.Recipient, r.PayAmount = d.Recipient, d.MintAmount
	case "refund":
		r.Recipient, r.PayAmount = d.Sender, d.RefundAmount
	}
	return r
}

// Burn is a BurnAndBridge log as one node reads and classifies it
// (ActivityReadBurn).
type Burn struct {
	Source      SourceCheck
	TxHash      string
	LogPosition int
	BlockHash   string
	Sender      string
	// Recipient is the Pocket address (40 lower-case hex characters).
	Recipient string
	// Amount is what was burnt; ReturnAmount what the vault sends back
	// (amount minus the Pocket fee).
	Amount       uint64
	ReturnAmount uint64
	// Kind is "burn", "invalid" (nothing to return) or "failed".
	Kind   string
	Reason string
}

// Report is this reading as a scanner's report.
func (b Burn) Report() Report {
	return Report{Kind: b.Kind, Recipient: b.Recipient, Amount: b.Amount, PayAmount: b.ReturnAmount, Reason: b.Reason}
}

// BurnRef names one BurnAndBridge log: its tx and its position among the
// tx's burn logs.
type BurnRef struct {
	TxHash      string
	LogPosition int
}

// ReserveRequest asks the control workflow to let an order through, and
// for a mint, for the recipient's next nonce.
type ReserveRequest struct {
	WorkflowID string
	Amount     uint64
	// Recipient is set for a mint: the order needs the recipient's next
	// mint nonce, leased to one mint at a time.
	Recipient string
	// ChainNonce is the recipient's last nonce on chain, as the asking
	// node reads it (the activity fills it in).
	ChainNonce uint64
	// Released is set after an operator released a held transfer: the
	// amount counts toward the window but no limit holds it again.
	Released bool
	// Limits from the asking node's config.
	SingleTransferLimit uint64
	DailyCap            uint64
}

// Reserve decisions.
const (
	ReserveGranted = "granted"
	ReserveHeld    = "held"
	ReservePaused  = "paused"
	// ReserveQueued: the amount is granted but another mint to the same
	// recipient holds the nonce lease; a nonce-granted signal follows.
	ReserveQueued = "queued"
)

// ReserveResult is the control workflow's answer.
type ReserveResult struct {
	Decision string
	Reason   string
	// Nonce is the mint nonce leased to the asking mint (granted mints).
	Nonce uint64
}

// NonceGrant gives a queued mint its nonce; it holds it until it releases.
type NonceGrant struct {
	Nonce uint64
}

// NonceRelease returns a mint's lease. Used says whether the nonce was
// minted on chain, so that the next mint takes the one after it.
type NonceRelease struct {
	WorkflowID string
	Recipient  string
	Nonce      uint64
	Used       bool
}

// OrderKind says what a custody order does.
type OrderKind string

const (
	// OrderMint is a smart-call to the wPOKT contract's mint.
	OrderMint OrderKind = "mint"
	// OrderReturn sends POKT from the vault for a burn.
	OrderReturn OrderKind = "return"
	// OrderRefund sends an invalid deposit back, minus the fee.
	OrderRefund OrderKind = "refund"
)

// OrderSpec is exactly what an order must do; the creator builds the order
// from it and every signer rebuilds it from the chain and compares.
type OrderSpec struct {
	// ExternalID is the transfer's workflow ID: one order per transfer.
	ExternalID string
	Kind       OrderKind
	// Recipient is the Ethereum address (mint) or Pocket address (return,
	// refund) that receives the funds.
	Recipient string
	Amount    uint64
	// Nonce is the mint nonce (mint only).
	Nonce uint64
	// Memo goes with a Pocket send so that the user can trace it.
	Memo string
}

// OrderRef is a custody order as the workflow keeps it.
type OrderRef struct {
	OrderID string
	Status  string
	// Spec is what the order pays, as read back from the custody platform.
	Spec OrderSpec
	// Found is false when FindOrder found no order.
	Found bool
}

// AwaitOrderResult is how a custody order ended.
type AwaitOrderResult struct {
	OrderID  string
	Status   string
	Executed bool
	// TxHash is the destination chain tx that executed the order.
	TxHash string
	Reason string
}

// SignRequest asks one node to verify a transfer and co-sign its order.
type SignRequest struct {
	NodeID     string
	WorkflowID string
	Kind       OrderKind
	// SourceTxHash and LogPosition identify the source transfer, which the
	// signer re-reads from its own RPC.
	SourceTxHash string
	LogPosition  int
	OrderID      string
}

// SignResult is one node's co-signature.
type SignResult struct {
	NodeID string
	// OrderComplete is set when the node found the order already past
	// signing (enough others signed): it added nothing.
	OrderComplete bool
	// CoSigners are the co-signers Copper lists on a complete order, so
	// that the transfer records every node that signed, also those whose
	// own activity had not reported yet.
	CoSigners []string
}

// SignerQueue is the task queue of a node's signer worker.
func SignerQueue(nodeID string) string { return "signer-" + nodeID }

// AwaitOrderRequest asks for a custody order to be watched until it ends.
type AwaitOrderRequest struct {
	OrderID      string
	PollInterval time.Duration
}

// SignerRefusedError is the application error type of a signer's refusal:
// never retried, recorded with its reason.
const SignerRefusedError = "SignerRefused"

// VerifyRequest asks for the destination tx to be checked on chain.
type VerifyRequest struct {
	Spec   OrderSpec
	TxHash string
}

// VerifyResult is the checked destination tx.
type VerifyResult struct {
	TxHash string
	Height int64
}

// PriorRecord is what the projection remembers of a transfer whose
// workflow Temporal may have forgotten (retention): a final status stops a
// re-scan from moving funds twice.
type PriorRecord struct {
	Found   bool
	Status  Status
	OrderID string
	Reason  string
}

// Refusal is a signer's recorded refusal.
type Refusal struct {
	NodeID string
	Reason string
}

// State is a transfer's state as its workflow's query returns it and as
// the projection stores it.
type State struct {
	WorkflowID string
	Kind       Kind
	// Classification is how the source tx was read: a deposit is "mint",
	// "refund", "invalid" or "failed"; a burn is "burn", "invalid" or
	// "failed". The projection files deposits that are not "mint" under
	// invalid_mints.
	Classification string
	Status         Status
	Reason         string
	SourceTxHash   string
	LogPosition    int
	SourceHeight   int64
	Sender         string
	Recipient      string
	Amount         uint64
	// PayAmount is what the order pays: the mint amount, or the amount
	// minus the fee for returns and refunds.
	PayAmount     uint64
	Memo          string
	Confirmations int64
	Nonce         uint64
	OrderID       string
	OrderKind     OrderKind
	Signers       []string
	Refusals      []Refusal
	SeenBy        []string
	DestTxHash    string
	// Revision counts the workflow's projections of this state: of two
	// writes with the same status, the higher revision is the later one
	// (two states may share a workflow time).
	Revision  uint64
	UpdatedAt time.Time
	CreatedAt time.Time
}

// RefundMemo is the memo of the Pocket send that refunds a deposit; the
// creator writes it and every signer expects exactly it.
func RefundMemo(depositHash string) string {
	return "wPOKT refund of " + strings.ToUpper(strings.TrimPrefix(depositHash, "0x"))
}

// ReturnMemo is the memo of the Pocket send that pays out a burn.
func ReturnMemo(burnTxHash string, logPosition int) string {
	return fmt.Sprintf("wPOKT burn %s-%d", strings.ToLower(burnTxHash), logPosition)
}

// ControlState is the bridge-wide state: the pause, the governor's window
// of recent grants and the mint nonce leases.
type ControlState struct {
	Paused      bool
	PausedBy    string
	PauseReason string
	PausedAt    time.Time
	// Window holds the grants of the last 24 hours.
	Window []Grant
	// Waiting lists the transfers to signal when the bridge resumes.
	Waiting []string
	// Nonces are the recipients with a mint in flight (or recently).
	Nonces []RecipientNonces
	// Handled counts requests since this run started.
	Handled int
}

// Grant is one amount let through the governor.
type Grant struct {
	WorkflowID string
	Amount     uint64
	At         time.Time
}

// RecipientNonces is the nonce lease of one recipient: the contract takes
// nonce n+1 only once n is minted, so one mint at a time holds it, from
// creating its order until the order ended.
type RecipientNonces struct {
	// Recipient is the lower-case Ethereum address.
	Recipient   string
	Holder      string
	HolderNonce uint64
	// Queue lists the mints waiting for the lease, first come first served.
	Queue []string
	// NextMin is the lowest nonce the next mint may take: one past the
	// last minted, in case a node's RPC still shows an older nonce.
	NextMin   uint64
	IdleSince time.Time
}
