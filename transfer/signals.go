package transfer

import (
	"crypto/ed25519"
	"strconv"
	"strings"
)

// SeenSignal says which node's scanner saw the transfer, and what it read,
// signed with that node's own key: the workflow counts only readings whose
// signature verifies under the node's public key in the executing worker's
// own config (NodeKeys), never a key or a node ID a payload brings.
type SeenSignal struct {
	NodeID string
	// Height is the block the scanner saw it in.
	Height int64
	// Report is the transfer as this node read it from its own RPC and
	// classified it with its own rules (Reading.Report). The workflow acts
	// on what a threshold of nodes agree on, never on one node's read alone.
	Report Reading
	// Signature is the node's ed25519 signature of SignedBytes.
	Signature []byte
}

// SignedBytes is what a node signs of its reading of the transfer
// workflowID: every field the workflow acts on, in a fixed layout, under a
// domain tag so that the signature means nothing anywhere else.
func (s SeenSignal) SignedBytes(workflowID string) []byte {
	r := s.Report
	var b strings.Builder
	for _, part := range []string{
		"wpokt-seen-v1", workflowID, s.NodeID, strconv.FormatInt(s.Height, 10),
		string(r.Class), strings.ToLower(r.Recipient), strconv.FormatUint(r.Amount, 10), strconv.FormatUint(r.PayAmount, 10),
	} {
		b.WriteString(strconv.Itoa(len(part)))
		b.WriteByte(':')
		b.WriteString(part)
	}
	return []byte(b.String())
}

// Sign signs the reading with a node's key.
func (s SeenSignal) Sign(workflowID string, key ed25519.PrivateKey) SeenSignal {
	s.Signature = ed25519.Sign(key, s.SignedBytes(workflowID))
	return s
}

// NodeKeys are the signers' public keys by node ID, from a node's own
// config (validators.public_keys): the same on every node.
type NodeKeys map[string]ed25519.PublicKey

// Verify reports whether s is signed by the key of the node it names; an
// unknown node, a key of the wrong size or a bad signature is not.
func (k NodeKeys) Verify(workflowID string, s SeenSignal) bool {
	pub, ok := k[s.NodeID]
	if !ok || len(pub) != ed25519.PublicKeySize || len(s.Signature) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(pub, s.SignedBytes(workflowID), s.Signature)
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
