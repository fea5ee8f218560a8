package transfer

import (
	"crypto/ed25519"
	"slices"
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
	return signedBytes("wpokt-seen-v2", workflowID, s.NodeID, strconv.FormatInt(s.Height, 10),
		string(r.Class), strings.ToLower(r.Recipient), strconv.FormatUint(r.Amount, 10), strconv.FormatUint(r.PayAmount, 10),
		strconv.FormatUint(r.RecipientNonce, 10))
}

// Sign signs the reading with a node's key.
func (s SeenSignal) Sign(workflowID string, key ed25519.PrivateKey) SeenSignal {
	s.Signature = ed25519.Sign(key, s.SignedBytes(workflowID))
	return s
}

// signedBytes lays out a signed message: a domain tag and its fields, each
// prefixed by its length so that no two messages share their bytes.
func signedBytes(parts ...string) []byte {
	var b strings.Builder
	for _, part := range parts {
		b.WriteString(strconv.Itoa(len(part)))
		b.WriteByte(':')
		b.WriteString(part)
	}
	return []byte(b.String())
}

// NodeKeys are the signers' public keys by node ID, from a node's own
// config (validators.public_keys): the same on every node.
type NodeKeys map[string]ed25519.PublicKey

// Verify reports whether s is signed by the key of the node it names; an
// unknown node, a key of the wrong size or a bad signature is not.
func (k NodeKeys) Verify(workflowID string, s SeenSignal) bool {
	return k.verify(s.NodeID, s.SignedBytes(workflowID), s.Signature)
}

// VerifyRelease reports whether a release is signed by the key of the node
// it names.
func (k NodeKeys) VerifyRelease(workflowID string, s ReleaseSignal) bool {
	return k.verify(s.NodeID, s.SignedBytes(workflowID), s.Signature)
}

func (k NodeKeys) verify(node string, msg, sig []byte) bool {
	pub, ok := k[node]
	if !ok || len(pub) != ed25519.PublicKeySize || len(sig) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(pub, msg, sig)
}

// ReleaseSignal is one node operator's release of a held transfer, made on
// their own node (wpokt-node release) and signed with that node's reading
// key: a held transfer moves once a threshold of nodes released it, or
// after the configured delay. By and Reason are for the record.
type ReleaseSignal struct {
	NodeID    string
	By        string
	Reason    string
	Signature []byte
}

// ReleasedBy lists the distinct nodes, in the order given, whose releases
// of workflowID verify under k: the workflow and every signer count a
// held transfer's releases with it.
func (k NodeKeys) ReleasedBy(workflowID string, releases []ReleaseSignal) []string {
	var by []string
	for _, rel := range releases {
		if k.VerifyRelease(workflowID, rel) && !slices.Contains(by, rel.NodeID) {
			by = append(by, rel.NodeID)
		}
	}
	return by
}

// SignedBytes is what a node signs of its release of workflowID.
func (s ReleaseSignal) SignedBytes(workflowID string) []byte {
	return signedBytes("wpokt-release-v1", workflowID, s.NodeID, s.By, s.Reason)
}

// Sign signs the release with a node's key.
func (s ReleaseSignal) Sign(workflowID string, key ed25519.PrivateKey) ReleaseSignal {
	s.Signature = ed25519.Sign(key, s.SignedBytes(workflowID))
	return s
}

// PauseSignal pauses the bridge; no order is created until resume.
type PauseSignal struct {
	By     string
	Reason string
}

// WaitSignal is a node's signer telling a transfer why it cannot sign yet
// while its activity retries on its own (Temporal tells the workflow
// nothing until the activity ends). Signed with the node's reading key: it
// moves nothing, but only the signer it names may say why it waits.
type WaitSignal struct {
	NodeID string
	Reason string
	// Attempt is the signer activity's attempt that failed with Reason.
	Attempt   int32
	Signature []byte
}

// SignedBytes is what a node signs of its wait on workflowID.
func (s WaitSignal) SignedBytes(workflowID string) []byte {
	return signedBytes("wpokt-wait-v1", workflowID, s.NodeID, s.Reason, strconv.FormatInt(int64(s.Attempt), 10))
}

// Sign signs the wait with a node's key.
func (s WaitSignal) Sign(workflowID string, key ed25519.PrivateKey) WaitSignal {
	s.Signature = ed25519.Sign(key, s.SignedBytes(workflowID))
	return s
}

// VerifyWait reports whether a wait is signed by the key of the node it
// names.
func (k NodeKeys) VerifyWait(workflowID string, s WaitSignal) bool {
	return k.verify(s.NodeID, s.SignedBytes(workflowID), s.Signature)
}
