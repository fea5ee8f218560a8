// Package transfer holds the plain, dependency-free types that describe a
// transfer across the bridge: its key, its status and the IDs derived from
// them. Workflows import it, so it must stay free of I/O, clocks and
// randomness.
package transfer

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says which way a transfer crosses the bridge.
type Kind string

const (
	// KindMint is POKT deposited to the vault, minted as wPOKT on Ethereum.
	KindMint Kind = "mint"
	// KindBurn is wPOKT burnt on Ethereum, returned as POKT from the vault.
	KindBurn Kind = "burn"
)

// Status is the state of a transfer, as the scoping document names it plus
// the states a bridge's users need (invalid, refunded, failed, held).
type Status string

const (
	StatusDetected  Status = "detected"
	StatusConfirmed Status = "confirmed"
	StatusHeld      Status = "held"
	StatusStarted   Status = "started"
	StatusSigned    Status = "signed"
	StatusExecuted  Status = "executed"
	// StatusInvalid is a deposit that cannot be minted nor refunded (amount at
	// or below the Pocket fee); it keeps its reason.
	StatusInvalid Status = "invalid"
	// StatusRefunded is an invalid deposit sent back, minus the fee.
	StatusRefunded Status = "refunded"
	// StatusFailed is a transfer that cannot proceed: the source tx failed or
	// vanished before confirmation, or the custody order ended unexecuted.
	StatusFailed Status = "failed"
	// StatusToppedUp is a treasury's send to the vault, kept as backing.
	StatusToppedUp Status = "topped_up"
)

// Final reports whether no further status can follow s.
func (s Status) Final() bool {
	switch s {
	case StatusExecuted, StatusInvalid, StatusRefunded, StatusFailed, StatusToppedUp:
		return true
	}
	return false
}

// rank orders statuses along the path a transfer takes, so that a projection
// can refuse to move a status backwards. Held sits between confirmed and
// started; the refund path runs beside the mint path.
var rank = map[Status]int{
	StatusDetected:  1,
	StatusConfirmed: 2,
	StatusHeld:      3,
	StatusStarted:   4,
	StatusSigned:    5,
	StatusExecuted:  6,
	StatusRefunded:  6,
	StatusInvalid:   6,
	StatusFailed:    6,
	StatusToppedUp:  6,
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := rank[s]; return ok }

// Before lists the statuses that may be replaced by s: every known status of
// a lower rank, and s itself (writes are idempotent). A final status is never
// replaced by another.
func (s Status) Before() []Status {
	r, ok := rank[s]
	if !ok {
		return nil
	}
	out := []Status{s}
	for _, other := range AllStatuses {
		if other != s && rank[other] < r {
			out = append(out, other)
		}
	}
	return out
}

// AllStatuses lists every status in path order.
var AllStatuses = []Status{
	StatusDetected, StatusConfirmed, StatusHeld, StatusStarted, StatusSigned, StatusExecuted, StatusRefunded, StatusInvalid, StatusFailed, StatusToppedUp,
}

// MintWorkflowID is the workflow ID of the deposit with the given Pocket tx
// hash: the same for every node that sees it, whatever case it was written in.
func MintWorkflowID(poktTxHash string) string {
	return "mint-" + strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(poktTxHash, "0x"), "0X"))
}

// BurnWorkflowID is the workflow ID of the n-th BurnAndBridge log of an
// Ethereum tx. n counts among that tx's own burn logs, not the block-wide
// log index, so a reorg that re-mines the tx elsewhere keeps the same ID.
func BurnWorkflowID(ethTxHash string, n int) string {
	h := strings.ToLower(ethTxHash)
	if !strings.HasPrefix(h, "0x") {
		h = "0x" + h
	}
	return fmt.Sprintf("burn-%s-%d", h, n)
}

// ParseWorkflowID splits a transfer workflow ID back into its kind, source tx
// hash and (for burns) log position.
func ParseWorkflowID(id string) (kind Kind, txHash string, n int, err error) {
	switch {
	case strings.HasPrefix(id, "mint-"):
		h := strings.TrimPrefix(id, "mint-")
		if !isLowerHex(h) {
			return "", "", 0, fmt.Errorf("workflow id %q: want mint-<hex tx hash>", id)
		}
		return KindMint, h, 0, nil
	case strings.HasPrefix(id, "burn-"):
		rest := strings.TrimPrefix(id, "burn-")
		i := strings.LastIndexByte(rest, '-')
		if i <= 0 {
			return "", "", 0, fmt.Errorf("workflow id %q: want burn-<tx hash>-<n>", id)
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil || n < 0 {
			return "", "", 0, fmt.Errorf("workflow id %q: bad log position", id)
		}
		if !strings.HasPrefix(rest[:i], "0x") || !isLowerHex(rest[2:i]) {
			return "", "", 0, fmt.Errorf("workflow id %q: want burn-0x<hex tx hash>-<n>", id)
		}
		return KindBurn, rest[:i], n, nil
	}
	return "", "", 0, fmt.Errorf("workflow id %q: not a transfer workflow", id)
}

func isLowerHex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
