// Package config loads a node's configuration from a YAML file, lets
// WPOKT_-prefixed environment variables override any key, reads secrets
// from the environment or from files only, and validates the result with
// errors that name the offending key.
package config

import (
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/secret"

	"fmt"
	"log/slog"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
)

// Config is everything one validator node needs.
type Config struct {
	Node       Node       `mapstructure:"node"`
	Validators Validators `mapstructure:"validators"`
	Governor   Governor   `mapstructure:"governor"`
	Temporal   Temporal   `mapstructure:"temporal"`
	Mongo      Mongo      `mapstructure:"mongo"`
	Pocket     Pocket     `mapstructure:"pocket"`
	Ethereum   Ethereum   `mapstructure:"ethereum"`
	Copper     Copper     `mapstructure:"copper"`
	Accountant Accountant `mapstructure:"accountant"`
}

// Node is this process's identity and local endpoints.
type Node struct {
	// ID names the node; its signer task queue is "signer-<id>".
	ID string `mapstructure:"id"`
	// LogFormat is "json" (production) or "text" (devnet).
	LogFormat string `mapstructure:"log_format"`
	LogLevel  string `mapstructure:"log_level"`
	// MetricsAddress serves /metrics and /healthz; empty disables it. It
	// must be a loopback address unless AllowPublicMetrics is set.
	MetricsAddress     string `mapstructure:"metrics_address"`
	AllowPublicMetrics bool   `mapstructure:"allow_public_metrics"`
	// HealthStaleAfter fails /healthz when a scanner has not advanced for
	// this long.
	HealthStaleAfter time.Duration `mapstructure:"health_stale_after"`
	// StopTimeout is how long a stopping node lets its running activities
	// finish before it cancels them (systemd's TimeoutStopSec is above it).
	StopTimeout time.Duration `mapstructure:"stop_timeout"`
	// ReadingKey is this node's ed25519 reading key (the hex of its 32-byte
	// seed; `wpokt-node keygen` writes one), a secret: the node signs what
	// its scanners read with it, so that no other node can speak for it.
	ReadingKey     secret.Value `mapstructure:"-"`
	ReadingKeyFile string       `mapstructure:"reading_key_file"`
	// LedgerPath is this node's own record of what it co-signed (the file
	// is made by `wpokt-node ledger init` on a fresh node or `ledger
	// rebuild`). The signer refuses to sign while it is missing or
	// unreadable.
	LedgerPath string `mapstructure:"ledger_path"`
}

// Validators is the signing set shared by all nodes.
type Validators struct {
	// NodeIDs lists all nodes, each holding one shard of the vault key.
	NodeIDs []string `mapstructure:"node_ids"`
	// Threshold is how many distinct nodes must co-sign an order.
	Threshold int `mapstructure:"threshold"`
	// ReadingKeys are every node's public reading key (hex), by node ID:
	// a workflow counts a node's reading only under its key from here.
	ReadingKeys map[string]string `mapstructure:"reading_keys"`
}

// Governor bounds how much may cross without an operator.
type Governor struct {
	// SingleTransferLimitUpokt holds any transfer above it; 0 = no limit.
	SingleTransferLimitUpokt uint64 `mapstructure:"single_transfer_limit_upokt"`
	// DailyCapUpokt holds transfers that would take the rolling 24 h sum
	// above it; 0 = no cap.
	DailyCapUpokt uint64 `mapstructure:"daily_cap_upokt"`
	// ReleaseAfter moves a held transfer once it has been held this long,
	// when fewer than the threshold of node operators released it.
	ReleaseAfter time.Duration `mapstructure:"release_after"`
	// Paused makes this node's signer refuse every order: its operator's
	// own pause, whatever the control workflow says.
	Paused bool `mapstructure:"paused"`
	// SignerLimits (on by default) makes this node's signer apply the
	// single-transfer limit and the rolling cap itself (counted in its own
	// ledger): a transfer above them passes only on a threshold of node
	// operators' signed releases (verified with this node's own keys), once
	// its source is older than ReleaseAfter on this node's chain, or when
	// this node's operator listed it (ReleasedTransfers).
	SignerLimits bool `mapstructure:"signer_limits"`
	// ReleasedTransfers are the transfers (workflow IDs) this node's
	// operator let through its signer above the single-transfer limit or
	// the rolling cap.
	ReleasedTransfers []string `mapstructure:"released_transfers"`
}

// Temporal is the workflow service.
type Temporal struct {
	Address   string `mapstructure:"address"`
	Namespace string `mapstructure:"namespace"`
	// TaskQueue is the shared queue every node polls.
	TaskQueue string `mapstructure:"task_queue"`
	TLS       TLS    `mapstructure:"tls"`
	// ConfirmationPollInterval is how often a waiting workflow re-checks
	// confirmations after the expected time has passed.
	ConfirmationPollInterval time.Duration `mapstructure:"confirmation_poll_interval"`
	// SignerRetryMax caps the backoff between a signer's retries (a source
	// not yet confirmed on that node, a co-signer error).
	SignerRetryMax time.Duration `mapstructure:"signer_retry_max"`
}

// TLS is mTLS to an external Temporal cluster or Temporal Cloud.
type TLS struct {
	CertFile   string `mapstructure:"cert_file"`
	KeyFile    string `mapstructure:"key_file"`
	CAFile     string `mapstructure:"ca_file"`
	ServerName string `mapstructure:"server_name"`
}

// Enabled reports whether any TLS setting is present.
func (t TLS) Enabled() bool { return t.CertFile != "" || t.KeyFile != "" || t.CAFile != "" }

// Mongo is the read-only projection's database.
type Mongo struct {
	URI      secret.Value  `mapstructure:"-"`
	URIFile  string        `mapstructure:"uri_file"`
	Database string        `mapstructure:"database"`
	Timeout  time.Duration `mapstructure:"timeout"`
}

// Pocket is the Pocket chain as this node sees it through its own RPC.
type Pocket struct {
	// Protocol is the Pocket network's protocol: shannon (today's Pocket,
	// the default) or morse.
	Protocol      pokt.Protocol `mapstructure:"protocol"`
	RPCURL        string        `mapstructure:"rpc_url"`
	ChainID       string        `mapstructure:"chain_id"`
	VaultAddress  string        `mapstructure:"vault_address"`
	Confirmations int64         `mapstructure:"confirmations"`
	FeeUpokt      uint64        `mapstructure:"fee_upokt"`
	// VaultPaysFee: a payout from the vault (a burn's return, a refund)
	// sends the full amount and the vault pays fee_upokt on top; false
	// takes the fee out of the amount. Unset: production wPOKT's rule for
	// the protocol (see PayoutFeeRule).
	VaultPaysFee *bool  `mapstructure:"vault_pays_fee"`
	MaxMintUpokt uint64 `mapstructure:"max_mint_upokt"`
	// TopUpSenders are the operators' treasury addresses (the protocol's
	// form): their sends to the vault top up its backing (the network fees
	// it paid, wPOKT minted outside the bridge) and are neither minted nor
	// refunded. Every node must list the same ones.
	TopUpSenders []string      `mapstructure:"top_up_senders"`
	BlockTime    time.Duration `mapstructure:"block_time"`
	StartHeight  int64         `mapstructure:"start_height"`
	ScanInterval time.Duration `mapstructure:"scan_interval"`
	RPCTimeout   time.Duration `mapstructure:"rpc_timeout"`
}

// PayoutFeeRule says whether the vault pays the network fee of its payouts:
// the vault_pays_fee key when set, else production wPOKT's rule for the
// protocol (the vault pays on Shannon; the amount carried the fee on Morse).
func (p Pocket) PayoutFeeRule() bool {
	if p.VaultPaysFee != nil {
		return *p.VaultPaysFee
	}
	return pokt.DefaultVaultPaysFee(p.Protocol)
}

// Ethereum is the chain of the wPOKT contract, through this node's own RPC.
type Ethereum struct {
	RPCURL string `mapstructure:"rpc_url"`
	// WSURL, when set, lets the scanner subscribe to burns instead of
	// polling for them.
	WSURL         string        `mapstructure:"ws_url"`
	ChainID       uint64        `mapstructure:"chain_id"`
	WPOKTAddress  string        `mapstructure:"wpokt_address"`
	MinterAddress string        `mapstructure:"minter_address"`
	Confirmations int64         `mapstructure:"confirmations"`
	BlockTime     time.Duration `mapstructure:"block_time"`
	StartBlock    uint64        `mapstructure:"start_block"`
	ScanInterval  time.Duration `mapstructure:"scan_interval"`
	// ReconcileInterval is how often a scanner that subscribes over ws_url
	// re-scans its range to catch what a dropped subscription missed; 0
	// means log_range blocks (about one log query per log_range blocks).
	ReconcileInterval time.Duration `mapstructure:"reconcile_interval"`
	LogRange          uint64        `mapstructure:"log_range"`
	RPCTimeout        time.Duration `mapstructure:"rpc_timeout"`
}

// Copper is the custody platform and this node's co-signer.
type Copper struct {
	APIURL        string        `mapstructure:"api_url"`
	PortfolioID   string        `mapstructure:"portfolio_id"`
	POKTCurrency  string        `mapstructure:"pokt_currency"`
	ETHCurrency   string        `mapstructure:"eth_currency"`
	Timeout       time.Duration `mapstructure:"timeout"`
	PollInterval  time.Duration `mapstructure:"poll_interval"`
	APIKey        secret.Value  `mapstructure:"-"`
	APIKeyFile    string        `mapstructure:"api_key_file"`
	APISecret     secret.Value  `mapstructure:"-"`
	APISecretFile string        `mapstructure:"api_secret_file"`
	Unlimited     Unlimited     `mapstructure:"unlimited"`
}

// Unlimited is the Copper Unlimited co-signer beside this node.
type Unlimited struct {
	URL                string        `mapstructure:"url"`
	KeyFilename        string        `mapstructure:"key_filename"`
	KeyPassword        secret.Value  `mapstructure:"-"`
	KeyPasswordFile    string        `mapstructure:"key_password_file"`
	MasterPassword     secret.Value  `mapstructure:"-"`
	MasterPasswordFile string        `mapstructure:"master_password_file"`
	Deadline           time.Duration `mapstructure:"deadline"`
	// PollInterval is the first pause between two status checks of a
	// signing session (it grows from there).
	PollInterval time.Duration `mapstructure:"poll_interval"`
}

// secretSource names where each secret comes from: the environment variable
// that holds it, or the config key whose value is a file holding it.
type secretSource struct {
	key     string // config key of the secret itself (never accepted in YAML)
	env     string
	fileKey string
	target  func(*Config) (*secret.Value, string)
}

var secretSources = []secretSource{
	{"node.reading_key", "WPOKT_NODE_READING_KEY", "node.reading_key_file", func(c *Config) (*secret.Value, string) { return &c.Node.ReadingKey, c.Node.ReadingKeyFile }},
	{"copper.api_key", "WPOKT_COPPER_API_KEY", "copper.api_key_file", func(c *Config) (*secret.Value, string) { return &c.Copper.APIKey, c.Copper.APIKeyFile }},
	{"copper.api_secret", "WPOKT_COPPER_API_SECRET", "copper.api_secret_file", func(c *Config) (*secret.Value, string) { return &c.Copper.APISecret, c.Copper.APISecretFile }},
	{"copper.unlimited.key_password", "WPOKT_COPPER_UNLIMITED_KEY_PASSWORD", "copper.unlimited.key_password_file", func(c *Config) (*secret.Value, string) {
		return &c.Copper.Unlimited.KeyPassword, c.Copper.Unlimited.KeyPasswordFile
	}},
	{"copper.unlimited.master_password", "WPOKT_COPPER_UNLIMITED_MASTER_PASSWORD", "copper.unlimited.master_password_file", func(c *Config) (*secret.Value, string) {
		return &c.Copper.Unlimited.MasterPassword, c.Copper.Unlimited.MasterPasswordFile
	}},
	// The Mongo URI may carry a password, so it is treated as a secret too;
	// a URI without credentials may still come from the environment.
	{"mongo.uri", "WPOKT_MONGO_URI", "mongo.uri_file", func(c *Config) (*secret.Value, string) { return &c.Mongo.URI, c.Mongo.URIFile }},
}

// Defaults are the values a key takes when neither the file nor the
// environment sets it.
func setDefaults(v *viper.Viper) {
	v.SetDefault("node.log_format", "json")
	v.SetDefault("node.log_level", "info")
	v.SetDefault("node.health_stale_after", "5m")
	v.SetDefault("node.stop_timeout", "90s")
	v.SetDefault("node.ledger_path", DefaultLedgerPath)
	v.SetDefault("validators.threshold", 9)
	v.SetDefault("governor.release_after", "24h")
	v.SetDefault("governor.signer_limits", true)
	setAccountantDefaults(v)
	v.SetDefault("temporal.address", "127.0.0.1:7233")
	v.SetDefault("temporal.namespace", "default")
	v.SetDefault("temporal.task_queue", "bridge")
	v.SetDefault("temporal.confirmation_poll_interval", "5s")
	v.SetDefault("temporal.signer_retry_max", "30s")
	v.SetDefault("mongo.database", "wpokt")
	v.SetDefault("mongo.timeout", "10s")
	v.SetDefault("pocket.protocol", string(pokt.Shannon))
	v.SetDefault("pocket.fee_upokt", 10000)
	v.SetDefault("pocket.block_time", "15m")
	v.SetDefault("pocket.scan_interval", "30s")
	v.SetDefault("pocket.rpc_timeout", "10s")
	v.SetDefault("ethereum.block_time", "12s")
	v.SetDefault("ethereum.scan_interval", "12s")
	v.SetDefault("ethereum.log_range", 2000)
	v.SetDefault("ethereum.reconcile_interval", "0s")
	v.SetDefault("ethereum.rpc_timeout", "10s")
	v.SetDefault("copper.pokt_currency", "POKT")
	v.SetDefault("copper.eth_currency", "ETH")
	v.SetDefault("copper.timeout", "15s")
	v.SetDefault("copper.poll_interval", "2s")
	v.SetDefault("copper.unlimited.deadline", "5m")
	v.SetDefault("copper.unlimited.poll_interval", "1s")
}

// EnvPrefix prefixes every environment variable that overrides a key:
// pocket.rpc_url is WPOKT_POCKET_RPC_URL.
const EnvPrefix = "WPOKT"

// Load reads the YAML file at path (empty: environment and defaults only),
// applies WPOKT_ environment overrides, loads secrets and validates.
func Load(path string) (*Config, error) {
	return load(path, os.LookupEnv)
}

func load(path string, lookupEnv func(string) (string, bool)) (*Config, error) {
	v := viper.New()
	setDefaults(v)
	v.SetEnvPrefix(EnvPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	if path != "" {
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("read config %s: %w", path, err)
		}
	}
	if err := rejectUnknownAndSecretKeys(v); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	// AutomaticEnv only overrides keys viper knows; bind every key of the
	// struct so that an env var can set a key the file leaves out.
	for _, key := range Keys() {
		env := EnvName(key)
		if val, ok := lookupEnv(env); ok {
			v.Set(key, val)
		}
	}
	var cfg Config
	decode := viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(),
		mapstructure.StringToSliceHookFunc(","),
	))
	if err := v.UnmarshalExact(&cfg, decode); err != nil {
		return nil, fmt.Errorf("decode config: %w", err)
	}
	if err := cfg.loadSecrets(lookupEnv); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// EnvName is the environment variable that overrides key.
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func rejectUnknownAndSecretKeys(v *viper.Viper) error {
	known := map[string]bool{}
	for _, k := range Keys() {
		known[k] = true
	}
	for _, s := range secretSources {
		if v.IsSet(s.key) {
			return fmt.Errorf("key %s: secrets are not read from the config file; set %s or %s", s.key, s.env, s.fileKey)
		}
	}
	for _, k := range v.AllKeys() {
		if !known[k] && !underMapKey(k) {
			return fmt.Errorf("unknown key %s", k)
		}
	}
	// YAML reads an unquoted 0x… address as a number; refuse it rather than
	// decode the number's digits as an address.
	for _, k := range keyKinds() {
		if k.kind != reflect.String || !v.IsSet(k.key) {
			continue
		}
		if _, ok := v.Get(k.key).(string); !ok {
			return fmt.Errorf("key %s: want a string, got %v (quote it in YAML)", k.key, v.Get(k.key))
		}
	}
	return nil
}

// underMapKey reports whether key is an entry of a map-valued key (e.g.
// validators.reading_keys.node-1).
func underMapKey(key string) bool {
	for _, k := range keyKinds() {
		if k.kind == reflect.Map && strings.HasPrefix(key, k.key+".") {
			return true
		}
	}
	return false
}

func (c *Config) loadSecrets(lookupEnv func(string) (string, bool)) error {
	for _, s := range secretSources {
		dst, file := s.target(c)
		env, fromEnv := lookupEnv(s.env)
		switch {
		case fromEnv && file != "":
			return fmt.Errorf("key %s: set either %s or %s, not both", s.key, s.env, s.fileKey)
		case fromEnv:
			*dst = secret.Value(strings.TrimSpace(env))
		case file != "":
			b, err := os.ReadFile(file)
			if err != nil {
				// The path is not secret; the content never reaches an error.
				return fmt.Errorf("key %s: read secret file: %w", s.fileKey, err)
			}
			*dst = secret.Value(strings.TrimSpace(string(b)))
		}
	}
	return nil
}

// DefaultLedgerPath is where a node keeps its ledger unless told.
const DefaultLedgerPath = "/var/lib/wpokt/ledger.db"

// ParseLogLevel maps debug/info/warn/error to a slog level.
func ParseLogLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("want debug, info, warn or error, got %q", s)
	}
	return l, nil
}
