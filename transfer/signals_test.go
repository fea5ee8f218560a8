package transfer

import (
	"crypto/ed25519"
	"crypto/sha256"
	"testing"
)

func testKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte(name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func TestSeenSignalVerifies(t *testing.T) {
	const id = "mint-ab"
	k1, k2 := testKey("node-1"), testKey("node-2")
	keys := NodeKeys{"node-1": k1.Public().(ed25519.PublicKey), "node-2": k2.Public().(ed25519.PublicKey)}
	good := SeenSignal{NodeID: "node-1", Height: 7, Report: Reading{Class: ClassMint, Recipient: "0xAb", Amount: 5, PayAmount: 5}}.Sign(id, k1)
	if !keys.Verify(id, good) {
		t.Fatal("a node's own signed reading does not verify")
	}
	lower := good
	lower.Report.Recipient = "0xab"
	if !keys.Verify(id, lower) {
		t.Fatal("the recipient's case is not part of what is signed (addresses compare folded)")
	}
	for name, bad := range map[string]SeenSignal{
		"another workflow": good,
		"unknown node":     func() SeenSignal { s := good; s.NodeID = "node-99"; return s }(),
		"another node's id": func() SeenSignal {
			s := good
			s.NodeID = "node-2"
			return s
		}(),
		"amount changed":    func() SeenSignal { s := good; s.Report.PayAmount = 6; return s }(),
		"class changed":     func() SeenSignal { s := good; s.Report.Class = ClassInvalid; return s }(),
		"recipient changed": func() SeenSignal { s := good; s.Report.Recipient = "0xcd"; return s }(),
		"height changed":    func() SeenSignal { s := good; s.Height = 8; return s }(),
		"no signature":      func() SeenSignal { s := good; s.Signature = nil; return s }(),
		"signed by another": SeenSignal{NodeID: "node-1", Height: 7, Report: good.Report}.Sign(id, k2),
	} {
		wf := id
		if name == "another workflow" {
			wf = "mint-cd"
		}
		if keys.Verify(wf, bad) {
			t.Errorf("%s: verifies", name)
		}
	}
}

func TestSignedBytesAreUnambiguous(t *testing.T) {
	a := SeenSignal{NodeID: "node-1", Report: Reading{Class: ClassMint, Recipient: "0x1"}}
	b := SeenSignal{NodeID: "node-", Report: Reading{Class: ClassMint, Recipient: "10x1"}}
	if string(a.SignedBytes("w")) == string(b.SignedBytes("w")) {
		t.Fatal("two readings sign the same bytes")
	}
}

func TestWaitSignalVerifies(t *testing.T) {
	const id = "burn-0xab-0"
	k1, k2 := testKey("node-1"), testKey("node-2")
	keys := NodeKeys{"node-1": k1.Public().(ed25519.PublicKey), "node-2": k2.Public().(ed25519.PublicKey)}
	good := WaitSignal{NodeID: "node-1", Reason: "accountant: the books do not balance", Attempt: 2}.Sign(id, k1)
	if !keys.VerifyWait(id, good) {
		t.Fatal("a node's own signed wait does not verify")
	}
	for name, bad := range map[string]WaitSignal{
		"another node's id": func() WaitSignal { s := good; s.NodeID = "node-2"; return s }(),
		"reason changed":    func() WaitSignal { s := good; s.Reason = "all is well"; return s }(),
		"attempt changed":   func() WaitSignal { s := good; s.Attempt = 3; return s }(),
		"signed by another": WaitSignal{NodeID: "node-1", Reason: good.Reason, Attempt: 2}.Sign(id, k2),
	} {
		if keys.VerifyWait(id, bad) {
			t.Errorf("%s: verifies", name)
		}
	}
	if keys.VerifyWait("burn-0xcd-0", good) {
		t.Error("a wait verifies for another workflow")
	}
	if keys.Verify(id, SeenSignal{NodeID: "node-1", Signature: good.Signature}) {
		t.Error("a wait's signature verifies as a reading")
	}
}
