package shannonnet

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// account is what the auth and bank modules keep for one address.
type account struct {
	number   uint64
	sequence uint64
	pubKey   []byte // compressed secp256k1; nil until the account's first tx
	coins    sdk.Coins
	module   string // module account name ("fee_collector"), "" for users
}

func (a *account) clone() *account {
	c := *a
	c.pubKey = append([]byte(nil), a.pubKey...)
	if a.pubKey == nil {
		c.pubKey = nil
	}
	c.coins = sdk.NewCoins(a.coins...)
	return &c
}

// state is the whole application state: accounts keyed by their 20 address
// bytes (as a string), and the next account number to hand out.
type state struct {
	accounts   map[string]*account
	nextNumber uint64
}

func newState() *state {
	return &state{accounts: map[string]*account{}}
}

func (s *state) clone() *state {
	c := &state{accounts: make(map[string]*account, len(s.accounts)), nextNumber: s.nextNumber}
	for k, a := range s.accounts {
		c.accounts[k] = a.clone()
	}
	return c
}

// hash is the app hash: sha256 over the accounts in address order, so that
// the same txs always give the same hash (CometBFT checks it on replay).
func (s *state) hash() []byte {
	keys := make([]string, 0, len(s.accounts))
	for k := range s.accounts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	var n [8]byte
	for _, k := range keys {
		a := s.accounts[k]
		h.Write([]byte(k))
		binary.BigEndian.PutUint64(n[:], a.number)
		h.Write(n[:])
		binary.BigEndian.PutUint64(n[:], a.sequence)
		h.Write(n[:])
		h.Write(a.pubKey)
		h.Write([]byte(a.coins.String()))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}

// store is what a cache reads from and writes back to: the state, or
// another cache (the messages of a tx run in a cache over the ante's).
type store interface {
	lookup(k string) (*account, bool)
	put(k string, a *account)
	next() uint64
	setNext(n uint64)
}

func (s *state) lookup(k string) (*account, bool) { a, ok := s.accounts[k]; return a, ok }
func (s *state) put(k string, a *account)         { s.accounts[k] = a }
func (s *state) next() uint64                     { return s.nextNumber }
func (s *state) setNext(n uint64)                 { s.nextNumber = n }

// cache is a write overlay over a store: a tx (or one of its phases) works
// on a cache and its writes reach the store only by write(), so a failed
// phase leaves nothing behind, as the SDK's cached multistore does.
type cache struct {
	parent     store
	dirty      map[string]*account
	nextNumber uint64
}

func newCache(s store) *cache {
	return &cache{parent: s, dirty: map[string]*account{}, nextNumber: s.next()}
}

func (c *cache) lookup(k string) (*account, bool) {
	if a, ok := c.dirty[k]; ok {
		return a, true
	}
	return c.parent.lookup(k)
}
func (c *cache) put(k string, a *account) { c.dirty[k] = a }
func (c *cache) next() uint64             { return c.nextNumber }
func (c *cache) setNext(n uint64)         { c.nextNumber = n }

// get returns a writable copy of the account, or nil if it does not exist.
func (c *cache) get(addr []byte) *account {
	k := string(addr)
	if a, ok := c.dirty[k]; ok {
		return a
	}
	a, ok := c.parent.lookup(k)
	if !ok {
		return nil
	}
	a = a.clone()
	c.dirty[k] = a
	return a
}

// getOrCreate returns the account, creating it with the next account number
// as the bank module does for a first-time recipient.
func (c *cache) getOrCreate(addr []byte) *account {
	if a := c.get(addr); a != nil {
		return a
	}
	a := &account{number: c.nextNumber}
	c.nextNumber++
	c.dirty[string(addr)] = a
	return a
}

// write moves the cache's writes into its parent.
func (c *cache) write() {
	for k, a := range c.dirty {
		c.parent.put(k, a)
	}
	c.parent.setNext(c.nextNumber)
	c.dirty = map[string]*account{}
}
