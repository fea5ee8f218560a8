package coppersim

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wpokt/bridge/copper"
)

// execute runs a fully signed order once: full-signed-tx-added -> processing
// -> executed (extra.transactionId = the chain tx hash), or error with the
// executor's message, or the outcome injected with FailOrder.
func (s *Sim) execute(orderID string, delay time.Duration) {
	if delay > 0 {
		t := time.NewTimer(delay)
		select {
		case <-s.ctx.Done():
			t.Stop()
			s.finish(orderID, "", errors.New("simulator closed before execution"))
			return
		case <-t.C:
		}
	}
	s.mu.Lock()
	o := s.orders[orderID]
	if out, ok := s.outcomes[o.ExternalOrderID]; ok {
		o.Status, o.Extra.ErrorMessage = out.status, out.message
		s.touch(o)
		s.mu.Unlock()
		return
	}
	if o.Status != copper.StatusFullSignedTxAdded {
		s.mu.Unlock() // forced to another status meanwhile: nothing to execute
		return
	}
	o.Status = copper.StatusProcessing
	s.touch(o)
	// What Copper serves is what it executes: the lie, if the shards signed it.
	snap := s.served(o)
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.ExecuteTimeout)
	defer cancel()
	txHash, err := s.run(ctx, &snap)
	s.finish(orderID, txHash, err)
}

func (s *Sim) run(ctx context.Context, o *copper.Order) (string, error) {
	switch o.Extra.BlockchainTransactionType {
	case copper.TxTypeSmartCall:
		if s.cfg.Eth == nil {
			return "", errors.New("no Ethereum executor configured")
		}
		payload, err := hex.DecodeString(strings.TrimPrefix(o.Extra.Payload, "0x"))
		if err != nil {
			return "", fmt.Errorf("payload: %w", err)
		}
		return s.cfg.Eth.ExecuteContractCall(ctx, o.Extra.ToAddress, payload)
	default:
		if s.cfg.Pokt == nil {
			return "", errors.New("no Pocket executor configured")
		}
		amount, err := o.Amount.BaseUnits(copper.PoktDecimals)
		if err != nil {
			return "", err
		}
		if o.Extra.IncludeFeeInWithdraw {
			if amount <= s.cfg.PoktFeeUpokt {
				return "", fmt.Errorf("amount %d upokt does not cover the fee of %d upokt", amount, s.cfg.PoktFeeUpokt)
			}
			amount -= s.cfg.PoktFeeUpokt
		}
		return s.cfg.Pokt.Send(ctx, o.Extra.ToAddress, amount, o.Extra.Memo)
	}
}

func (s *Sim) finish(orderID, txHash string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.orders[orderID]
	if txHash != "" {
		o.Extra.TransactionID = txHash
	}
	if err != nil {
		o.Status = copper.StatusError
		msg := err.Error()
		if len(msg) > 512 {
			msg = msg[:512] + "..."
		}
		o.Extra.ErrorMessage = msg
		s.log.Info("order failed", "order_id", o.OrderID, "error", msg)
	} else {
		o.Status = copper.StatusExecuted
		o.Extra.Confirmations = "1"
		s.log.Info("order executed", "order_id", o.OrderID, "tx_hash", txHash)
	}
	s.touch(o)
}
