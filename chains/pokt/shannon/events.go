package shannon

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wpokt/bridge/chains/pokt"
)

// transfer is a bank transfer event: {recipient, sender, amount}.
type transferEvent struct {
	recipient, sender, amount string
}

// checkTransfers applies production's event rule to a successful send:
// among the transfer events, exactly one carries upokt to the send's
// recipient, and it is from the send's sender, of the send's amount (the
// fee's transfer goes to the fee collector). A reason says how the events
// disagree with the body.
func checkTransfers(events []wireEvent, from, to string, amount uint64) (string, error) {
	n := 0
	for i, e := range events {
		if e.Type != "transfer" {
			continue
		}
		t, reason := readTransfer(e)
		if reason != "" {
			return fmt.Sprintf("events[%d]: %s", i, reason), nil
		}
		if !pokt.SameAddress(t.recipient, to) {
			continue
		}
		coins, reason, err := parseCoins(t.amount)
		if err != nil || reason != "" {
			return fmt.Sprintf("events[%d]: %s", i, reason), err
		}
		up, ok := coins[pokt.DenomUpokt]
		if !ok {
			continue
		}
		n++
		switch {
		case len(coins) != 1:
			return fmt.Sprintf("events[%d]: a transfer of %d coins to the recipient", i, len(coins)), nil
		case !pokt.SameAddress(t.sender, from):
			return fmt.Sprintf("events[%d]: a transfer from %q, the body's sender is %s", i, truncate(t.sender, 80), from), nil
		case up != amount:
			return fmt.Sprintf("events[%d]: a transfer of %d upokt, the body sends %d", i, up, amount), nil
		}
	}
	if n != 1 {
		return fmt.Sprintf("%d transfers of upokt to the recipient, want 1", n), nil
	}
	return "", nil
}

// readTransfer reads a transfer event's attributes, each exactly once.
func readTransfer(e wireEvent) (transferEvent, string) {
	var t transferEvent
	seen := map[string]bool{}
	for _, a := range e.Attributes {
		var dst *string
		switch a.Key {
		case "recipient":
			dst = &t.recipient
		case "sender":
			dst = &t.sender
		case "amount":
			dst = &t.amount
		default:
			continue // msg_index, and whatever a later SDK adds
		}
		if seen[a.Key] {
			return transferEvent{}, fmt.Sprintf("a transfer with two %q attributes", a.Key)
		}
		seen[a.Key] = true
		*dst = a.Value
	}
	if len(seen) != 3 {
		return transferEvent{}, "a transfer without recipient, sender or amount"
	}
	return t, ""
}

// parseCoins parses the SDK's printing of coins ("25000000upokt", or
// "5uother,25000000upokt"): the amounts by denom. Only upokt's amount is
// kept exactly (other denoms' values are 0): more than uint64 upokt is an
// error, as no account can hold it.
func parseCoins(s string) (map[string]uint64, string, error) {
	coins := map[string]uint64{}
	if s == "" {
		return coins, "", nil
	}
	for _, c := range strings.Split(s, ",") {
		i := 0
		for i < len(c) && c[i] >= '0' && c[i] <= '9' {
			i++
		}
		digits, denom := c[:i], c[i:]
		if digits == "" || !validDenom(denom) {
			return nil, fmt.Sprintf("amount %q is not coins", truncate(s, 80)), nil
		}
		if _, dup := coins[denom]; dup {
			return nil, fmt.Sprintf("amount %q names %q twice", truncate(s, 80), truncate(denom, 40)), nil
		}
		coins[denom] = 0
		if denom != pokt.DenomUpokt {
			continue
		}
		v, err := strconv.ParseUint(digits, 10, 64)
		if err != nil {
			return nil, "", invalid(pokt.ErrInvalidAmount, "transfer of %s upokt overflows uint64", truncate(digits, 40))
		}
		coins[denom] = v
	}
	return coins, "", nil
}

// validDenom is the SDK's default denom rule: [a-zA-Z][a-zA-Z0-9/:._-]{2,127}.
func validDenom(d string) bool {
	if len(d) < 3 || len(d) > 128 {
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(c >= '0' && c <= '9') && !strings.ContainsRune("/:._-", rune(c)) {
			return false
		}
	}
	return true
}
