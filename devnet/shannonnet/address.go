package shannonnet

import (
	"crypto/sha256"
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

const (
	// Bech32Prefix is the human-readable part of Shannon account addresses.
	Bech32Prefix = "pokt"
	// Denom is the staking and fee denomination (1 POKT = 1,000,000 upokt).
	Denom = "upokt"
	// DefaultChainID is Shannon mainnet's chain id.
	DefaultChainID = "pocket"
	// FeeCollectorName is the SDK's fee collector module account name; its
	// address is FeeCollectorAddress().
	FeeCollectorName = "fee_collector"
	// MaxMemoCharacters is the SDK auth module's default memo limit.
	MaxMemoCharacters = 256
	// addressLen is the length of an account address (ripemd160 output).
	addressLen = 20
)

// EncodeAddress renders 20 address bytes as bech32 with the "pokt" prefix.
// It exists because sdk.AccAddress.String() uses the SDK's global prefix
// ("cosmos" unless configured), which must not leak into Shannon addresses.
func EncodeAddress(addr []byte) (string, error) {
	if len(addr) != addressLen {
		return "", fmt.Errorf("encode address: %d bytes, want %d", len(addr), addressLen)
	}
	s, err := bech32.ConvertAndEncode(Bech32Prefix, addr)
	if err != nil {
		return "", fmt.Errorf("encode address: %w", err)
	}
	return s, nil
}

// DecodeAddress parses a "pokt1..." address into its 20 bytes.
func DecodeAddress(s string) ([]byte, error) {
	hrp, addr, err := bech32.DecodeAndConvert(s)
	if err != nil {
		return nil, fmt.Errorf("decode address %q: %w", s, err)
	}
	if hrp != Bech32Prefix {
		return nil, fmt.Errorf("decode address %q: prefix %q, want %q", s, hrp, Bech32Prefix)
	}
	if len(addr) != addressLen {
		return nil, fmt.Errorf("decode address %q: %d bytes, want %d", s, len(addr), addressLen)
	}
	return addr, nil
}

// mustEncode is for bytes that are 20 long by construction.
func mustEncode(addr []byte) string {
	s, err := EncodeAddress(addr)
	if err != nil {
		panic(err)
	}
	return s
}

// moduleAddress is the SDK's authtypes.NewModuleAddress: the first 20 bytes
// of sha256(module name).
func moduleAddress(name string) []byte {
	h := sha256.Sum256([]byte(name))
	return h[:addressLen]
}

// FeeCollectorAddress is the bech32 address of the fee collector module
// account, where every tx's fee goes.
func FeeCollectorAddress() string {
	return mustEncode(moduleAddress(FeeCollectorName))
}
