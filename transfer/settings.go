package transfer

import (
	"time"
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
