package ledger

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// Keeper holds a node's ledger while the node runs. Each use checks that
// the path still names the open file, so that a ledger deleted or replaced
// under a running node is noticed at once (a deleted file stays writable
// through an open descriptor, and would record into nothing); a missing
// ledger is reopened at each use, so that a rebuilt one is taken up
// without a restart.
type Keeper struct {
	path, nodeID string

	mu sync.Mutex
	l  *Ledger
}

// NewKeeper returns a keeper of the ledger at path; it opens nothing yet.
func NewKeeper(path, nodeID string) *Keeper {
	return &Keeper{path: path, nodeID: nodeID}
}

// Signed is Ledger.Signed on the current file.
func (k *Keeper) Signed(transferID string) ([]Entry, error) {
	l, err := k.current()
	if err != nil {
		return nil, err
	}
	return l.Signed(transferID)
}

// Record is Ledger.Record on the current file.
func (k *Keeper) Record(e Entry) error {
	l, err := k.current()
	if err != nil {
		return err
	}
	return l.Record(e)
}

// SignedSince is Ledger.SignedSince on the current file.
func (k *Keeper) SignedSince(since time.Time) (map[string]uint64, error) {
	l, err := k.current()
	if err != nil {
		return nil, err
	}
	return l.SignedSince(since)
}

// Check reports whether the ledger can be used now.
func (k *Keeper) Check() error {
	_, err := k.current()
	return err
}

// Close closes the file if it is open.
func (k *Keeper) Close() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.l == nil {
		return nil
	}
	err := k.l.Close()
	k.l = nil
	return err
}

func (k *Keeper) current() (*Ledger, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.l != nil {
		if err := k.stillThere(); err == nil {
			return k.l, nil
		} else if !errors.Is(err, errReplaced) {
			return nil, err
		}
		_ = k.l.Close()
		k.l = nil
	}
	l, err := Open(k.path, k.nodeID)
	if err != nil {
		return nil, err
	}
	k.l = l
	return l, nil
}

var errReplaced = errors.New("ledger file replaced")

// stillThere checks that the path names the open file.
func (k *Keeper) stillThere() error {
	onDisk, err := os.Stat(k.path)
	if errors.Is(err, os.ErrNotExist) {
		return errReplaced
	}
	if err != nil {
		return fmt.Errorf("stat ledger %s: %w: %w", k.path, ErrUnreadable, err)
	}
	if !k.l.sameFile(onDisk) {
		return errReplaced
	}
	return nil
}
