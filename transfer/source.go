package transfer

import (
	"crypto/ed25519"
	"strconv"
)

// SourceRequest asks one node to read a transfer's source on its own RPC,
// when the node running the workflow reads it as failed or gone: no node
// decides alone that a transfer ends without an order.
type SourceRequest struct {
	NodeID      string
	WorkflowID  string
	Kind        Kind
	TxHash      string
	LogPosition int
}

// SourceAnswer is one node's reading of a source, signed with its reading
// key so that no other node (nor anyone with namespace access) can answer
// for it.
type SourceAnswer struct {
	NodeID    string
	Reading   Reading
	Signature []byte
}

// SignedBytes is what a node signs of its answer for workflowID.
func (a SourceAnswer) SignedBytes(workflowID string) []byte {
	r, s := a.Reading, a.Reading.Source
	return signedBytes("wpokt-source-v1", workflowID, a.NodeID,
		string(r.Class), r.Reason, r.Recipient, strconv.FormatUint(r.Amount, 10), strconv.FormatUint(r.PayAmount, 10),
		r.Sender, r.Memo, strconv.FormatBool(s.Found), strconv.FormatBool(s.Success), strconv.FormatBool(s.Canonical),
		strconv.FormatInt(s.Height, 10), strconv.FormatInt(s.Head, 10), strconv.FormatInt(s.Confirmations, 10))
}

// Sign signs the answer with a node's key.
func (a SourceAnswer) Sign(workflowID string, key ed25519.PrivateKey) SourceAnswer {
	a.Signature = ed25519.Sign(key, a.SignedBytes(workflowID))
	return a
}

// VerifySource reports whether an answer is signed by the key of the node
// it names.
func (k NodeKeys) VerifySource(workflowID string, a SourceAnswer) bool {
	return k.verify(a.NodeID, a.SignedBytes(workflowID), a.Signature)
}
