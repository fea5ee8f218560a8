package transfer

// SeenSignal says which node's scanner saw the transfer, and what it read.
type SeenSignal struct {
	NodeID string
	// Height is the block the scanner saw it in (informational).
	Height int64
	// Report is the transfer as this node read it from its own RPC and
	// classified it with its own rules (Reading.Report). The workflow acts
	// on what a threshold of nodes agree on, never on one node's read alone.
	Report Reading
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
