package transfer

import (
	"time"
)

// ReserveRequest asks the control workflow to let an order through, and
// for a mint, for the recipient's next nonce.
type ReserveRequest struct {
	WorkflowID string
	Amount     uint64
	// Recipient is set for a mint: the order needs the recipient's next
	// mint nonce, leased to one mint at a time.
	Recipient string
	// ChainNonce is the recipient's last nonce on chain: the one a
	// threshold of nodes' readings agree on (NonceAgreed), else as the
	// asking node reads it (the activity fills it in).
	ChainNonce  uint64
	NonceAgreed bool
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
