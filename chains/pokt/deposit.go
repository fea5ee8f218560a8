package pokt

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wpokt/bridge/transfer"
)

// DepositRules are the bridge's settings that classify a deposit. Every
// signer holds its own copy; they must agree for a deposit to go through.
type DepositRules struct {
	// EthChainID is the Ethereum chain id a memo must name.
	EthChainID uint64
	// FeeUpokt is the Pocket fee of a send. A deposit at or below it is not
	// refundable; unless VaultPaysFee, a refund returns amount - fee.
	FeeUpokt uint64
	// VaultPaysFee says that a payout from the vault (a refund here, a
	// burn's return elsewhere) sends the full amount and the vault pays the
	// network fee on top, as production wPOKT does on Shannon. False takes
	// the fee from the amount, as on Morse. DefaultVaultPaysFee gives
	// production's choice per protocol.
	VaultPaysFee bool
	// MaxMintUpokt is the largest deposit minted; above it the deposit is
	// refunded. 0 means no maximum.
	MaxMintUpokt uint64
	// Vault is the Pocket address deposits are sent to.
	Vault string
	// TopUpSenders are the operators' treasury addresses: what they send
	// to the vault tops up its backing and is neither minted nor refunded.
	TopUpSenders []string
}

// DefaultVaultPaysFee is production wPOKT's fee rule for protocol p: on
// Shannon the vault pays the fee (users get the full amount back), on Morse
// the fee came out of the amount.
func DefaultVaultPaysFee(p Protocol) bool { return p == Shannon }

// Validate reports whether the rules can classify anything. Check it when
// the configuration is loaded: ClassifyDeposit refuses to act on bad rules.
func (r DepositRules) Validate() error {
	if r.EthChainID == 0 {
		return errors.New("deposit rules: eth chain id is 0")
	}
	if _, err := NormalizeAddress(r.Vault); err != nil {
		return fmt.Errorf("deposit rules: vault: %w", err)
	}
	if r.MaxMintUpokt != 0 && r.MaxMintUpokt <= r.FeeUpokt {
		return fmt.Errorf("deposit rules: max mint %d is not above the fee %d", r.MaxMintUpokt, r.FeeUpokt)
	}
	for _, a := range r.TopUpSenders {
		if _, err := NormalizeAddress(a); err != nil {
			return fmt.Errorf("deposit rules: top-up sender %q: %w", a, err)
		}
		if SameAddress(a, r.Vault) {
			return errors.New("deposit rules: the vault cannot be a top-up sender")
		}
	}
	return nil
}

// ClassifyDeposit decides what becomes of tx under rules. It is a pure
// function: the workflow calls it to classify a deposit and every signer
// calls it again, independently, before co-signing. The order of the checks:
//
//  1. rules that do not Validate: failed (nothing moves on bad settings);
//  2. the tx failed on chain (Code != 0): failed;
//  3. bytes that do not decode: unreadable (an operator must look);
//  4. not a send, not to the vault, or sent by the vault itself: failed;
//  5. sent by a top-up sender: top_up, whatever its amount and memo;
//  6. amount <= fee: invalid, "amount at or below the fee, not refundable";
//  7. a memo that ParseMemo refuses: refund, with the memo error as reason;
//  8. amount above MaxMintUpokt (when set): refund;
//  9. otherwise: mint Amount to the memo's address.
func ClassifyDeposit(tx Tx, rules DepositRules) transfer.Reading {
	d := transfer.Reading{Amount: tx.Amount}
	fail := func(class transfer.Class, reason string) transfer.Reading {
		d.Class, d.Reason = class, reason
		return d
	}
	if err := rules.Validate(); err != nil {
		return fail(transfer.ClassFailed, fmt.Sprintf("invalid %v", err))
	}
	vault, _ := NormalizeAddress(rules.Vault) // valid: checked by Validate
	if !tx.Success() {
		return fail(transfer.ClassFailed, fmt.Sprintf("source tx failed on chain: code %d codespace %q", tx.Code, tx.Codespace))
	}
	if strings.HasPrefix(tx.NotASend, NotASendUndecodable) {
		return fail(transfer.ClassUnreadable, "the tx could not be read ("+tx.NotASend+"): an operator must look at it")
	}
	if !tx.IsSend() {
		return fail(transfer.ClassFailed, "not a deposit: "+tx.NotASend)
	}
	if !SameAddress(tx.To, vault) {
		return fail(transfer.ClassFailed, "not a deposit: not sent to the vault")
	}
	from, err := NormalizeAddress(tx.From)
	if err != nil {
		return fail(transfer.ClassFailed, "not a deposit: invalid sender address")
	}
	if SameAddress(from, vault) {
		return fail(transfer.ClassFailed, "not a deposit: sent by the vault itself")
	}
	for _, t := range rules.TopUpSenders {
		if SameAddress(from, t) {
			return fail(transfer.ClassTopUp, "a top-up of the vault from a treasury address: kept as backing, nothing is minted or refunded")
		}
	}
	if tx.Amount <= rules.FeeUpokt {
		return fail(transfer.ClassInvalid, "amount at or below the fee, not refundable")
	}
	refund := func(reason string) transfer.Reading {
		d.Class, d.Reason = transfer.ClassRefund, reason
		d.PayAmount = tx.Amount - rules.FeeUpokt
		if rules.VaultPaysFee {
			d.PayAmount = tx.Amount
		}
		d.Recipient = from
		return d
	}
	recipient, err := ParseMemo(tx.Memo, rules.EthChainID)
	if err != nil {
		return refund(err.Error())
	}
	if rules.MaxMintUpokt != 0 && tx.Amount > rules.MaxMintUpokt {
		return refund(fmt.Sprintf("amount %d above the maximum %d", tx.Amount, rules.MaxMintUpokt))
	}
	d.Class = transfer.ClassMint
	d.Recipient = recipient
	d.PayAmount = tx.Amount
	return d
}

// ReadDeposit is a node's whole reading of a deposit: the tx's place on
// chain (head is the node's latest height) and its classification. It is
// the one conversion from a Pocket tx to the reading the workflow, the
// scanner's report and the signer compare.
func ReadDeposit(tx Tx, head int64, rules DepositRules) transfer.Reading {
	r := ClassifyDeposit(tx, rules)
	r.Source = transfer.SourceCheck{
		Found: true, Success: tx.Success(), Canonical: true,
		Height: tx.Height, Head: head, Confirmations: Confirmations(tx.Height, head),
	}
	r.TxHash, r.Sender, r.Memo = tx.Hash, tx.From, tx.Memo
	return r
}

// Confirmations counts the blocks from the tx's own to the head, both
// included: a tx in the head block has 1. (Production wPOKT counts
// head - height, one fewer; the configured number here is one more block
// of margin against a lagging RPC.)
func Confirmations(height, head int64) int64 { return max(0, head-height+1) }

// HeadConfirming is the lowest head at which a tx at height has n
// confirmations.
func HeadConfirming(height, n int64) int64 { return height + n - 1 }
