package activities

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/wpokt/bridge/transfer"
)

// released reports whether a transfer above this node's limits may pass
// them: its own operator listed it (governor.released_transfers), a
// threshold of node operators released it with releases that verify
// under this node's own copy of the signing set's keys, or its source is
// older than the hold delay as this node's own chain tells. The workflow's
// word alone moves nothing here.
func (s *Signer) released(ctx context.Context, req transfer.SignRequest, want transfer.OrderSpec) (bool, error) {
	if slices.Contains(s.Rules.Released, want.ExternalID) {
		return true, nil
	}
	rule := s.Rules.Release
	if rule.Threshold > 0 && len(rule.Keys.ReleasedBy(want.ExternalID, req.Releases)) >= rule.Threshold {
		return true, nil
	}
	if rule.After <= 0 {
		return false, nil
	}
	age, err := s.sourceAge(ctx, req)
	if err != nil {
		return false, err
	}
	return age >= rule.After, nil
}

// sourceAge is how long ago the source was included, from its
// confirmations on this node's RPC and the chain's configured block time.
func (s *Signer) sourceAge(ctx context.Context, req transfer.SignRequest) (time.Duration, error) {
	var rd transfer.Reading
	var err error
	blockTime := s.Rules.Release.PocketBlockTime
	if req.Kind == transfer.OrderReturn {
		blockTime = s.Rules.Release.EthBlockTime
		rd, err = readBurn(ctx, s.Eth, s.Rules, transfer.BurnRef{TxHash: req.SourceTxHash, LogPosition: req.LogPosition})
	} else {
		rd, err = readDeposit(ctx, s.Pocket, s.Rules, transfer.DepositRef{TxHash: req.SourceTxHash})
	}
	if err != nil {
		return 0, fmt.Errorf("read the age of %s: %w", req.WorkflowID, err)
	}
	return time.Duration(rd.Source.Confirmations) * blockTime, nil
}
