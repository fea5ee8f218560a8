package coppersim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// keyFile is the simulator's stand-in for an exported, password-protected
// shard: it holds no key material, only a verifier of the password.
type keyFile struct {
	Version     int    `json:"version"`
	PortfolioID string `json:"portfolioId"`
	ShardID     string `json:"shardId"`
	Salt        string `json:"salt"`
	Verifier    string `json:"verifier"`
}

// WriteKeyFiles writes each node's key file (mode 0600) into dir, which is
// created if needed. Point Config.KeyDir at dir to make co-signers read them.
func (s *Sim) WriteKeyFiles(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("coppersim: key dir: %w", err)
	}
	for _, n := range s.cfg.Nodes {
		salt := randomHex(16)
		kf := keyFile{
			Version: 1, PortfolioID: s.cfg.PortfolioID, ShardID: n.ID, Salt: salt,
			Verifier: keyVerifier(n.KeyPassword, salt, n.ID),
		}
		data, err := json.MarshalIndent(kf, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n.KeyFilename), data, 0o600); err != nil {
			return fmt.Errorf("coppersim: write key file of %s: %w", n.ID, err)
		}
	}
	return nil
}

func keyVerifier(password, salt, shardID string) string {
	m := hmac.New(sha256.New, []byte(password))
	m.Write([]byte(salt))
	m.Write([]byte{0})
	m.Write([]byte(shardID))
	return hex.EncodeToString(m.Sum(nil))
}

func verifyKeyFile(path, password, shardID, portfolioID string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("key file %q not found", filepath.Base(path))
		}
		return fmt.Errorf("key file %q unreadable", filepath.Base(path))
	}
	var kf keyFile
	if err := json.Unmarshal(data, &kf); err != nil || kf.Version != 1 {
		return fmt.Errorf("key file %q is not a shard file", filepath.Base(path))
	}
	if kf.ShardID != shardID || kf.PortfolioID != portfolioID {
		return fmt.Errorf("key file %q holds shard %s of %s, not a shard of this vault", filepath.Base(path), kf.ShardID, kf.PortfolioID)
	}
	if !hmac.Equal([]byte(keyVerifier(password, kf.Salt, kf.ShardID)), []byte(kf.Verifier)) {
		return fmt.Errorf("cannot decrypt key file %q: wrong password", filepath.Base(path))
	}
	return nil
}

func validKeyFilename(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && filepath.Base(name) == name
}
