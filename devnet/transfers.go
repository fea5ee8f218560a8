package devnet

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/chains/pokt/protocol"
	"github.com/wpokt/bridge/devnet/morsesim"
	"github.com/wpokt/bridge/devnet/shannonnet"
	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// MintMemo is the memo of a deposit that mints to ethAddress on the devnet.
func MintMemo(ethAddress common.Address) string {
	b, _ := json.Marshal(map[string]string{"address": ethAddress.Hex(), "chain_id": "1337"})
	return string(b)
}

// Deposit sends POKT from a user to the vault with a memo, as a signed
// send through the Pocket RPC, and returns the tx hash.
func (d *Devnet) Deposit(ctx context.Context, from User, amountUpokt uint64, memo string) (string, error) {
	if d.shannonClient != nil {
		// The devnet's one client counts each sender's txs still in the
		// mempool, so that a user's deposits may follow each other within
		// a block.
		return sendShannon(ctx, d.shannonClient, from, d.VaultPokt, amountUpokt, memo)
	}
	return SendPOKT(ctx, d.PocketURL, from, d.VaultPokt, amountUpokt, memo)
}

// SendPOKT signs a send with the user's key and broadcasts it to a Pocket
// RPC of the user's protocol (the `wpokt-devnet deposit` command does the
// same against a running devnet). The user pays PocketFee on top.
func SendPOKT(ctx context.Context, rpcURL string, from User, to string, amountUpokt uint64, memo string) (string, error) {
	if from.Protocol != pokt.Morse {
		c, err := shannonnet.Dial(rpcURL)
		if err != nil {
			return "", err
		}
		return sendShannon(ctx, c, from, to, amountUpokt, memo)
	}
	var eb [8]byte
	if _, err := rand.Read(eb[:]); err != nil {
		return "", err
	}
	raw, err := morsesim.SignSend(from.PoktKey, to, amountUpokt, PocketFee, memo, int64(binary.BigEndian.Uint64(eb[:])>>1))
	if err != nil {
		return "", fmt.Errorf("sign deposit: %w", err)
	}
	c, err := protocol.Dial(protocol.Config{Protocol: pokt.Morse, URL: rpcURL, Timeout: 10 * time.Second})
	if err != nil {
		return "", err
	}
	hash, err := c.SendRawTx(ctx, from.PoktAddress, raw)
	if err != nil {
		return "", fmt.Errorf("send deposit: %w", err)
	}
	return hash, nil
}

func sendShannon(ctx context.Context, c *shannonnet.Client, from User, to string, amountUpokt uint64, memo string) (string, error) {
	hash, err := c.Send(ctx, shannonnet.SendParams{From: from.ShannonKey, To: to, Amount: amountUpokt, Fee: PocketFee, Memo: memo})
	if err != nil {
		return "", fmt.Errorf("send %d upokt from %s: %w", amountUpokt, from.Name, err)
	}
	return hash, nil
}

// Burn burns a user's wPOKT for a Pocket address (either form: its 20
// bytes go on chain) and returns the tx hash.
func (d *Devnet) Burn(ctx context.Context, from User, amountUpokt uint64, poktAddress string) (string, error) {
	to, err := pokt.ParseAddress(poktAddress)
	if err != nil {
		return "", fmt.Errorf("burn to %q: %w", poktAddress, err)
	}
	tx, err := d.Eth.Burn(ctx, from.Eth, amountUpokt, common.BytesToAddress(to.Bytes()))
	if err != nil {
		return "", err
	}
	return tx.Hash().Hex(), nil
}

// WaitStatus waits until the transfer's projection document reaches one of
// the statuses (or any final status when none is given), and returns it.
func (d *Devnet) WaitStatus(ctx context.Context, workflowID string, statuses ...transfer.Status) (*store.Document, error) {
	var last *store.Document
	for {
		doc, err := d.store.Transfer(ctx, workflowID)
		if err == nil {
			last = doc
			if (len(statuses) == 0 && doc.Status.Final()) || contains(statuses, doc.Status) {
				return doc, nil
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return last, fmt.Errorf("transfer %s still %s (%s): %w", workflowID, last.Status, last.Reason, ctx.Err())
			}
			return nil, fmt.Errorf("transfer %s not projected yet: %w", workflowID, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func contains(list []transfer.Status, s transfer.Status) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Invariant checks the bridge's books: the POKT in the vault equals the
// wPOKT supply plus what the vault keeps by design plus what is in flight,
// less the payout fees the vault paid itself.
// It returns the balances and an error describing any difference.
func (d *Devnet) Invariant(ctx context.Context) (store.Balances, error) {
	var b store.Balances
	var err error
	if b.VaultUpokt, err = d.PocketBalance(ctx, d.VaultPokt); err != nil {
		return b, err
	}
	supply, err := d.Eth.TotalSupply(ctx)
	if err != nil {
		return b, err
	}
	b.SupplyUpokt = supply
	if b.Books, err = d.store.Books(ctx, PocketFee); err != nil {
		return b, err
	}
	return b, b.Check()
}
