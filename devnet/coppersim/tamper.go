package coppersim

import "github.com/wpokt/bridge/copper"

// ServeTampered makes Copper lie about the orders with this externalOrderId
// (existing or future): every read of them, GET /platform/orders/{id} and
// the list, answers the order as change rewrites it (another recipient, a
// larger amount...), while the order stored, which Order, Orders and
// OrderByExternalID return, stays what was created. The creation and
// start-signing answers stay honest: Copper lies to whoever reads the order
// after the bridge made it, i.e. to the signers.
//
// The lie is consistent: the served transactionRequest is rebuilt from the
// changed fields, so a signer must catch it by what the order pays, not by
// its sign request disagreeing with it. And the co-signers sign what Copper
// serves, as a dishonest Copper would have them: a partial signature counts
// only on the transaction served at the time, and a fully signed order that
// executes while the lie is served executes the lie. Signatures are counted
// per order, not per transaction: a scenario in which some shards sign the
// lie and others the truth is beyond this.
//
// change runs with the simulator locked: it must not call the Sim.
func (s *Sim) ServeTampered(externalID string, change func(*copper.Order)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tampered[externalID] = change
}

// StopTampering makes Copper serve the orders with this externalOrderId as
// they are stored again.
func (s *Sim) StopTampering(externalID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tampered, externalID)
}

// served is the order as Copper shows it (caller holds mu): the stored
// order, or what a tamper makes of it.
func (s *Sim) served(o *simOrder) copper.Order {
	c := o.snapshot()
	change, ok := s.tampered[o.ExternalOrderID]
	if !ok {
		return c
	}
	change(&c)
	if len(c.Extra.TransactionRequest) > 0 {
		c.Extra.TransactionRequest = s.transactionRequest(&c)
	}
	return c
}
