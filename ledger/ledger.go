// Package ledger is a signer's own durable record of what it co-signed:
// for each transfer, every custody order this node added its partial
// signature to. It lives in one bbolt file beside the node, never in the
// shared database or in Temporal, so that no other party can make a node
// forget a payout it already approved (DESIGN.md, rule 2).
//
// A ledger file is made only by an operator (Init for a fresh node,
// Rebuild from the custody records): Open refuses a missing file or one
// without its header, so a lost ledger is never silently an empty one.
package ledger

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Entry is one co-signature: the order of a transfer this node signed.
type Entry struct {
	// TransferID is the transfer's workflow ID (the order's externalOrderId).
	TransferID string `json:"transfer_id"`
	OrderID    string `json:"order_id"`
	// Kind is the order's kind: mint, return or refund.
	Kind      string `json:"kind"`
	Recipient string `json:"recipient"`
	// Amount is in upokt; Nonce is the mint nonce (0 for a payout).
	Amount   uint64    `json:"amount"`
	Nonce    uint64    `json:"nonce"`
	SignedAt time.Time `json:"signed_at"`
}

func (e Entry) validate() error {
	switch {
	case e.TransferID == "" || e.OrderID == "":
		return fmt.Errorf("%w: entry without transfer or order id", ErrInvalidEntry)
	case len(e.TransferID) > 256 || len(e.OrderID) > 256:
		return fmt.Errorf("%w: transfer or order id longer than 256 bytes", ErrInvalidEntry)
	case containsNUL(e.TransferID) || containsNUL(e.OrderID):
		// NUL separates the two in a key.
		return fmt.Errorf("%w: NUL in a transfer or order id", ErrInvalidEntry)
	}
	return nil
}

func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}

var (
	// ErrMissing: there is no ledger file; the operator must create one
	// (`wpokt-node ledger init` on a fresh node, else `ledger rebuild`).
	ErrMissing = errors.New("ledger missing")
	// ErrUnreadable: the file is not a ledger this program wrote, or it is
	// damaged; the operator must rebuild it.
	ErrUnreadable = errors.New("ledger unreadable")
	// ErrExists: Init found a file already there and left it alone.
	ErrExists = errors.New("ledger already exists")
	// ErrInvalidEntry: an entry that cannot be stored.
	ErrInvalidEntry = errors.New("invalid ledger entry")
)

const (
	format  = "wpokt-signer-ledger"
	version = 1
	// lockTimeout bounds the wait for a file another process holds:
	// failing beats a node that hangs at start.
	lockTimeout = time.Second
)

var (
	bucketMeta   = []byte("meta")
	bucketSigned = []byte("signed")
	// bucketByTime indexes the entries by signing time, for a signer's
	// rolling cap: unix nanoseconds (8 bytes, big-endian) + key -> amount.
	bucketByTime = []byte("by_time")
	keyHeader    = []byte("header")
)

// Header says who made a ledger file, for whom and how.
type Header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	NodeID  string    `json:"node_id"`
	Origin  string    `json:"origin"` // "init" or "rebuild"
	Created time.Time `json:"created"`
}

// Ledger is an open ledger file. It is safe for concurrent use.
type Ledger struct {
	db     *bolt.DB
	path   string
	header Header
	// file is the opened file's identity, for Keeper's replaced check.
	file os.FileInfo
}

// Open opens the ledger at path for node nodeID. A missing file is
// ErrMissing; a file that is not this node's ledger is ErrUnreadable.
func Open(path, nodeID string) (*Ledger, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open ledger %s: %w", path, ErrMissing)
	} else if err != nil {
		return nil, fmt.Errorf("open ledger %s: %w: %w", path, ErrUnreadable, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("open ledger %s: another process holds it: %w", path, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open ledger %s: %w: %w", path, ErrUnreadable, err)
	}
	h, err := readHeader(db)
	if err == nil && h.NodeID != nodeID {
		err = fmt.Errorf("%w: it is node %q's ledger, not %q's", ErrUnreadable, h.NodeID, nodeID)
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open ledger %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open ledger %s: %w: %w", path, ErrUnreadable, err)
	}
	return &Ledger{db: db, path: path, header: h, file: fi}, nil
}

func readHeader(db *bolt.DB) (Header, error) {
	var h Header
	err := db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil || tx.Bucket(bucketSigned) == nil || tx.Bucket(bucketByTime) == nil {
			return fmt.Errorf("%w: no ledger header (not made by `wpokt-node ledger init` or `rebuild`)", ErrUnreadable)
		}
		raw := meta.Get(keyHeader)
		if raw == nil {
			return fmt.Errorf("%w: no ledger header", ErrUnreadable)
		}
		if err := json.Unmarshal(raw, &h); err != nil {
			return fmt.Errorf("%w: header: %w", ErrUnreadable, err)
		}
		if h.Format != format || h.Version != version {
			return fmt.Errorf("%w: header says %q version %d, want %q version %d", ErrUnreadable, h.Format, h.Version, format, version)
		}
		return nil
	})
	return h, err
}

// Header returns what the file's header says.
func (l *Ledger) Header() Header { return l.header }

// Path returns the file the ledger is in.
func (l *Ledger) Path() string { return l.path }

// sameFile reports whether fi is the file this ledger opened.
func (l *Ledger) sameFile(fi os.FileInfo) bool { return os.SameFile(l.file, fi) }

// Close closes the file.
func (l *Ledger) Close() error { return l.db.Close() }

// Record stores e. It returns once the entry is on disk (bbolt syncs the
// file before a write transaction commits): a signer calls it before its
// signature goes out. Recording the same order again keeps the first entry.
func (l *Ledger) Record(e Entry) error {
	if err := e.validate(); err != nil {
		return fmt.Errorf("record %s: %w", e.TransferID, err)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("record %s: %w", e.TransferID, err)
	}
	err = l.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSigned).Get(key(e.TransferID, e.OrderID)) != nil {
			return nil
		}
		return put(tx, e, data)
	})
	if err != nil {
		return fmt.Errorf("record order %s of %s: %w", e.OrderID, e.TransferID, err)
	}
	return nil
}

// Signed returns the orders of a transfer this node signed, in order id
// order.
func (l *Ledger) Signed(transferID string) ([]Entry, error) {
	var out []Entry
	prefix := append([]byte(transferID), 0)
	err := l.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSigned).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w: entry %q: %w", ErrUnreadable, k, err)
			}
			out = append(out, e)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read signed orders of %s: %w", transferID, err)
	}
	return out, nil
}

// All calls f for every entry, in key order, until f returns an error.
func (l *Ledger) All(f func(Entry) error) error {
	return l.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSigned).ForEach(func(k, v []byte) error {
			var e Entry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w: entry %q: %w", ErrUnreadable, k, err)
			}
			return f(e)
		})
	})
}

// put stores an entry and its time index.
func put(tx *bolt.Tx, e Entry, data []byte) error {
	k := key(e.TransferID, e.OrderID)
	if err := tx.Bucket(bucketSigned).Put(k, data); err != nil {
		return err
	}
	return tx.Bucket(bucketByTime).Put(timeKey(e.SignedAt, k), binary.BigEndian.AppendUint64(nil, e.Amount))
}

func timeKey(t time.Time, k []byte) []byte {
	return append(binary.BigEndian.AppendUint64(nil, uint64(max(t.UnixNano(), 0))), k...)
}

// SignedSince sums, per transfer, the amounts this node signed at or after
// since (a transfer's several orders count once, at their largest).
func (l *Ledger) SignedSince(since time.Time) (map[string]uint64, error) {
	out := map[string]uint64{}
	err := l.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByTime).Cursor()
		for k, v := c.Seek(timeKey(since, nil)); k != nil; k, v = c.Next() {
			if len(k) < 9 || len(v) != 8 {
				return fmt.Errorf("%w: time index entry %q", ErrUnreadable, k)
			}
			transferID, _, _ := strings.Cut(string(k[8:]), "\x00")
			out[transferID] = max(out[transferID], binary.BigEndian.Uint64(v))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read what was signed since %s: %w", since.UTC().Format(time.RFC3339), err)
	}
	return out, nil
}

func key(transferID, orderID string) []byte {
	return []byte(transferID + "\x00" + orderID)
}

func hasPrefix(b, prefix []byte) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == string(prefix)
}
