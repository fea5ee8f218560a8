package transfer

import (
	"fmt"
	"strconv"
	"strings"
)

// Decimals of POKT and wPOKT: 1 POKT = 1,000,000 upokt.
const Decimals = 6

// UpoktPerPOKT is one POKT in upokt.
const UpoktPerPOKT = 1_000_000

const unit = UpoktPerPOKT

// FormatPOKT writes an amount in upokt as a decimal POKT string without
// trailing zeros: 12500000 is "12.5".
func FormatPOKT(upokt uint64) string {
	whole, frac := upokt/unit, upokt%unit
	if frac == 0 {
		return strconv.FormatUint(whole, 10)
	}
	return strings.TrimRight(fmt.Sprintf("%d.%06d", whole, frac), "0")
}

// ParsePOKT reads a decimal POKT amount ("12.5", "0.000001", "3") into
// upokt, refusing more than 6 decimals, signs, exponents and overflow.
func ParsePOKT(s string) (uint64, error) {
	whole, frac, hasDot := strings.Cut(s, ".")
	if whole == "" && frac == "" || hasDot && frac == "" {
		return 0, fmt.Errorf("amount %q: want a decimal like 12.5", s)
	}
	if len(frac) > Decimals {
		return 0, fmt.Errorf("amount %q: more than %d decimals", s, Decimals)
	}
	for _, part := range []string{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return 0, fmt.Errorf("amount %q: want a decimal like 12.5", s)
			}
		}
	}
	var w uint64
	if whole != "" {
		var err error
		if w, err = strconv.ParseUint(whole, 10, 64); err != nil || w > (1<<64-1)/unit {
			return 0, fmt.Errorf("amount %q: too large", s)
		}
	}
	var f uint64
	if frac != "" {
		f, _ = strconv.ParseUint(frac+strings.Repeat("0", Decimals-len(frac)), 10, 64)
	}
	if w*unit > (1<<64-1)-f {
		return 0, fmt.Errorf("amount %q: too large", s)
	}
	return w*unit + f, nil
}
