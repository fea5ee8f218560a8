package pokt

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// AddressLen is the length of a Pocket address in hex characters (20 bytes).
const AddressLen = 40

// HashLen is the length of a Pocket tx hash in hex characters (32 bytes).
const HashLen = 64

// NormalizeAddress returns the canonical form of a Pocket address: 40 lower-case
// hex characters without a 0x prefix. It accepts either case and an optional
// 0x or 0X prefix, and rejects anything else (spaces included) with
// ErrInvalidAddress.
func NormalizeAddress(s string) (string, error) {
	h := trim0x(s)
	if len(h) != AddressLen || !isHex(h) {
		return "", fmt.Errorf("%w: %q is not 40 hex characters", ErrInvalidAddress, truncate(s, 80))
	}
	return strings.ToLower(h), nil
}

// NormalizeTxHash returns the canonical form of a Pocket tx hash: 64 upper-case
// hex characters without a 0x prefix, the form the node prints and expects.
// It accepts either case and an optional 0x or 0X prefix, and rejects anything
// else with ErrInvalidHash.
func NormalizeTxHash(s string) (string, error) {
	h := trim0x(s)
	if len(h) != HashLen || !isHex(h) {
		return "", fmt.Errorf("%w: %q is not 64 hex characters", ErrInvalidHash, truncate(s, 80))
	}
	return strings.ToUpper(h), nil
}

// TxHashOf returns the hash the node gives the tx whose bytes are raw: the
// upper-case hex of sha256(raw), as Tendermint hashes every tx.
func TxHashOf(raw []byte) string {
	sum := sha256.Sum256(raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// txHashOfBase64 is TxHashOf for the base64 "tx" field of a node's answer.
func txHashOfBase64(b64 string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return "", err
	}
	return TxHashOf(raw), nil
}

func trim0x(s string) string {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:]
	}
	return s
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F':
		default:
			return false
		}
	}
	return true
}

// truncate bounds a string taken from outside before it goes into an error.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
