package web

import (
	"slices"
	"time"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// Step is one stage of a transfer's timeline.
type Step struct {
	Status transfer.Status `json:"status"`
	Label  string          `json:"label"`
	// State is "done", "current" or "pending".
	State string `json:"state"`
	// At is when the transfer reached it (workflow time); absent if not
	// reached or not recorded.
	At *time.Time `json:"at,omitempty"`
}

var stepLabels = map[transfer.Status]string{
	transfer.StatusDetected:  "Detected",
	transfer.StatusConfirmed: "Confirmed",
	transfer.StatusHeld:      "Held",
	transfer.StatusStarted:   "Order started",
	transfer.StatusSigned:    "Signed",
	transfer.StatusExecuted:  "Executed",
	transfer.StatusRefunded:  "Refunded",
	transfer.StatusInvalid:   "Invalid",
	transfer.StatusFailed:    "Failed",
	transfer.StatusToppedUp:  "Vault topped up",
}

// steps derives the timeline: detected → confirmed → (held) → started →
// signed → executed (refunded for a refund); a transfer that ended invalid
// or failed shows the steps it reached, then its end.
func steps(doc store.Document) []Step {
	reached := reachedAt(doc)
	var path []transfer.Status
	switch doc.Status {
	case transfer.StatusInvalid, transfer.StatusFailed, transfer.StatusToppedUp:
		for _, s := range transfer.AllStatuses {
			if _, ok := reached[s]; ok && s != doc.Status {
				path = append(path, s)
			}
		}
		if len(path) == 0 {
			path = append(path, transfer.StatusDetected)
		}
		path = append(path, doc.Status)
	default:
		end := transfer.StatusExecuted
		if doc.Status == transfer.StatusRefunded || doc.Classification == transfer.ClassRefund {
			end = transfer.StatusRefunded
		}
		path = []transfer.Status{transfer.StatusDetected, transfer.StatusConfirmed}
		if _, ok := reached[transfer.StatusHeld]; ok || doc.Status == transfer.StatusHeld {
			path = append(path, transfer.StatusHeld)
		}
		path = append(path, transfer.StatusStarted, transfer.StatusSigned, end)
	}
	current := slices.Index(path, doc.Status)
	out := make([]Step, len(path))
	for i, s := range path {
		st := Step{Status: s, Label: stepLabels[s], State: "pending"}
		switch {
		case i < current || (i == current && doc.Status.Final()):
			st.State = "done"
		case i == current:
			st.State = "current"
		}
		if at, ok := reached[s]; ok && st.State != "pending" {
			st.At = &at
		}
		out[i] = st
	}
	return out
}

// reachedAt maps each status the transfer reached to when. Documents
// written before the history existed have only their first and last
// times: created_at for detected, updated_at for the current status.
func reachedAt(doc store.Document) map[transfer.Status]time.Time {
	out := map[transfer.Status]time.Time{}
	for _, h := range doc.History {
		if _, ok := out[h.Status]; !ok {
			out[h.Status] = h.At.UTC()
		}
	}
	if len(doc.History) == 0 {
		if !doc.CreatedAt.IsZero() {
			out[transfer.StatusDetected] = doc.CreatedAt.UTC()
		}
		if !doc.UpdatedAt.IsZero() {
			out[doc.Status] = doc.UpdatedAt.UTC()
		}
	}
	return out
}
