package workflows

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// Trust is the signing set a worker runs the transfer workflows with, from
// its own node's config (validators.node_ids, threshold, public_keys): the
// same on every node, and never taken from a payload that one node could
// have written. Readings count only when signed by a key of this set, and
// every decision needs Threshold of them to agree.
type Trust struct {
	Threshold int
	Keys      transfer.NodeKeys
	// ReleaseAfter moves a held transfer without a threshold of releases
	// once it has been held this long (governor.release_after).
	ReleaseAfter time.Duration

	// signers are the node IDs in order: the order in which signing
	// requests are scheduled, which replay must repeat.
	signers []string
}

// NewTrust makes the signing set of these nodes' keys.
func NewTrust(threshold int, keys transfer.NodeKeys, releaseAfter time.Duration) Trust {
	t := Trust{Threshold: threshold, Keys: keys, ReleaseAfter: releaseAfter}
	for id := range keys {
		t.signers = append(t.signers, id)
	}
	slices.Sort(t.signers)
	return t
}

func (t Trust) validate() error {
	for _, id := range t.signers {
		if k := t.Keys[id]; len(k) != ed25519.PublicKeySize {
			return fmt.Errorf("trust: node %s has a %d-byte public key", id, len(k))
		}
	}
	if t.ReleaseAfter <= 0 {
		return fmt.Errorf("trust: release delay %s is not positive", t.ReleaseAfter)
	}
	if t.Threshold < 1 || t.Threshold > len(t.signers) || 2*t.Threshold <= len(t.signers) {
		return fmt.Errorf("trust: threshold %d of %d signers is not a majority", t.Threshold, len(t.signers))
	}
	return nil
}
