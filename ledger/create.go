package ledger

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Init creates an empty ledger for a fresh node, one that has never
// signed. It refuses to touch an existing file: a ledger with records is
// only ever replaced by Rebuild.
func Init(path, nodeID string, now time.Time) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("init ledger %s: %w (use rebuild to replace it)", path, ErrExists)
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("init ledger %s: %w", path, err)
	}
	return write(path, Header{Format: format, Version: version, NodeID: nodeID, Origin: "init", Created: now.UTC()}, nil)
}

// Rebuild replaces the ledger at path with one holding entries (what the
// operator's rebuild found in the custody records and checked on the
// node's own RPCs). The new file is written and synced beside the old one,
// then renamed over it, so that a crash leaves one or the other whole. A
// file already there is kept as path.replaced-<unix time>, for the
// operator to compare. A ledger a running node holds is not replaced.
func Rebuild(path, nodeID string, entries []Entry, now time.Time) error {
	if _, err := os.Stat(path); err == nil {
		// Opening takes the file's lock: it fails while a node holds it.
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
		if errors.Is(err, berrors.ErrTimeout) {
			return fmt.Errorf("rebuild ledger %s: a running node holds it: stop the node first", path)
		}
		if err == nil {
			_ = db.Close()
		}
		backup := fmt.Sprintf("%s.replaced-%d", path, now.Unix())
		if err := copyFile(path, backup); err != nil {
			return fmt.Errorf("rebuild ledger %s: keep the old file: %w", path, err)
		}
	}
	h := Header{Format: format, Version: version, NodeID: nodeID, Origin: "rebuild", Created: now.UTC()}
	return write(path, h, entries)
}

// write makes a complete ledger file at path through a temporary file.
func write(path string, h Header, entries []Entry) error {
	tmp := path + ".new"
	_ = os.Remove(tmp)
	db, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return fmt.Errorf("write ledger %s: %w", tmp, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if _, err := tx.CreateBucket(bucketSigned); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketByTime); err != nil {
			return err
		}
		for _, e := range entries {
			if err := e.validate(); err != nil {
				return err
			}
			data, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if err := put(tx, e, data); err != nil {
				return err
			}
		}
		// The header last: a file without it is refused.
		meta, err := tx.CreateBucket(bucketMeta)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(h)
		if err != nil {
			return err
		}
		return meta.Put(keyHeader, raw)
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write ledger %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write ledger %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes a rename durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o600)
}
