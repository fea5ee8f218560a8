package config

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/secret"
)

const (
	apiKey     = "ak-4f1e1d0c"
	apiSecret  = "as-9b8a7c6d"
	keyPass    = "kp-1a2b3c4d"
	masterPass = "mp-5e6f7a8b"
	mongoURI   = "mongodb://bridge:pw-0d9c8b@127.0.0.1:27017/"
	// readingKey is node-1's reading key of the examples (the seed of
	// "example reading key of node-1").
	readingKey = "e1a5acc668290dadaf26e18832c584cdfd79dd82535e15ce7b081334320418a9"
)

// secretEnv gives every secret through the environment.
func secretEnv(extra map[string]string) func(string) (string, bool) {
	env := map[string]string{
		"WPOKT_COPPER_API_KEY":                   apiKey,
		"WPOKT_COPPER_API_SECRET":                apiSecret,
		"WPOKT_COPPER_UNLIMITED_KEY_PASSWORD":    keyPass,
		"WPOKT_COPPER_UNLIMITED_MASTER_PASSWORD": masterPass,
		"WPOKT_MONGO_URI":                        mongoURI,
		"WPOKT_NODE_READING_KEY":                 readingKey,
	}
	for k, v := range extra {
		if v == "" {
			delete(env, k)
		} else {
			env[k] = v
		}
	}
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

// writeDevnet copies the devnet example without its secret-file keys, so
// that the secrets come from the environment.
func writeDevnet(t *testing.T, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("examples/devnet.yaml")
	require.NoError(t, err)
	var kept []string
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "_file:") {
			continue
		}
		kept = append(kept, line)
	}
	text := strings.Join(kept, "\n")
	if edit != nil {
		text = edit(text)
	}
	path := filepath.Join(t.TempDir(), "node.yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func TestLoadDevnetExample(t *testing.T) {
	cfg, err := load(writeDevnet(t, nil), secretEnv(nil))
	require.NoError(t, err)
	require.Equal(t, "node-1", cfg.Node.ID)
	require.Len(t, cfg.Validators.NodeIDs, 12)
	require.Equal(t, 9, cfg.Validators.Threshold)
	require.Equal(t, uint64(1337), cfg.Ethereum.ChainID)
	require.Equal(t, time.Second, cfg.Ethereum.BlockTime)
	require.Equal(t, 250*time.Millisecond, cfg.Temporal.ConfirmationPollInterval)
	require.Equal(t, apiSecret, cfg.Copper.APISecret.Reveal())
	require.Equal(t, mongoURI, cfg.Mongo.URI.Reveal())
}

// Every documented example loads with its secrets in files, and says what
// its network needs.
func TestLoadExamplesWithSecretFiles(t *testing.T) {
	cases := []struct {
		file                 string
		protocol             pokt.Protocol
		pocketChain          string
		ethChain             uint64
		pocketConf, ethConf  int64
		vaultPaysFee, hasTLS bool
	}{
		{"mainnet.yaml", pokt.Shannon, "pocket", 1, 8, 32, true, true},
		{"testnet.yaml", pokt.Shannon, "pocket-lego-testnet", 11155111, 2, 12, true, true},
		{"morse.yaml", pokt.Morse, "mainnet", 1, 8, 32, false, true},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			cfg := loadExample(t, c.file)
			require.Equal(t, c.protocol, cfg.Pocket.Protocol)
			require.Equal(t, c.pocketChain, cfg.Pocket.ChainID)
			require.Equal(t, c.ethChain, cfg.Ethereum.ChainID)
			require.EqualValues(t, c.pocketConf, cfg.Pocket.Confirmations)
			require.EqualValues(t, c.ethConf, cfg.Ethereum.Confirmations)
			require.EqualValues(t, 10000, cfg.Pocket.FeeUpokt)
			require.Equal(t, c.vaultPaysFee, cfg.Pocket.PayoutFeeRule())
			require.Equal(t, "POKT", cfg.Copper.POKTCurrency)
			require.Equal(t, mongoURI, cfg.Mongo.URI.Reveal(), "a trailing newline in a secret file is trimmed")
			require.Equal(t, keyPass, cfg.Copper.Unlimited.KeyPassword.Reveal())
			require.Equal(t, c.hasTLS, cfg.Temporal.TLS.Enabled())
		})
	}
}

// loadExample loads config/examples/<file> with its secrets in files.
func loadExample(t *testing.T, file string) *Config {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("examples", file))
	require.NoError(t, err)
	text := strings.ReplaceAll(string(b), "/etc/wpokt/secrets", dir)
	for name, value := range map[string]string{
		"copper-api-key": apiKey, "copper-api-secret": apiSecret, "copper-key-password": keyPass,
		"copper-master-password": masterPass, "mongo-uri": mongoURI + "\n", "reading-key": readingKey,
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(value), 0o600))
	}
	path := filepath.Join(dir, file)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	cfg, err := load(path, func(string) (string, bool) { return "", false })
	require.NoError(t, err)
	return cfg
}

// The payout fee rule follows the protocol unless vault_pays_fee says
// otherwise.
func TestPayoutFeeRule(t *testing.T) {
	yes, no := true, false
	assert.True(t, Pocket{Protocol: pokt.Shannon}.PayoutFeeRule())
	assert.False(t, Pocket{Protocol: pokt.Morse}.PayoutFeeRule())
	assert.False(t, Pocket{Protocol: pokt.Shannon, VaultPaysFee: &no}.PayoutFeeRule())
	assert.True(t, Pocket{Protocol: pokt.Morse, VaultPaysFee: &yes}.PayoutFeeRule())
}

func TestEnvironmentOverridesFile(t *testing.T) {
	cfg, err := load(writeDevnet(t, nil), secretEnv(map[string]string{
		"WPOKT_POCKET_RPC_URL":         "http://10.0.0.9:8081",
		"WPOKT_ETHEREUM_CONFIRMATIONS": "7",
		"WPOKT_NODE_ID":                "node-3",
		"WPOKT_ETHEREUM_SCAN_INTERVAL": "2s",
		"WPOKT_VALIDATORS_NODE_IDS":    "node-1,node-2,node-3",
		"WPOKT_VALIDATORS_THRESHOLD":   "2",
	}))
	require.NoError(t, err)
	require.Equal(t, "http://10.0.0.9:8081", cfg.Pocket.RPCURL)
	require.EqualValues(t, 7, cfg.Ethereum.Confirmations)
	require.Equal(t, "node-3", cfg.Node.ID)
	require.Equal(t, 2*time.Second, cfg.Ethereum.ScanInterval)
	require.Equal(t, []string{"node-1", "node-2", "node-3"}, cfg.Validators.NodeIDs)
}

func TestBadConfigNamesTheKey(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(string) string
		env     map[string]string
		wantKey string
	}{
		{"missing pocket rpc url", replace("rpc_url: http://127.0.0.1:8081", "rpc_url: \"\""), nil, "key pocket.rpc_url: missing"},
		{"threshold above signers", replace("threshold: 9", "threshold: 13"), nil, "key validators.threshold: 13 is more than the 12 signers"},
		{"threshold not a majority", replace("threshold: 9", "threshold: 6"), nil, "key validators.threshold: 6 is not a majority of the 12 signers"},
		{"node ids not unique", replace("node-12]", "node-11]"), nil, `key validators.node_ids: node id "node-11" is listed twice`},
		{"negative confirmations", replace("confirmations: 2\n  block_time: 1s\n  start_block", "confirmations: -1\n  block_time: 1s\n  start_block"), nil, "key ethereum.confirmations: must not be negative"},
		{"malformed wpokt address", replace("0x5FbDB2315678afecb367f032d93F642f64180aa3", "0x5FbDB23156"), nil, "key ethereum.wpokt_address"},
		{"zero minter", replace("0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"", "0x0000000000000000000000000000000000000000\""), nil, "key ethereum.minter_address: is the zero address"},
		{"malformed vault", replace("pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd", "pokt15dcs745"), nil, "key pocket.vault_address"},
		{"unknown protocol", replace("protocol: shannon", "protocol: tendermint"), nil, `key pocket.protocol: want "shannon" or "morse", got "tendermint"`},
		{"morse vault on shannon", replace(`"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd"`, `"5f3b1c2e9e8a7d6c5b4a39281706f5e4d3c2b1a0"`), nil, "key pocket.vault_address: want a bech32 pokt1… address for protocol shannon"},
		{"shannon vault on morse", replace("protocol: shannon", "protocol: morse"), nil, "key pocket.vault_address: want 40 lower-case hex characters for protocol morse"},
		{"node not a validator", replace("id: node-1", "id: node-99"), nil, `key node.id: "node-99" is not in validators.node_ids`},
		{"metrics on a public address", replace("127.0.0.1:9465", "0.0.0.0:9465"), nil, "key node.metrics_address"},
		{"released transfer not a workflow id", replace("daily_cap_upokt: 1000000000000", "daily_cap_upokt: 1000000000000\n  released_transfers: [mint-xyz]"), nil, `key governor.released_transfers: "mint-xyz"`},
		{"empty ledger path", replace("ledger_path: .devnet/node-1/ledger.db", `ledger_path: ""`), nil, `key node.ledger_path: want a clean file path, got ""`},
		{"unclean ledger path", replace("ledger_path: .devnet/node-1/ledger.db", "ledger_path: /var/lib/wpokt/../ledger.db"), nil, "key node.ledger_path"},
		{"top-up sender not an address", replace("vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"", "vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"\n  top_up_senders: [pokt1nope]"), nil, "key pocket.top_up_senders[0]: not a Pocket address"},
		{"morse top-up sender on shannon", replace("vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"", "vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"\n  top_up_senders: [\"5f3b1c2e9e8a7d6c5b4a39281706f5e4d3c2b1a0\"]"), nil, "key pocket.top_up_senders[0]: want an address in protocol shannon's form"},
		{"vault as top-up sender", replace("vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"", "vault_address: \"pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd\"\n  top_up_senders: [pokt15dcs745gpcl4m2mja6hqm6wxq2gnp474ufyrqd]"), nil, "key pocket.top_up_senders[0]: the vault cannot top itself up"},
		{"bad duration", replace("block_time: 1s", "block_time: soon"), nil, "block_time"},
		{"unquoted hex address", replace("\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"", "0x0000000000000000000000000000000000000001"), nil, "key ethereum.minter_address: want a string"},
		{"unknown key", replace("node:\n", "node:\n  colour: blue\n"), nil, "unknown key node.colour"},
		{"secret in the file", replace("copper:\n", "copper:\n  api_secret: hunter2\n"), nil, "key copper.api_secret: secrets are not read from the config file"},
		{"missing secret", nil, map[string]string{"WPOKT_COPPER_API_SECRET": ""}, "key copper.api_secret: missing (set WPOKT_COPPER_API_SECRET or copper.api_secret_file)"},
		{"bad env override", nil, map[string]string{"WPOKT_VALIDATORS_THRESHOLD": "nine"}, "threshold"},
		{"no hold delay", nil, map[string]string{"WPOKT_GOVERNOR_RELEASE_AFTER": "0s"}, "key governor.release_after: must be a positive duration, got 0s"},
		{"not yaml", func(string) string { return "node: [unclosed" }, nil, "read config"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(writeDevnet(t, tc.edit), secretEnv(tc.env))
			require.Error(t, err)
			require.Contains(t, err.Error(), tc.wantKey)
		})
	}
}

func TestMissingFileIsClear(t *testing.T) {
	_, err := load(filepath.Join(t.TempDir(), "absent.yaml"), secretEnv(nil))
	require.ErrorContains(t, err, "absent.yaml")
}

func TestSecretFromEnvAndFileIsAmbiguous(t *testing.T) {
	path := writeDevnet(t, replace("copper:\n", "copper:\n  api_key_file: /nonexistent\n"))
	_, err := load(path, secretEnv(nil))
	require.ErrorContains(t, err, "set either WPOKT_COPPER_API_KEY or copper.api_key_file, not both")
}

func TestConfigNeverPrintsSecrets(t *testing.T) {
	cfg, err := load(writeDevnet(t, nil), secretEnv(nil))
	require.NoError(t, err)

	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("config", "config", cfg, "secret", cfg.Copper.APISecret)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("config", "config", *cfg)
	printed := strings.Join([]string{
		cfg.String(), fmt.Sprint(cfg), fmt.Sprintf("%v %+v %#v %s %q", *cfg, *cfg, *cfg, cfg.Copper.APIKey, cfg.Copper.APIKey),
		fmt.Sprintf("%x", cfg.Copper.Unlimited.MasterPassword), logs.String(),
		fmt.Errorf("wrapped: %v", cfg.Copper.Unlimited.KeyPassword).Error(),
	}, "\n")
	for _, secret := range []string{apiKey, apiSecret, keyPass, masterPass, "pw-0d9c8b"} {
		require.NotContains(t, printed, secret)
	}
	require.Contains(t, printed, secret.Redacted)
	require.Contains(t, printed, "node-1", "the rest of the config is still printed")
}

func TestKeysCoverEveryField(t *testing.T) {
	keys := Keys()
	require.Contains(t, keys, "pocket.rpc_url")
	require.Contains(t, keys, "copper.unlimited.key_password_file")
	require.Contains(t, keys, "temporal.tls.cert_file")
	require.NotContains(t, keys, "copper.api_secret", "a secret is never a file key")
	require.True(t, IsSecretKey("copper.api_secret"))
	require.False(t, IsSecretKey("copper.api_secret_file"))
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic(fmt.Sprintf("test edit: %q not in config", old))
		}
		return strings.Replace(s, old, new, 1)
	}
}

func TestReadingKeyPairMatchesTheSigningSet(t *testing.T) {
	cfg, err := load(writeDevnet(t, nil), secretEnv(nil))
	require.NoError(t, err)
	key, err := cfg.ReadingKeyPair()
	require.NoError(t, err)
	require.True(t, cfg.NodeKeys()["node-1"].Equal(key.Public()))
	require.Len(t, cfg.NodeKeys(), 12)

	// node-2's key file on node-1: refused at start, naming the key.
	other := strings.Repeat("ab", 32)
	cfg, err = load(writeDevnet(t, nil), secretEnv(map[string]string{"WPOKT_NODE_READING_KEY": other}))
	require.NoError(t, err)
	_, err = cfg.ReadingKeyPair()
	require.ErrorContains(t, err, "is not validators.reading_keys.node-1")
	require.NotContains(t, err.Error(), other, "the key itself never reaches an error")

	cfg, err = load(writeDevnet(t, nil), secretEnv(map[string]string{"WPOKT_NODE_READING_KEY": "not hex"}))
	require.NoError(t, err)
	_, err = cfg.ReadingKeyPair()
	require.ErrorContains(t, err, "want the hex of a 32-byte seed")
}

func TestReadingKeysNameEveryNode(t *testing.T) {
	_, err := load(writeDevnet(t, replace("  node-12: ", "  node-99: ")), secretEnv(nil))
	require.ErrorContains(t, err, "key validators.reading_keys: no key for node node-12")
	_, err = load(writeDevnet(t, replace(`  node-3: "`, `  node-3: "zz`)), secretEnv(nil))
	require.ErrorContains(t, err, "key validators.reading_keys: node node-3: want 32 bytes of hex")
}
