package copper

import (
	"errors"
	"fmt"
	"math/big"
	"strings"
)

// Decimals of POKT (upokt) and wPOKT: 1 POKT = 1,000,000 upokt.
const PoktDecimals = 6

// maxAmountDigits bounds the digits of a parsed amount, so that a hostile
// answer cannot make the decoder do unbounded big-number work.
const maxAmountDigits = 78

// ErrInvalidAmount is returned for a malformed, negative or too precise amount.
var ErrInvalidAmount = errors.New("copper: invalid amount")

// Amount is an exact, non-negative decimal, as Copper sends amounts: a JSON
// string such as "12.5". It never goes through float64. The zero value is 0.
type Amount struct {
	units *big.Int // value = units / 10^scale; nil means 0
	scale int      // digits after the point, trailing zeros stripped
}

// ParseAmount parses a plain decimal string: digits, optionally a point and
// more digits ("12", "12.5", "0.000001"). Signs, exponents, spaces and empty
// strings are rejected.
func ParseAmount(s string) (Amount, error) {
	if s == "" {
		return Amount{}, fmt.Errorf("%w: empty", ErrInvalidAmount)
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || (hasPoint && frac == "") {
		return Amount{}, fmt.Errorf("%w: %q", ErrInvalidAmount, clip(s))
	}
	digits := intPart + frac
	if len(digits) > maxAmountDigits {
		return Amount{}, fmt.Errorf("%w: more than %d digits", ErrInvalidAmount, maxAmountDigits)
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return Amount{}, fmt.Errorf("%w: %q", ErrInvalidAmount, clip(s))
		}
	}
	u, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return Amount{}, fmt.Errorf("%w: %q", ErrInvalidAmount, clip(s))
	}
	return newAmount(u, len(frac)), nil
}

// MustParseAmount is ParseAmount for constants in code and tests; it panics on a bad string.
func MustParseAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// AmountFromBaseUnits returns units / 10^decimals, e.g. (12_500_000, 6) -> 12.5.
func AmountFromBaseUnits(units uint64, decimals int) Amount {
	if decimals < 0 {
		decimals = 0
	}
	return newAmount(new(big.Int).SetUint64(units), decimals)
}

// AmountFromBigBaseUnits is AmountFromBaseUnits for big values; negative values are rejected.
func AmountFromBigBaseUnits(units *big.Int, decimals int) (Amount, error) {
	if units == nil || units.Sign() < 0 || decimals < 0 {
		return Amount{}, fmt.Errorf("%w: negative or nil base units", ErrInvalidAmount)
	}
	return newAmount(new(big.Int).Set(units), decimals), nil
}

func newAmount(u *big.Int, scale int) Amount {
	if u.Sign() == 0 {
		return Amount{}
	}
	ten := big.NewInt(10)
	q, r := new(big.Int), new(big.Int)
	for scale > 0 {
		q.QuoRem(u, ten, r)
		if r.Sign() != 0 {
			break
		}
		u.Set(q)
		scale--
	}
	return Amount{units: u, scale: scale}
}

// BigBaseUnits returns the amount in base units of a currency with the given
// decimals. It fails rather than round when the amount is more precise than
// the currency allows.
func (a Amount) BigBaseUnits(decimals int) (*big.Int, error) {
	if a.units == nil {
		return new(big.Int), nil
	}
	if decimals < a.scale {
		return nil, fmt.Errorf("%w: %s has more than %d decimals", ErrInvalidAmount, a, decimals)
	}
	exp := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals-a.scale)), nil)
	return exp.Mul(exp, a.units), nil
}

// BaseUnits is BigBaseUnits for amounts that fit a uint64 (all POKT amounts do).
func (a Amount) BaseUnits(decimals int) (uint64, error) {
	u, err := a.BigBaseUnits(decimals)
	if err != nil {
		return 0, err
	}
	if !u.IsUint64() {
		return 0, fmt.Errorf("%w: %s overflows uint64 base units", ErrInvalidAmount, a)
	}
	return u.Uint64(), nil
}

// IsZero reports whether the amount is 0.
func (a Amount) IsZero() bool { return a.units == nil || a.units.Sign() == 0 }

// Cmp compares a and b: -1 if a < b, 0 if equal, +1 if a > b.
func (a Amount) Cmp(b Amount) int {
	if a.IsZero() || b.IsZero() {
		return a.sign() - b.sign()
	}
	scale := max(a.scale, b.scale)
	x, _ := a.BigBaseUnits(scale)
	y, _ := b.BigBaseUnits(scale)
	return x.Cmp(y)
}

func (a Amount) sign() int {
	if a.IsZero() {
		return 0
	}
	return 1
}

// Equal reports whether a and b are the same number ("12.50" equals "12.5").
func (a Amount) Equal(b Amount) bool { return a.Cmp(b) == 0 }

// String returns the canonical decimal form: no trailing zeros, no exponent ("12.5", "0", "0.000001").
func (a Amount) String() string {
	if a.IsZero() {
		return "0"
	}
	s := a.units.String()
	if a.scale == 0 {
		return s
	}
	if len(s) <= a.scale {
		s = strings.Repeat("0", a.scale-len(s)+1) + s
	}
	return s[:len(s)-a.scale] + "." + s[len(s)-a.scale:]
}

// MarshalJSON encodes the amount as a JSON string, as Copper expects.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(`"` + a.String() + `"`), nil }

// UnmarshalJSON accepts a JSON string ("12.5") and, leniently, a bare JSON
// number (12.5), which is parsed from its literal text, never through float64.
func (a *Amount) UnmarshalJSON(data []byte) error {
	s := string(data)
	if s == "null" {
		*a = Amount{}
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := ParseAmount(s)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// clip shortens text from outside before it goes into an error message.
func clip(s string) string {
	const n = 64
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
