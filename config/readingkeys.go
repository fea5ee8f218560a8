package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/wpokt/bridge/transfer"
)

// validateReadingKeys checks that every node of the signing set has one
// well-formed public reading key, and that this node has its key file.
// Keys of nodes outside the set are ignored (see NodeKeys).
func (c *Config) validateReadingKeys(bad reportBad) {
	for _, id := range c.Validators.NodeIDs {
		k, ok := c.Validators.ReadingKeys[id]
		if !ok {
			bad("validators.reading_keys", "no key for node %s", id)
			continue
		}
		if _, err := parseReadingKey(k); err != nil {
			bad("validators.reading_keys", "node %s: %v", id, err)
		}
	}
}

func parseReadingKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("want %d bytes of hex, got %q", ed25519.PublicKeySize, s)
	}
	return b, nil
}

// NodeKeys are the public reading keys of the signing set's nodes
// (validated at load); a key of a node outside validators.node_ids counts
// for nothing.
func (c *Config) NodeKeys() transfer.NodeKeys {
	keys := transfer.NodeKeys{}
	for _, id := range c.Validators.NodeIDs {
		if pub, err := parseReadingKey(c.Validators.ReadingKeys[id]); err == nil {
			keys[id] = pub
		}
	}
	return keys
}

// ReadingKeyPair is this node's private reading key, checked to be the one
// the signing set knows for this node.
func (c *Config) ReadingKeyPair() (ed25519.PrivateKey, error) {
	seed, err := hex.DecodeString(c.Node.ReadingKey.Reveal())
	if err != nil || len(seed) != ed25519.SeedSize {
		// The content is a secret: never repeat it.
		return nil, fmt.Errorf("key node.reading_key: want the hex of a %d-byte seed", ed25519.SeedSize)
	}
	key := ed25519.NewKeyFromSeed(seed)
	if want := c.NodeKeys()[c.Node.ID]; !key.Public().(ed25519.PublicKey).Equal(want) {
		return nil, fmt.Errorf("key node.reading_key: its public key %x is not validators.reading_keys.%s", key.Public(), c.Node.ID)
	}
	return key, nil
}

// NewReadingKey makes a reading key: the hex seed for its file and the hex
// public key for validators.reading_keys.
func NewReadingKey() (seedHex, publicHex string, err error) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return "", "", err
	}
	return hex.EncodeToString(priv.Seed()), hex.EncodeToString(pub), nil
}
