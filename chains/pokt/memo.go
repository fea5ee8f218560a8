package pokt

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
)

// MaxMemoBytes bounds a deposit memo. A valid memo is about 70 bytes.
const MaxMemoBytes = 256

// Memo errors. Each also matches ErrInvalidMemo.
var (
	ErrInvalidMemo         = errors.New("invalid memo")
	ErrMemoTooLong         = errors.New("memo too long")
	ErrMemoNotJSON         = errors.New("memo is not a JSON object")
	ErrMemoUnexpectedField = errors.New("memo has an unknown, repeated or extra field")
	ErrMemoMissingAddress  = errors.New("memo has no address")
	ErrMemoBadAddress      = errors.New("memo address is not a 20-byte hex address")
	ErrMemoZeroAddress     = errors.New("memo address is the zero address")
	ErrMemoMissingChainID  = errors.New("memo has no chain_id")
	ErrMemoBadChainID      = errors.New("memo chain_id is not a decimal string")
	ErrMemoWrongChainID    = errors.New("memo chain_id is not the bridge's chain")
)

func memoErr(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %w: %s", ErrInvalidMemo, sentinel, fmt.Sprintf(format, args...))
}

// ParseMemo reads the recipient of a deposit from its memo, which must be
// exactly the JSON object {"address":"0x<40 hex>","chain_id":"<decimal>"}
// (the two fields in any order, whitespace allowed between tokens), with
// chain_id equal to ethChainID. It returns the address in its EIP-55
// checksummed form.
//
// Decisions, so that every signer reaches the same verdict:
//   - the address is read case-insensitively, as the public wPOKT bridge
//     does: an all-lower, all-upper or mixed-case address is accepted even
//     when its mixed case is not a valid EIP-55 checksum, and it is then
//     checksummed once, here. The 0x prefix is required (0X accepted).
//   - anything else is refused: a memo over MaxMemoBytes, a field other than
//     address and chain_id, a field twice (JSON parsers disagree on which
//     copy wins), a value that is not a string, anything after the object,
//     a missing field, the zero address, a chain_id with anything but digits
//     (leading zeros are allowed: "01" is 1) or beyond uint64.
//
// Every error matches ErrInvalidMemo and one of the more precise ErrMemo...
// sentinels.
func ParseMemo(memo string, ethChainID uint64) (recipient string, err error) {
	if len(memo) > MaxMemoBytes {
		return "", memoErr(ErrMemoTooLong, "%d bytes, at most %d", len(memo), MaxMemoBytes)
	}
	fields, err := memoFields(memo)
	if err != nil {
		return "", err
	}
	address, ok := fields["address"]
	if !ok {
		return "", memoErr(ErrMemoMissingAddress, "no address field")
	}
	chainID, ok := fields["chain_id"]
	if !ok {
		return "", memoErr(ErrMemoMissingChainID, "no chain_id field")
	}
	recipient, err = checksumAddress(address)
	if err != nil {
		return "", err
	}
	id, err := parseChainID(chainID)
	if err != nil {
		return "", err
	}
	if ethChainID == 0 {
		return "", memoErr(ErrMemoWrongChainID, "the bridge has no chain id configured")
	}
	if id != ethChainID {
		return "", memoErr(ErrMemoWrongChainID, "chain_id %d, want %d", id, ethChainID)
	}
	return recipient, nil
}

// memoFields reads a flat JSON object of string values, refusing unknown or
// repeated keys and trailing data.
func memoFields(memo string) (map[string]string, error) {
	dec := json.NewDecoder(strings.NewReader(memo))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, memoErr(ErrMemoNotJSON, "%q", truncate(memo, 64))
	}
	fields := make(map[string]string, 2)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, memoErr(ErrMemoNotJSON, "%v", err)
		}
		key, _ := tok.(string) // a key is always a string
		if key != "address" && key != "chain_id" {
			return nil, memoErr(ErrMemoUnexpectedField, "field %q", truncate(key, 32))
		}
		if _, dup := fields[key]; dup {
			return nil, memoErr(ErrMemoUnexpectedField, "field %q twice", key)
		}
		tok, err = dec.Token()
		if err != nil {
			return nil, memoErr(ErrMemoNotJSON, "%v", err)
		}
		value, ok := tok.(string)
		if !ok {
			if key == "chain_id" {
				return nil, memoErr(ErrMemoBadChainID, "chain_id is not a string")
			}
			return nil, memoErr(ErrMemoBadAddress, "address is not a string")
		}
		fields[key] = value
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, memoErr(ErrMemoNotJSON, "unterminated object")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, memoErr(ErrMemoUnexpectedField, "data after the object")
	}
	return fields, nil
}

// checksumAddress validates a 0x-prefixed 20-byte hex address in any case
// and returns its EIP-55 form.
func checksumAddress(s string) (string, error) {
	if len(s) != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !isHex(s[2:]) {
		return "", memoErr(ErrMemoBadAddress, "%q", truncate(s, 64))
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		return "", memoErr(ErrMemoBadAddress, "%q", s)
	}
	addr := common.BytesToAddress(b)
	if addr == (common.Address{}) {
		return "", memoErr(ErrMemoZeroAddress, "%s", s)
	}
	return addr.Hex(), nil
}

// parseChainID parses a decimal string: digits only, within uint64.
func parseChainID(s string) (uint64, error) {
	if s == "" {
		return 0, memoErr(ErrMemoBadChainID, "empty chain_id")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, memoErr(ErrMemoBadChainID, "chain_id %q", truncate(s, 32))
		}
	}
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, memoErr(ErrMemoBadChainID, "chain_id %q overflows uint64", truncate(s, 32))
	}
	return id, nil
}
