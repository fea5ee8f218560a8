package morsesim

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// SignedSend is a decoded and verified stand-in signed send (see the
// package documentation for its bytes).
type SignedSend struct {
	// From and To are 40 lower-case hex characters.
	From, To    string
	Amount, Fee uint64
	Memo        string
	Entropy     int64
	PublicKey   ed25519.PublicKey
	Signature   []byte
}

// wireSend is the stand-in raw tx.
type wireSend struct {
	Msg       wireSendMsg `json:"msg"`
	Fee       string      `json:"fee"`
	Memo      string      `json:"memo"`
	Entropy   int64       `json:"entropy"`
	PublicKey string      `json:"public_key"`
	Signature string      `json:"signature"`
}

// wireSendMsg is the transfer itself, fields in sorted order.
type wireSendMsg struct {
	Amount      string `json:"amount"`
	FromAddress string `json:"from_address"`
	ToAddress   string `json:"to_address"`
}

// wireUnsigned is what is signed: the raw tx without public_key and
// signature, keys in sorted order, as encoding/json writes it (no spaces).
type wireUnsigned struct {
	Entropy int64       `json:"entropy"`
	Fee     string      `json:"fee"`
	Memo    string      `json:"memo"`
	Msg     wireSendMsg `json:"msg"`
}

func (w wireSend) signBytes() []byte {
	b, _ := json.Marshal(wireUnsigned{Entropy: w.Entropy, Fee: w.Fee, Memo: w.Memo, Msg: w.Msg}) // cannot fail: strings and an int
	return b
}

// AddressFromPublicKey returns the Morse address of an ed25519 public key:
// the first 20 bytes of sha256(public key), as 40 lower-case hex characters.
func AddressFromPublicKey(pub ed25519.PublicKey) (string, error) {
	if len(pub) != ed25519.PublicKeySize {
		return "", fmt.Errorf("address from public key: %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:20]), nil
}

// SignSend builds the stand-in raw bytes of a send from the key's address to
// to, signed with priv. The result is what /v1/client/rawtx takes, hex
// encoded, as raw_hex_bytes. entropy makes each tx unique: the simulator
// refuses a second tx with the same signer and entropy.
func SignSend(priv ed25519.PrivateKey, to string, amount, fee uint64, memo string, entropy int64) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("sign send: private key of %d bytes, want %d", len(priv), ed25519.PrivateKeySize)
	}
	from, err := AddressFromPublicKey(priv.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, fmt.Errorf("sign send: %w", err)
	}
	toAddr, err := normalizeAddress(to)
	if err != nil {
		return nil, fmt.Errorf("sign send: to: %w", err)
	}
	if amount == 0 {
		return nil, errors.New("sign send: amount is 0")
	}
	w := wireSend{
		Msg: wireSendMsg{
			Amount:      strconv.FormatUint(amount, 10),
			FromAddress: from,
			ToAddress:   toAddr,
		},
		Fee:       strconv.FormatUint(fee, 10),
		Memo:      memo,
		Entropy:   entropy,
		PublicKey: hex.EncodeToString(priv.Public().(ed25519.PublicKey)),
	}
	w.Signature = hex.EncodeToString(ed25519.Sign(priv, w.signBytes()))
	raw, err := json.Marshal(w)
	if err != nil {
		return nil, fmt.Errorf("sign send: %w", err)
	}
	return raw, nil
}

// errBadSignature marks a raw tx whose signature or signer is wrong.
var errBadSignature = errors.New("signature verification failed")

// DecodeSignedSend decodes raw stand-in bytes strictly (one JSON object, no
// unknown fields), checks that the signature is valid and that the public
// key owns from_address, and returns the send.
func DecodeSignedSend(raw []byte) (*SignedSend, error) {
	var w wireSend
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("decode signed send: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("decode signed send: data after the object")
	}
	s := &SignedSend{Memo: w.Memo, Entropy: w.Entropy}
	var err error
	if s.From, err = normalizeAddress(w.Msg.FromAddress); err != nil {
		return nil, fmt.Errorf("decode signed send: from_address: %w", err)
	}
	if s.To, err = normalizeAddress(w.Msg.ToAddress); err != nil {
		return nil, fmt.Errorf("decode signed send: to_address: %w", err)
	}
	if s.Amount, err = parseDecimal(w.Msg.Amount); err != nil {
		return nil, fmt.Errorf("decode signed send: amount: %w", err)
	}
	if s.Fee, err = parseDecimal(w.Fee); err != nil {
		return nil, fmt.Errorf("decode signed send: fee: %w", err)
	}
	pub, err := hex.DecodeString(w.PublicKey)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("decode signed send: %w: public_key is not %d hex bytes", errBadSignature, ed25519.PublicKeySize)
	}
	sig, err := hex.DecodeString(w.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, fmt.Errorf("decode signed send: %w: signature is not %d hex bytes", errBadSignature, ed25519.SignatureSize)
	}
	s.PublicKey, s.Signature = pub, sig
	if !ed25519.Verify(pub, w.signBytes(), sig) {
		return nil, fmt.Errorf("decode signed send: %w", errBadSignature)
	}
	if owner, _ := AddressFromPublicKey(pub); owner != s.From {
		return nil, fmt.Errorf("decode signed send: %w: key of %s signed for %s", errBadSignature, owner, s.From)
	}
	return s, nil
}

// normalizeAddress returns a Pocket address as 40 lower-case hex characters;
// it takes either case and an optional 0x. The simulator keeps its own copy
// of this rule rather than sharing the client's, as a real node would.
func normalizeAddress(s string) (string, error) {
	h := s
	if len(h) >= 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X') {
		h = h[2:]
	}
	if len(h) != 40 {
		return "", fmt.Errorf("address %q is not 40 hex characters", clip(s))
	}
	if _, err := hex.DecodeString(h); err != nil {
		return "", fmt.Errorf("address %q is not 40 hex characters", clip(s))
	}
	return strings.ToLower(h), nil
}

// parseDecimal parses digits only into a uint64.
func parseDecimal(s string) (uint64, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" {
		return 0, fmt.Errorf("%q is not a decimal integer", clip(s))
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q overflows uint64", clip(s))
	}
	return v, nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
