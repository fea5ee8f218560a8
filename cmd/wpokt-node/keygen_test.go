package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestKeygenWritesAKeyPairAndNeverOverwrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "reading-key")
	var stdout bytes.Buffer
	cmd := root()
	cmd.SetOut(&stdout)
	cmd.SetArgs([]string{"keygen", "--out", out})
	require.NoError(t, cmd.Execute())

	seed, err := os.ReadFile(out)
	require.NoError(t, err)
	raw, err := hex.DecodeString(strings.TrimSpace(string(seed)))
	require.NoError(t, err)
	pub := ed25519.NewKeyFromSeed(raw).Public().(ed25519.PublicKey)
	require.Equal(t, hex.EncodeToString(pub), strings.TrimSpace(stdout.String()), "stdout is the file's public key")
	info, err := os.Stat(out)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

	cmd = root()
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SetArgs([]string{"keygen", "--out", out})
	require.ErrorContains(t, cmd.Execute(), "exists")
	again, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Equal(t, seed, again, "an existing key is never replaced")
}
