package web

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/cosmos/btcutil/bech32"
	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/transfer"
)

// Every input is checked here before it reaches a query; a bad one is a
// badInput error, which the handlers answer with 400 and its message.

// badInput is an input the page refuses, with the message the user sees.
type badInput struct{ msg string }

func (e badInput) Error() string { return e.msg }

func refuse(format string, args ...any) error { return badInput{fmt.Sprintf(format, args...)} }

func isBadInput(err error) bool { var b badInput; return errors.As(err, &b) }

// maxInput bounds what the page reads from a path or a query string.
const maxInput = 128

// pocketHRP is the bech32 prefix of Pocket (Shannon) addresses.
const pocketHRP = "pokt"

// txHash is a validated tx hash: 32 bytes, from either chain.
type txHash struct {
	// Bare is the lower-case hex without 0x.
	Bare string
	// Ethereum is true when the hash was written with 0x, as Ethereum
	// hashes are; Pocket hashes are printed upper-case without it.
	Ethereum bool
}

// parseTxHash accepts 64 hex characters in any case, with or without 0x.
func parseTxHash(s string) (txHash, error) {
	bare, prefixed := cut0x(s)
	if len(bare) != 64 || !isHex(bare) {
		return txHash{}, refuse("%q is not a transaction hash: want 64 hex characters, with or without 0x", clip(s))
	}
	return txHash{Bare: strings.ToLower(bare), Ethereum: prefixed}, nil
}

// address is a validated address of either chain, with every spelling the
// bridge may have stored it under.
type address struct {
	Input string
	// Chain is "ethereum", "pocket", or "" when 40 hex characters without
	// 0x could be either (a Morse address, or an Ethereum one without 0x).
	Chain     string
	Spellings []string
}

// parseAddress accepts an Ethereum address (0x and 40 hex, any case), a
// Pocket Morse address (40 hex) and a Pocket Shannon address (bech32
// pokt1...). The bridge stores Ethereum addresses EIP-55 checksummed and
// Pocket addresses as lower-case hex (Morse) or bech32 (Shannon); the
// spellings cover each of them for the same 20 bytes.
func parseAddress(s string) (address, error) {
	if len(s) > maxInput {
		return address{}, refuse("%q is not an address: too long", clip(s))
	}
	if strings.HasPrefix(strings.ToLower(s), pocketHRP+"1") {
		raw, err := decodePocketBech32(s)
		if err != nil {
			return address{}, err
		}
		return address{Input: s, Chain: "pocket", Spellings: pocketSpellings(raw)}, nil
	}
	bare, prefixed := cut0x(s)
	if len(bare) != 40 || !isHex(bare) {
		return address{}, refuse("%q is not an address: want 0x and 40 hex characters (Ethereum), 40 hex characters (Pocket) or pokt1... (Pocket)", clip(s))
	}
	raw, _ := hex.DecodeString(bare) // checked above
	a := address{Input: s, Spellings: ethSpellings(raw)}
	if prefixed {
		a.Chain = "ethereum"
	}
	a.Spellings = append(a.Spellings, pocketSpellings(raw)...)
	return a, nil
}

func decodePocketBech32(s string) ([]byte, error) {
	hrp, data, err := bech32.Decode(s, 90)
	if err != nil {
		return nil, refuse("%q is not a Pocket address: %v", clip(s), err)
	}
	if hrp != pocketHRP {
		return nil, refuse("%q is not a Pocket address: prefix %q, want %q", clip(s), hrp, pocketHRP)
	}
	raw, err := bech32.ConvertBits(data, 5, 8, false)
	if err != nil {
		return nil, refuse("%q is not a Pocket address: %v", clip(s), err)
	}
	if len(raw) != 20 && len(raw) != 32 {
		return nil, refuse("%q is not a Pocket address: %d bytes, want 20 (or 32)", clip(s), len(raw))
	}
	return raw, nil
}

func ethSpellings(raw []byte) []string {
	a := common.BytesToAddress(raw)
	return []string{a.Hex(), strings.ToLower(a.Hex())}
}

func pocketSpellings(raw []byte) []string {
	out := []string{hex.EncodeToString(raw)}
	if data, err := bech32.ConvertBits(raw, 8, 5, true); err == nil {
		if b, err := bech32.Encode(pocketHRP, data); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// parseTransferID accepts the workflow IDs the bridge gives transfers:
// mint-<64 hex> and burn-0x<64 hex>-<n>.
func parseTransferID(s string) (string, error) {
	if len(s) > maxInput {
		return "", refuse("%q is not a transfer id: too long", clip(s))
	}
	kind, hash, n, err := transfer.ParseWorkflowID(s)
	if err != nil {
		return "", refuse("%q is not a transfer id: want mint-<tx hash> or burn-0x<tx hash>-<n>", clip(s))
	}
	bare, _ := cut0x(hash)
	if len(bare) != 64 || n > 10_000 {
		return "", refuse("%q is not a transfer id: the tx hash must be 64 hex characters", clip(s))
	}
	if kind == transfer.KindBurn {
		return transfer.BurnWorkflowID(hash, n), nil
	}
	return transfer.MintWorkflowID(hash), nil
}

// parseSearch tells what the search box holds: a tx hash, a transfer ID or
// an address; the answer is the path that shows it.
func parseSearch(q string) (string, error) {
	q = strings.TrimSpace(q)
	switch {
	case q == "":
		return "", refuse("type a transaction hash or an address")
	case len(q) > maxInput:
		return "", refuse("%q is neither a transaction hash nor an address: too long", clip(q))
	case strings.HasPrefix(q, "mint-") || strings.HasPrefix(q, "burn-"):
		id, err := parseTransferID(q)
		return "/t/" + id, err
	}
	if h, err := parseTxHash(q); err == nil {
		return "/tx/" + q0x(h), nil
	}
	if _, err := parseAddress(q); err == nil {
		return "/address/" + q, nil
	}
	return "", refuse("%q is neither a transaction hash (64 hex characters) nor an address (0x..., 40 hex characters or pokt1...)", clip(q))
}

// q0x is a hash as the page's links spell it.
func q0x(h txHash) string {
	if h.Ethereum {
		return "0x" + h.Bare
	}
	return strings.ToUpper(h.Bare)
}

func cut0x(s string) (string, bool) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:], true
	}
	return s, false
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil && len(s)%2 == 0
}

// clip bounds an input quoted back in a message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// parseLimit reads an optional ?limit= (1..max, default def).
func parseLimit(s string, def, max int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, refuse("limit %q: want a number from 1 to %d", clip(s), max)
	}
	return n, nil
}
