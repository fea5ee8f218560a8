package eth

import (
	"bytes"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// MintSelector is the 4-byte selector of mint(address,uint256,uint256).
const MintSelector = "\x15\x6e\x29\xf6"

// MintCallLen is the length of an ABI-encoded mint call: selector and 3 words.
const MintCallLen = 4 + 3*32

// EncodeMintCall returns the call data of wPOKT mint(to, amount, nonce), the
// payload of the Copper smart-contract order. It panics if amount or nonce is
// nil, negative or wider than 256 bits (a programming error); use
// TryEncodeMintCall for values that were not checked yet.
func EncodeMintCall(to common.Address, amount, nonce *big.Int) []byte {
	data, err := TryEncodeMintCall(to, amount, nonce)
	if err != nil {
		panic(err)
	}
	return data
}

// TryEncodeMintCall is EncodeMintCall returning an error instead of panicking.
func TryEncodeMintCall(to common.Address, amount, nonce *big.Int) ([]byte, error) {
	for _, v := range []struct {
		name string
		n    *big.Int
	}{{"amount", amount}, {"nonce", nonce}} {
		if v.n == nil || v.n.Sign() < 0 || v.n.BitLen() > 256 {
			return nil, fmt.Errorf("encode mint call: %w: %s %v is not a uint256", ErrInvalidArgument, v.name, v.n)
		}
	}
	data := make([]byte, MintCallLen)
	copy(data, MintSelector)
	copy(data[4+12:4+32], to.Bytes())
	amount.FillBytes(data[4+32 : 4+64])
	nonce.FillBytes(data[4+64 : 4+96])
	return data, nil
}

// DecodeMintCall decodes call data of wPOKT mint(to, amount, nonce). It fails
// with ErrInvalidMintCall on another selector, a wrong length (short data or
// trailing bytes) or an address word with non-zero padding, which the
// contract's ABI decoder would reject too.
func DecodeMintCall(data []byte) (to common.Address, amount, nonce *big.Int, err error) {
	switch {
	case len(data) < 4 || string(data[:4]) != MintSelector:
		return common.Address{}, nil, nil, fmt.Errorf("decode mint call: %w: selector is not mint(address,uint256,uint256)", ErrInvalidMintCall)
	case len(data) != MintCallLen:
		return common.Address{}, nil, nil, fmt.Errorf("decode mint call: %w: %d bytes, want %d", ErrInvalidMintCall, len(data), MintCallLen)
	}
	word := data[4 : 4+32]
	if !bytes.Equal(word[:12], make([]byte, 12)) {
		return common.Address{}, nil, nil, fmt.Errorf("decode mint call: %w: address word has non-zero padding", ErrInvalidMintCall)
	}
	to = common.BytesToAddress(word[12:])
	amount = new(big.Int).SetBytes(data[4+32 : 4+64])
	nonce = new(big.Int).SetBytes(data[4+64 : 4+96])
	return to, amount, nonce, nil
}
