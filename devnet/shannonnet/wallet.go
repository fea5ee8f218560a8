package shannonnet

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
)

// Key is a secp256k1 account key, as a Shannon wallet holds.
type Key struct {
	priv *secp256k1.PrivKey
}

// NewKey derives a deterministic key from a name, so that tests and the
// devnet can name their users ("alice", "vault") and get the same address on
// every run. It is not a wallet for real funds.
func NewKey(seed string) *Key {
	return &Key{priv: secp256k1.GenPrivKeyFromSecret([]byte("shannonnet/" + seed))}
}

// KeyFromBytes wraps a 32-byte secp256k1 private key.
func KeyFromBytes(priv []byte) (*Key, error) {
	if len(priv) != secp256k1.PrivKeySize {
		return nil, fmt.Errorf("key from bytes: %d bytes, want %d", len(priv), secp256k1.PrivKeySize)
	}
	return &Key{priv: &secp256k1.PrivKey{Key: append([]byte(nil), priv...)}}, nil
}

// AddressBytes is sha256 then ripemd160 of the compressed public key, as
// the SDK's secp256k1 PubKey.Address().
func (k *Key) AddressBytes() []byte {
	return k.priv.PubKey().Address().Bytes()
}

// Address is the key's "pokt1..." address.
func (k *Key) Address() string {
	return mustEncode(k.AddressBytes())
}

// PubKeyBytes is the 33-byte compressed public key.
func (k *Key) PubKeyBytes() []byte {
	return k.priv.PubKey().Bytes()
}

// sign signs msg as the SDK's secp256k1 key does: sha256, then a 64-byte
// low-S r||s signature.
func (k *Key) sign(msg []byte) ([]byte, error) {
	sig, err := k.priv.Sign(msg)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return sig, nil
}

// TxHash is the CometBFT hash of a tx: upper-case hex of sha256(tx bytes),
// as tx, tx_search and broadcast_tx_sync print it.
func TxHash(tx []byte) string {
	h := sha256.Sum256(tx)
	return strings.ToUpper(hex.EncodeToString(h[:]))
}
