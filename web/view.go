package web

import (
	"time"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// The JSON API's shapes. Their field names are stable (README: "Status page
// and its JSON API"); new fields may be added, none renamed or removed.

const (
	chainPocket   = "pocket"
	chainEthereum = "ethereum"
)

// TransferView is one transfer as the page and the API show it.
type TransferView struct {
	ID             string          `json:"transfer_id"`
	URL            string          `json:"url"`
	Kind           transfer.Kind   `json:"kind"`
	Classification transfer.Class  `json:"classification"`
	Status         transfer.Status `json:"status"`
	Reason         string          `json:"reason,omitempty"`
	Final          bool            `json:"final"`
	SourceChain    string          `json:"source_chain"`
	DestChain      string          `json:"dest_chain,omitempty"`
	SourceTxHash   string          `json:"source_tx_hash"`
	LogPosition    int             `json:"log_position"`
	SourceHeight   int64           `json:"source_height,omitempty"`
	Sender         string          `json:"sender"`
	Recipient      string          `json:"recipient,omitempty"`
	Amount         string          `json:"amount"`
	AmountUpokt    int64           `json:"amount_upokt"`
	PayAmount      string          `json:"pay_amount"`
	PayAmountUpokt int64           `json:"pay_amount_upokt"`
	Nonce          int64           `json:"nonce,omitempty"`
	OrderID        string          `json:"order_id,omitempty"`
	DestTxHash     string          `json:"dest_tx_hash,omitempty"`
	Confirmations  Count           `json:"confirmations"`
	// ETASeconds estimates the wait for the remaining confirmations from
	// the source chain's block time; null when not waiting for them.
	ETASeconds *int64          `json:"eta_seconds"`
	Signatures Signatures      `json:"signatures"`
	Signers    []string        `json:"signers"`
	Refusals   []store.Refusal `json:"refusals"`
	Steps      []Step          `json:"steps"`
	Links      Links           `json:"links"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// Count is progress towards a requirement.
type Count struct {
	Have int64 `json:"have"`
	Need int64 `json:"need"`
}

// Signatures counts co-signatures: Have of the Need (threshold) among Of nodes.
type Signatures struct {
	Have int `json:"have"`
	Need int `json:"need"`
	Of   int `json:"of"`
}

// Links are block explorer pages ("" when not configured or not known yet).
type Links struct {
	SourceTx  string `json:"source_tx,omitempty"`
	DestTx    string `json:"dest_tx,omitempty"`
	Sender    string `json:"sender,omitempty"`
	Recipient string `json:"recipient,omitempty"`
}

// chains says where a transfer comes from and goes to: a deposit comes
// from Pocket and is minted on Ethereum or refunded on Pocket; a burn comes
// from Ethereum and is paid on Pocket. Invalid deposits and failed
// transfers go nowhere.
func chains(doc store.Document) (source, dest string) {
	source, dest = chainPocket, chainEthereum
	if doc.Kind == transfer.KindBurn {
		source, dest = chainEthereum, chainPocket
	} else if doc.Classification == transfer.ClassRefund || doc.Status == transfer.StatusRefunded {
		dest = chainPocket
	}
	if doc.Status == transfer.StatusInvalid || doc.Status == transfer.StatusToppedUp || (doc.Status == transfer.StatusFailed && doc.DestTxHash == "") {
		dest = ""
	}
	return source, dest
}

// newTransferView derives what the page shows from the projection.
func newTransferView(doc store.Document, s store.BridgeSettings, e Explorers, now time.Time) TransferView {
	source, dest := chains(doc)
	senderChain, recipientChain := source, dest
	if dest == "" {
		recipientChain = source // a refund address, if any, is on the source chain
	}
	v := TransferView{
		ID: doc.ID, URL: "/t/" + doc.ID, Kind: doc.Kind, Classification: doc.Classification, Status: doc.Status,
		Reason: doc.Reason, Final: doc.Status.Final(), SourceChain: source, DestChain: dest,
		SourceTxHash: doc.SourceTxHash, LogPosition: doc.LogPosition, SourceHeight: doc.SourceHeight,
		Sender: doc.Sender, Recipient: doc.Recipient, Amount: doc.Amount, AmountUpokt: doc.AmountUpokt,
		PayAmount: doc.PayAmount, PayAmountUpokt: doc.PayAmountUpokt, Nonce: doc.Nonce, OrderID: doc.OrderID,
		DestTxHash: doc.DestTxHash, Signers: nonNil(doc.Signers), Refusals: doc.Refusals, Steps: steps(doc),
		CreatedAt: doc.CreatedAt.UTC(), UpdatedAt: doc.UpdatedAt.UTC(),
		Signatures: Signatures{Have: len(doc.Signers), Need: s.Threshold, Of: len(s.NodeIDs)},
		Links: Links{
			SourceTx: e.txLink(source, doc.SourceTxHash), DestTx: e.txLink(dest, doc.DestTxHash),
			Sender: e.addressLink(senderChain, doc.Sender), Recipient: e.addressLink(recipientChain, doc.Recipient),
		},
	}
	if v.Refusals == nil {
		v.Refusals = []store.Refusal{}
	}
	need, blockTime := s.PocketConfirmations, time.Duration(s.PocketBlockTimeMs)*time.Millisecond
	if source == chainEthereum {
		need, blockTime = s.EthConfirmations, time.Duration(s.EthBlockTimeMs)*time.Millisecond
	}
	v.Confirmations = Count{Have: doc.Confirmations, Need: need}
	if doc.Status == transfer.StatusDetected {
		eta := confirmationETA(doc.Confirmations, need, blockTime, now.Sub(doc.UpdatedAt))
		v.ETASeconds = &eta
	} else if doc.Confirmations < need {
		// Past detected, the transfer was confirmed: the stored count is
		// the one read before the last wait.
		v.Confirmations.Have = need
	}
	return v
}

// confirmationETA is the time the remaining blocks take, less the time
// since the count was read (never below zero).
func confirmationETA(have, need int64, blockTime, sinceRead time.Duration) int64 {
	left := time.Duration(max(0, need-have))*blockTime - max(0, sinceRead)
	return int64(max(0, left).Round(time.Second) / time.Second)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
