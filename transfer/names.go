package transfer

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

// SignerQueue is the task queue of a node's signer worker.
func SignerQueue(nodeID string) string { return "signer-" + nodeID }

// SignerRefusedError is the application error type of a signer's refusal:
// never retried, recorded with its reason.
const SignerRefusedError = "SignerRefused"
