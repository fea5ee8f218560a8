package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/wpokt/bridge/config"
)

const example = "mainnet.example.yaml"

// clearEnv unsets every WPOKT_* variable for the test: config.Load would
// apply them over the files.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, config.EnvPrefix+"_") {
			t.Setenv(name, "")
			require.NoError(t, os.Unsetenv(name))
		}
	}
}

func loadExample(t *testing.T) *Settings {
	t.Helper()
	s, err := LoadSettings(example)
	require.NoError(t, err)
	return s
}

// fileRefs returns the values of the secret *_file keys of a node file.
func fileRefs(t *testing.T, text []byte) map[string]string {
	t.Helper()
	var m map[string]any
	require.NoError(t, yaml.Unmarshal(text, &m))
	refs := map[string]string{}
	var walk func(m map[string]any, prefix string)
	walk = func(m map[string]any, prefix string) {
		for k, v := range m {
			key := prefix + k
			if sub, ok := v.(map[string]any); ok {
				walk(sub, key+".")
				continue
			}
			require.False(t, config.IsSecretKey(key), "secret key %s in a generated file", key)
			if base, ok := strings.CutSuffix(key, "_file"); ok && config.IsSecretKey(base) {
				refs[key] = v.(string)
			}
		}
	}
	walk(m, "")
	return refs
}

// The brief's check: generate into a temp dir, write dummy secret files
// where the references point, load all 12 with config.Load.
func TestMainnetExampleGeneratesTwelveLoadableNodes(t *testing.T) {
	clearEnv(t)
	s := loadExample(t)
	tmp := t.TempDir()
	files, err := Generate(s, filepath.Join(tmp, "secrets", "{id}"), example)
	require.NoError(t, err)
	require.Len(t, files, 12)

	var cfgs []*config.Config
	for i := 1; i <= 12; i++ {
		name := fmt.Sprintf("node-%d.yaml", i)
		text, ok := files[name]
		require.True(t, ok, "no %s", name)
		refs := fileRefs(t, text)
		require.Len(t, refs, len(config.SecretEnvNames()), "every secret is a file reference")
		for key, p := range refs {
			require.Equal(t, filepath.Join(tmp, "secrets", fmt.Sprintf("node-%d", i)), filepath.Dir(p), key)
			value := fmt.Sprintf("dummy-%d-%s", i, key)
			if key == "mongo.uri_file" {
				value = fmt.Sprintf("mongodb://bridge:dummy-%d@mongo-1:27017/wpokt?replicaSet=rs0", i)
			}
			require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
			require.NoError(t, os.WriteFile(p, []byte(value+"\n"), 0o600))
		}
		path := filepath.Join(tmp, name)
		require.NoError(t, os.WriteFile(path, text, 0o644))
		cfg, err := config.Load(path)
		require.NoError(t, err, name)
		require.Equal(t, fmt.Sprintf("dummy-%d-copper.api_key_file", i), cfg.Copper.APIKey.Reveal(), "the secret comes from this node's file")
		require.Equal(t, fmt.Sprintf("dummy-%d-copper.unlimited.master_password_file", i), cfg.Copper.Unlimited.MasterPassword.Reveal())
		cfgs = append(cfgs, cfg)
	}

	ids := map[string]bool{}
	for i, cfg := range cfgs {
		ids[cfg.Node.ID] = true
		require.Equal(t, cfgs[0].Validators, cfg.Validators, "identical validator sets")
		require.Equal(t, fmt.Sprintf("https://pocket-rpc.node-%d.example.org", i+1), cfg.Pocket.RPCURL, "each node its own RPC")
		require.Equal(t, fmt.Sprintf("node-%d.shard.copper", i+1), cfg.Copper.Unlimited.KeyFilename)
		// The rules all signers share.
		require.Equal(t, cfgs[0].Governor, cfg.Governor)
		require.Equal(t, cfgs[0].Temporal, cfg.Temporal)
		require.Equal(t, cfgs[0].Mongo.Database, cfg.Mongo.Database)
		for _, pair := range [][2]any{
			{cfgs[0].Pocket.ChainID, cfg.Pocket.ChainID}, {cfgs[0].Pocket.VaultAddress, cfg.Pocket.VaultAddress},
			{cfgs[0].Pocket.Confirmations, cfg.Pocket.Confirmations}, {cfgs[0].Pocket.FeeUpokt, cfg.Pocket.FeeUpokt},
			{cfgs[0].Ethereum.ChainID, cfg.Ethereum.ChainID}, {cfgs[0].Ethereum.WPOKTAddress, cfg.Ethereum.WPOKTAddress},
			{cfgs[0].Ethereum.MinterAddress, cfg.Ethereum.MinterAddress}, {cfgs[0].Ethereum.Confirmations, cfg.Ethereum.Confirmations},
			{cfgs[0].Copper.APIURL, cfg.Copper.APIURL}, {cfgs[0].Copper.PortfolioID, cfg.Copper.PortfolioID},
		} {
			require.Equal(t, pair[0], pair[1])
		}
	}
	require.Len(t, ids, 12, "distinct node IDs")
	require.Len(t, cfgs[0].Validators.NodeIDs, 12)
	require.Equal(t, 9, cfgs[0].Validators.Threshold)
	require.True(t, cfgs[0].Temporal.TLS.Enabled())
	require.Equal(t, uint64(1), cfgs[0].Ethereum.ChainID)
	require.EqualValues(t, 32, cfgs[0].Ethereum.Confirmations)

	require.NoError(t, Validate(s), "confgen's own check agrees")
}

func TestDefaultSecretsDirIsEtcWpokt(t *testing.T) {
	files, err := Generate(loadExample(t), "", example)
	require.NoError(t, err)
	for name, text := range files {
		for key, p := range fileRefs(t, text) {
			require.True(t, strings.HasPrefix(p, "/etc/wpokt/secrets/"), "%s: %s = %s", name, key, p)
		}
		require.True(t, bytes.HasPrefix(text, []byte(generatedMarker)), name)
	}
}

func TestSecretFileNamesCoverEverySecret(t *testing.T) {
	keys := secretFileKeys()
	require.Len(t, keys, len(config.SecretEnvNames()), "one *_file key per secret")
	for _, k := range keys {
		require.Contains(t, secretFileNames, k, "give the new secret file %s a name", k)
	}
	require.Len(t, secretFileNames, len(keys))
	for _, k := range append(slices.Clone(consensusKeys), keyThreshold) {
		require.Contains(t, config.Keys(), k)
	}
	for k := range perNodeKeys {
		require.Contains(t, config.Keys(), k)
	}
}

// mutate applies edit to the example settings, decoded as plain maps.
func mutate(t *testing.T, edit func(s map[string]any)) []byte {
	t.Helper()
	b, err := os.ReadFile(example)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, yaml.Unmarshal(b, &m))
	edit(m)
	out, err := yaml.Marshal(m)
	require.NoError(t, err)
	return out
}

func section(m map[string]any, path ...string) map[string]any {
	for _, p := range path {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	return m
}

func node(m map[string]any, i int) map[string]any { return m["nodes"].([]any)[i].(map[string]any) }

func TestRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"duplicate node id", func(m map[string]any) { node(m, 4)["id"] = "node-2" },
			"nodes[4] (node-2): id node-2 is already used by nodes[1]"},
		{"missing pocket rpc url", func(m map[string]any) { delete(node(m, 2), "pocket_rpc_url") },
			"nodes[2] (node-3): pocket_rpc_url: missing"},
		{"missing eth rpc url", func(m map[string]any) { node(m, 0)["eth_rpc_url"] = "" },
			"nodes[0] (node-1): eth_rpc_url: missing"},
		{"eth rpc url without scheme", func(m map[string]any) { node(m, 0)["eth_rpc_url"] = "eth-rpc.example.org" },
			`eth_rpc_url: want a http:// or https:// URL, got "eth-rpc.example.org"`},
		{"ws url with http scheme", func(m map[string]any) { node(m, 1)["eth_ws_url"] = "https://x.example.org" },
			"nodes[1] (node-2): eth_ws_url: want a ws:// or wss:// URL"},
		{"missing co-signer", func(m map[string]any) { delete(node(m, 11), "cosigner_url") },
			"nodes[11] (node-12): cosigner_url: missing"},
		{"missing key filename", func(m map[string]any) { delete(node(m, 5), "key_filename") },
			"nodes[5] (node-6): key_filename: missing"},
		{"missing id", func(m map[string]any) { delete(node(m, 3), "id") }, "nodes[3]: id: missing"},
		{"bad id", func(m map[string]any) { node(m, 3)["id"] = "../node-4" }, `nodes[3] (../node-4): id: want lower-case`},
		{"12 ids but threshold 13", func(m map[string]any) { section(m, "common", "validators")["threshold"] = 13 },
			"validators.threshold: 13 is more than the 12 nodes listed"},
		{"threshold not a majority", func(m map[string]any) { section(m, "common", "validators")["threshold"] = 6 },
			"validators.threshold: 6 of 12 is not a majority"},
		{"threshold zero", func(m map[string]any) { section(m, "common", "validators")["threshold"] = 0 },
			"validators.threshold: must be at least 1"},
		{"threshold missing", func(m map[string]any) { delete(section(m, "common", "validators"), "threshold") },
			"common: key validators.threshold: missing"},
		{"threshold not a number", func(m map[string]any) { section(m, "common", "validators")["threshold"] = "nine" },
			"validators.threshold: want an integer"},
		{"no nodes", func(m map[string]any) { m["nodes"] = []any{} }, "nodes: missing"},
		{"secret value in common", func(m map[string]any) { section(m, "common", "copper")["api_key"] = "ak-123" },
			"common: key copper.api_key: is a secret"},
		{"secret file in common", func(m map[string]any) { section(m, "common", "mongo")["uri_file"] = "/tmp/uri" },
			"common: key mongo.uri_file: is set by confgen"},
		{"per-node key in common", func(m map[string]any) { section(m, "common", "pocket")["rpc_url"] = "https://x.example.org" },
			"common: key pocket.rpc_url: is set per node"},
		{"node ids in common", func(m map[string]any) { section(m, "common", "validators")["node_ids"] = []any{"a"} },
			"common: key validators.node_ids: is set per node"},
		{"unknown key in common", func(m map[string]any) { section(m, "common", "pocket")["confirmation"] = 8 },
			"common: key pocket.confirmation: is not a config key"},
		{"unknown field in a node entry", func(m map[string]any) { node(m, 0)["pokt_rpc_url"] = "https://x.example.org" },
			"field pokt_rpc_url not found"},
		{"unknown top-level field", func(m map[string]any) { m["secret_dir"] = "/etc/x" }, "field secret_dir not found"},
		{"relative secrets dir", func(m map[string]any) { m["secrets_dir"] = "secrets" },
			`secrets_dir: want an absolute path, got "secrets"`},
		{"consensus key in overrides", func(m map[string]any) {
			node(m, 6)["overrides"] = map[string]any{"ethereum": map[string]any{"confirmations": 1}}
		}, "nodes[6] (node-7): overrides: key ethereum.confirmations: must be the same on every node"},
		{"secret in overrides", func(m map[string]any) {
			node(m, 6)["overrides"] = map[string]any{"copper": map[string]any{"api_secret": "x"}}
		}, "overrides: key copper.api_secret: is a secret"},
		{"common not a mapping", func(m map[string]any) { m["common"] = []any{"x"} }, "common: line"},
	}
	_, err := ParseSettings(nil)
	require.ErrorContains(t, err, "the settings file is empty")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSettings(mutate(t, tc.edit))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}
}

// What only the node's own config validation knows is caught by Validate,
// before anything is written, with the node named.
func TestValidateRunsConfigLoad(t *testing.T) {
	clearEnv(t)
	cases := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"bad vault address", func(m map[string]any) { section(m, "common", "pocket")["vault_address"] = "xyz" },
			"node node-1: the generated file does not load: key pocket.vault_address"},
		{"unquoted eth address", func(m map[string]any) {
			section(m, "common", "ethereum")["minter_address"] = 0x1234
		}, "ethereum.minter_address: want a string"},
		{"public metrics on one node", func(m map[string]any) {
			node(m, 2)["overrides"] = map[string]any{"node": map[string]any{"metrics_address": "0.0.0.0:9464"}}
		}, "node node-3: the generated file does not load: key node.metrics_address"},
		{"bad duration", func(m map[string]any) { section(m, "common", "temporal")["signer_retry_max"] = "soon" },
			"signer_retry_max"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := ParseSettings(mutate(t, tc.edit))
			require.NoError(t, err)
			err = Validate(s)
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.want)
		})
	}

	t.Setenv("WPOKT_NODE_ID", "node-3")
	require.ErrorContains(t, Validate(loadExample(t)), "WPOKT_NODE_ID set in the environment")
}

func TestOverridesReachOnlyTheirNode(t *testing.T) {
	clearEnv(t)
	s, err := ParseSettings(mutate(t, func(m map[string]any) {
		node(m, 1)["overrides"] = map[string]any{"pocket": map[string]any{"start_height": 123456}}
	}))
	require.NoError(t, err)
	require.NoError(t, Validate(s))
	files, err := Generate(s, "", example)
	require.NoError(t, err)
	require.Contains(t, string(files["node-2.yaml"]), "start_height: 123456")
	require.NotContains(t, string(files["node-1.yaml"]), "start_height: 123456")
	require.NotContains(t, string(files["node-3.yaml"]), "start_height: 123456")
}

func TestCommandWritesChecksAndRemovesStaleFiles(t *testing.T) {
	clearEnv(t)
	out := filepath.Join(t.TempDir(), "nodes")
	run := func(args ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		cmd := command(&stdout, &stderr)
		cmd.SetArgs(args)
		err := cmd.Execute()
		return stdout.String() + stderr.String(), err
	}
	msg, err := run("--settings", example, "--out", out)
	require.NoError(t, err, msg)
	require.Contains(t, msg, "wrote 12 node files")
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	require.Len(t, entries, 12)

	msg, err = run("--settings", example, "--out", out, "--check")
	require.NoError(t, err, msg)
	require.Contains(t, msg, "12 node files up to date")

	// A hand edit and a node that left the set are both found.
	p := filepath.Join(out, "node-4.yaml")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, bytes.Replace(b, []byte("threshold: 9"), []byte("threshold: 8"), 1), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, "node-13.yaml"), []byte(generatedMarker+" from old\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(out, "notes.yaml"), []byte("# mine\n"), 0o644))
	_, err = run("--settings", example, "--out", out, "--check")
	require.ErrorContains(t, err, "node-4.yaml: differs")
	require.ErrorContains(t, err, "node-13.yaml: generated earlier, no longer in the settings")

	msg, err = run("--settings", example, "--out", out)
	require.NoError(t, err, msg)
	require.Contains(t, msg, "removed "+filepath.Join(out, "node-13.yaml"))
	require.FileExists(t, filepath.Join(out, "notes.yaml"), "a file confgen did not write is left alone")
	_, err = run("--settings", example, "--out", out, "--check")
	require.NoError(t, err)

	_, err = run("--settings", example, "--out", out, "--secrets-dir", "relative")
	require.ErrorContains(t, err, "--secrets-dir: want an absolute path")
	_, err = run("--out", out)
	require.ErrorContains(t, err, `"settings" not set`)
}

// The staging compose set mounts configs generated from its settings file;
// they must not drift from it.
func TestComposeStagingConfigsInSync(t *testing.T) {
	clearEnv(t)
	const settings = "../compose/staging.yaml"
	s, err := LoadSettings(settings)
	require.NoError(t, err)
	require.NoError(t, Validate(s))
	files, err := Generate(s, "", filepath.Base(settings))
	require.NoError(t, err)
	diffs, err := Diff("../compose/config", files)
	require.NoError(t, err)
	require.Empty(t, diffs, "regenerate: go run ./deploy/confgen --settings deploy/compose/staging.yaml --out deploy/compose/config")
}
