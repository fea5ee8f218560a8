package pokt

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/cosmos/btcutil/bech32"
)

// AddressLen is the length of a Morse address in hex characters (20 bytes).
const AddressLen = 40

// HashLen is the length of a Pocket tx hash in hex characters (32 bytes).
const HashLen = 64

// Bech32Prefix is the human-readable part of a Shannon account address.
const Bech32Prefix = "pokt"

// Protocol is a Pocket network protocol: it decides how addresses print and
// which client speaks to the node.
type Protocol string

const (
	// Shannon is today's Pocket (Cosmos SDK + CometBFT), the default.
	Shannon Protocol = "shannon"
	// Morse is Pocket before the 2025-06-03 hard fork.
	Morse Protocol = "morse"
)

// Valid reports whether p is a known protocol.
func (p Protocol) Valid() bool { return p == Shannon || p == Morse }

// Address is a Pocket account: 20 bytes, printed in the form of the
// protocol it was read or made for (Shannon: bech32 "pokt1…"; Morse: 40
// lower-case hex). Compare addresses with Equal: the same account may be
// spelled in either form.
type Address struct {
	raw      [20]byte
	protocol Protocol
}

// ParseAddress reads an address in either form: bech32 with the "pokt"
// prefix (Shannon), or 40 hex characters with an optional 0x (Morse).
// Anything else is ErrInvalidAddress.
func ParseAddress(s string) (Address, error) {
	if strings.HasPrefix(strings.ToLower(s), Bech32Prefix+"1") {
		return parseBech32(s)
	}
	h := trim0x(s)
	if len(h) != AddressLen || !isHex(h) {
		return Address{}, fmt.Errorf("%w: %q is neither a pokt1… address nor 40 hex characters", ErrInvalidAddress, truncate(s, 80))
	}
	var a Address
	hex.Decode(a.raw[:], []byte(h)) // valid: checked above
	a.protocol = Morse
	return a, nil
}

func parseBech32(s string) (Address, error) {
	if len(s) > 90 {
		return Address{}, fmt.Errorf("%w: %q is too long for bech32", ErrInvalidAddress, truncate(s, 80))
	}
	hrp, data, err := bech32.Decode(s, 90)
	if err != nil {
		return Address{}, fmt.Errorf("%w: %q: %v", ErrInvalidAddress, truncate(s, 80), err)
	}
	if hrp != Bech32Prefix {
		return Address{}, fmt.Errorf("%w: %q: prefix %q, want %q", ErrInvalidAddress, truncate(s, 80), hrp, Bech32Prefix)
	}
	raw, err := bech32.ConvertBits(data, 5, 8, false)
	if err != nil {
		return Address{}, fmt.Errorf("%w: %q: %v", ErrInvalidAddress, truncate(s, 80), err)
	}
	return AddressFromBytes(Shannon, raw)
}

// AddressFromBytes is the account with these 20 bytes, printed in p's form.
func AddressFromBytes(p Protocol, raw []byte) (Address, error) {
	if len(raw) != 20 {
		return Address{}, fmt.Errorf("%w: %d bytes, want 20", ErrInvalidAddress, len(raw))
	}
	if !p.Valid() {
		return Address{}, fmt.Errorf("%w: unknown protocol %q", ErrInvalidArgument, p)
	}
	a := Address{protocol: p}
	copy(a.raw[:], raw)
	return a, nil
}

// String prints the address in its protocol's form; the zero Address is "".
func (a Address) String() string {
	switch a.protocol {
	case Shannon:
		data, err := bech32.ConvertBits(a.raw[:], 8, 5, true)
		if err != nil {
			return ""
		}
		s, err := bech32.Encode(Bech32Prefix, data)
		if err != nil {
			return ""
		}
		return s
	case Morse:
		return hex.EncodeToString(a.raw[:])
	}
	return ""
}

// In is the same account printed in p's form.
func (a Address) In(p Protocol) Address { a.protocol = p; return a }

// Protocol is the form the address prints in: the one it was parsed from,
// unless In changed it.
func (a Address) Protocol() Protocol { return a.protocol }

// Bytes returns the account's 20 bytes.
func (a Address) Bytes() []byte { return append([]byte(nil), a.raw[:]...) }

// Equal reports whether a and b are the same account, whatever their form.
func (a Address) Equal(b Address) bool { return a.raw == b.raw && !a.IsZero() }

// IsZero reports whether a was never set.
func (a Address) IsZero() bool { return a.protocol == "" }

// MarshalText prints the address, for JSON and YAML.
func (a Address) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText parses either form; empty text is the zero Address.
func (a *Address) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = Address{}
		return nil
	}
	p, err := ParseAddress(string(b))
	if err != nil {
		return err
	}
	*a = p
	return nil
}

// NormalizeAddress returns the canonical spelling of an address in the form
// it was given: bech32 lower-case for a pokt1… address, 40 lower-case hex
// without 0x for a Morse address. Anything else is ErrInvalidAddress.
func NormalizeAddress(s string) (string, error) {
	a, err := ParseAddress(s)
	if err != nil {
		return "", err
	}
	return a.String(), nil
}

// SameAddress reports whether two spellings name the same account; an
// unparsable one names none.
func SameAddress(a, b string) bool {
	x, err := ParseAddress(a)
	if err != nil {
		return false
	}
	y, err := ParseAddress(b)
	return err == nil && x.Equal(y)
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

// TxHashOf returns the hash a CometBFT (Tendermint) node gives the tx whose
// bytes are raw: the upper-case hex of sha256(raw).
func TxHashOf(raw []byte) string {
	sum := sha256.Sum256(raw)
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// TxHashOfBase64 is TxHashOf for the base64 tx bytes of a node's answer.
func TxHashOfBase64(b64 string) (string, error) {
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

// Truncate bounds a string taken from outside before it goes into an error.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

func truncate(s string, n int) string { return Truncate(s, n) }
