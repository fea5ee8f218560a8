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
	// SignalSignerWaiting is sent by a node's signer that cannot sign yet
	// (its books, its limits, its RPC behind...) and retries on its own:
	// the transfer says why it waits.
	SignalSignerWaiting = "signer-waiting"
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
	// UpdateReserveBatch asks for several transfers at once, answered in
	// their order: the requests that queued on a node while its previous
	// update was in flight. At most ReserveBatchMax.
	UpdateReserveBatch = "reserve-batch"
)

// ReserveBatchMax is the most requests one reserve-batch update carries.
const ReserveBatchMax = 50

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
// the workflow; remote ones on the shared queue; Sign and CheckSource on
// signer-<node>.
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
	ActivityCheckSource       = "CheckSource"
)

// SignerQueue is the task queue of a node's signer worker.
func SignerQueue(nodeID string) string { return "signer-" + nodeID }

// Application error types: what an activity or workflow failure is, for
// retry policies and for telling a refusal from an outage.
const (
	// SignerRefusedError is a signer's refusal: never retried, recorded
	// with its reason.
	SignerRefusedError = "SignerRefused"
	// ErrorSignerNotReady: the signer's own RPC does not confirm the source
	// yet (retried).
	ErrorSignerNotReady = "SignerNotReady"
	// ErrorBadInput: an argument that retrying cannot fix (a malformed
	// hash or address).
	ErrorBadInput = "BadInput"
	// ErrorBadSettings: a workflow started with unusable settings.
	ErrorBadSettings = "BadSettings"
	// ErrorBadReserve: the control workflow answered what no version of it
	// answers.
	ErrorBadReserve = "BadReserve"
	// ErrorBadChainData: a chain answered an impossible value.
	ErrorBadChainData = "BadChainData"
	// ErrorBadCustodyData: Copper answered an impossible order.
	ErrorBadCustodyData = "BadCustodyData"
	// ErrorOrderMismatch: Copper's order does not pay what it was asked.
	ErrorOrderMismatch = "OrderMismatch"
	// ErrorDestinationMismatch: the executed order's destination tx does
	// not pay what the order says.
	ErrorDestinationMismatch = "DestinationMismatch"
	// ErrorCustodyRefused: Copper refused the order for good.
	ErrorCustodyRefused = "CustodyRefused"
)
