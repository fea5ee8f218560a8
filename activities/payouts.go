package activities

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/wpokt/bridge/chains/pokt"
)

// payoutRescan is how many blocks below the last one read each scan reads
// again: a node may show a height before it lists all of its txs.
const payoutRescan = 20

// payouts remembers the vault's successful sends, by memo, as this node's
// Pocket RPC showed them, so that each payout check reads only the blocks
// since the last one instead of the vault's whole history. It starts empty
// (a process restart reads the history once); a payout once seen stays,
// even if a reorg removed it: a refusal is the safe side.
//
// Checks that arrive while a read is on its way wait for it, and a read
// that began after a check arrived answers that check as its own read
// would have: a burst of payouts to check makes a read or two per wave,
// not one each.
type payouts struct {
	mu      sync.Mutex
	scanned int64 // last height read; 0: none yet
	byMemo  map[string]pokt.Tx
	// begun counts the reads begun; answered is the number of the last
	// read that succeeded.
	begun    atomic.Uint64
	answered uint64
}

// find returns the vault's payout with this memo, if this node's RPC
// shows one up to its head.
func (p *payouts) find(ctx context.Context, rules Rules, pocket SignerPocket, memo string) (pokt.Tx, bool, error) {
	arrived := p.begun.Load()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.answered > arrived {
		// A read that began after this check arrived has answered.
		tx, ok := p.byMemo[memo]
		return tx, ok, nil
	}
	if err := p.read(ctx, rules, pocket); err != nil {
		return pokt.Tx{}, false, err
	}
	tx, ok := p.byMemo[memo]
	return tx, ok, nil
}

// read reads the vault's sends since the last read (and the payoutRescan
// blocks below it) up to the head. p.mu is held.
func (p *payouts) read(ctx context.Context, rules Rules, pocket SignerPocket) error {
	n := p.begun.Add(1)
	head, err := pocket.Height(ctx)
	if err != nil {
		return fmt.Errorf("read pocket height: %w", err)
	}
	from := max(rules.PayoutScanFrom, 1, p.scanned-payoutRescan+1)
	if head >= from {
		sent, err := pocket.SentTxs(ctx, rules.Deposit.Vault, from, head)
		if err != nil {
			return fmt.Errorf("read the vault's payouts in [%d, %d]: %w", from, head, err)
		}
		if p.byMemo == nil {
			p.byMemo = map[string]pokt.Tx{}
		}
		for _, tx := range sent {
			if _, seen := p.byMemo[tx.Memo]; tx.Success() && !seen {
				p.byMemo[tx.Memo] = tx
			}
		}
		p.scanned = max(p.scanned, head)
	}
	p.answered = n
	return nil
}
