package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTheMongoURIIsNeverPrinted(t *testing.T) {
	const password = "s3cret-frontend-pw"
	uri := "mongodb://wpokt-frontend:" + password + "@127.0.0.1:1/wpokt?serverSelectionTimeoutMS=300&connectTimeoutMS=300"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))

	t.Setenv(mongoURIEnv, uri)
	err := run([]string{"--mongo-timeout", "500ms", "--listen", "127.0.0.1:0"}, logger)
	require.Error(t, err, "nothing listens on port 1")
	require.NotContains(t, err.Error(), password)
	require.NotContains(t, logs.String(), password)

	// From a file, with a URI the driver refuses to parse.
	t.Setenv(mongoURIEnv, "")
	file := filepath.Join(t.TempDir(), "uri")
	require.NoError(t, os.WriteFile(file, []byte("mongodb://u:"+password+"@host:notaport/\n"), 0o600))
	err = run([]string{"--mongo-uri-file", file}, logger)
	require.Error(t, err)
	require.NotContains(t, err.Error(), password)

	err = run(nil, logger)
	require.ErrorContains(t, err, "no MongoDB URI")
}

func TestFlagsAreChecked(t *testing.T) {
	for args, says := range map[string][]string{
		"--threshold":  {"--threshold", "13"},
		"http(s)":      {"--eth-tx-url", "ftp://x/{hash}"},
		"no {address}": {"--pocket-address-url", "https://x.example/a/"},
		"unexpected":   {"extra"},
	} {
		_, err := parseFlags(says)
		require.ErrorContains(t, err, args)
	}
	o, err := parseFlags([]string{"--node-ids", "a, b,c", "--threshold", "2"})
	require.NoError(t, err)
	require.Equal(t, []string{"a", "b", "c"}, o.web.Fallback.NodeIDs)
	o, err = parseFlags(nil)
	require.NoError(t, err)
	require.Len(t, o.web.Fallback.NodeIDs, 12)
	require.EqualValues(t, 12_000, o.web.Fallback.EthBlockTimeMs)
}
