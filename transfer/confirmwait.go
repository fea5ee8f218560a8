package transfer

import "time"

// ConfirmWait has a source read wait on its node, for up to For, until the
// source has Confirmations, reading it again every Poll. A transfer spends
// the last stretch of its wait for the confirming block so, and goes on as
// soon as its node sees the block instead of when a workflow timer fires
// (a busy history shard fires timers late). The zero value reads once.
type ConfirmWait struct {
	Confirmations int64
	For           time.Duration
	Poll          time.Duration
}

// Pending reports whether waiting may still confirm rd: the source is not
// found yet (a node's RPC may lag the scanner that saw it), or it is found,
// successful and canonical with fewer confirmations than wanted. Any other
// reading is for the workflow to judge at once.
func (w ConfirmWait) Pending(rd Reading) bool {
	sc := rd.Source
	if !sc.Found {
		return true
	}
	return sc.Success && sc.Canonical && sc.Confirmations < w.Confirmations
}
