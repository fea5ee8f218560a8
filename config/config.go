// Package config loads a node's configuration from a YAML file, lets
// WPOKT_-prefixed environment variables override any key, reads secrets
// from the environment or from files only, and validates the result with
// errors that name the offending key.
package config

import (
	"github.com/wpokt/bridge/chains/pokt"

	"errors"
	"fmt"
	"log/slog"
	"os"
	"reflect"
	"regexp"
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
	ReadingKey     Secret `mapstructure:"-"`
	ReadingKeyFile string `mapstructure:"reading_key_file"`
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
	URI      Secret        `mapstructure:"-"`
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
	VaultPaysFee *bool         `mapstructure:"vault_pays_fee"`
	MaxMintUpokt uint64        `mapstructure:"max_mint_upokt"`
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
	APIKey        Secret        `mapstructure:"-"`
	APIKeyFile    string        `mapstructure:"api_key_file"`
	APISecret     Secret        `mapstructure:"-"`
	APISecretFile string        `mapstructure:"api_secret_file"`
	Unlimited     Unlimited     `mapstructure:"unlimited"`
}

// Unlimited is the Copper Unlimited co-signer beside this node.
type Unlimited struct {
	URL                string        `mapstructure:"url"`
	KeyFilename        string        `mapstructure:"key_filename"`
	KeyPassword        Secret        `mapstructure:"-"`
	KeyPasswordFile    string        `mapstructure:"key_password_file"`
	MasterPassword     Secret        `mapstructure:"-"`
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
	target  func(*Config) (*Secret, string)
}

var secretSources = []secretSource{
	{"node.reading_key", "WPOKT_NODE_READING_KEY", "node.reading_key_file", func(c *Config) (*Secret, string) { return &c.Node.ReadingKey, c.Node.ReadingKeyFile }},
	{"copper.api_key", "WPOKT_COPPER_API_KEY", "copper.api_key_file", func(c *Config) (*Secret, string) { return &c.Copper.APIKey, c.Copper.APIKeyFile }},
	{"copper.api_secret", "WPOKT_COPPER_API_SECRET", "copper.api_secret_file", func(c *Config) (*Secret, string) { return &c.Copper.APISecret, c.Copper.APISecretFile }},
	{"copper.unlimited.key_password", "WPOKT_COPPER_UNLIMITED_KEY_PASSWORD", "copper.unlimited.key_password_file", func(c *Config) (*Secret, string) {
		return &c.Copper.Unlimited.KeyPassword, c.Copper.Unlimited.KeyPasswordFile
	}},
	{"copper.unlimited.master_password", "WPOKT_COPPER_UNLIMITED_MASTER_PASSWORD", "copper.unlimited.master_password_file", func(c *Config) (*Secret, string) {
		return &c.Copper.Unlimited.MasterPassword, c.Copper.Unlimited.MasterPasswordFile
	}},
	// The Mongo URI may carry a password, so it is treated as a secret too;
	// a URI without credentials may still come from the environment.
	{"mongo.uri", "WPOKT_MONGO_URI", "mongo.uri_file", func(c *Config) (*Secret, string) { return &c.Mongo.URI, c.Mongo.URIFile }},
}

// Defaults are the values a key takes when neither the file nor the
// environment sets it.
func setDefaults(v *viper.Viper) {
	v.SetDefault("node.log_format", "json")
	v.SetDefault("node.log_level", "info")
	v.SetDefault("node.health_stale_after", "5m")
	v.SetDefault("node.stop_timeout", "90s")
	v.SetDefault("validators.threshold", 9)
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
			*dst = Secret(strings.TrimSpace(env))
		case file != "":
			b, err := os.ReadFile(file)
			if err != nil {
				// The path is not secret; the content never reaches an error.
				return fmt.Errorf("key %s: read secret file: %w", s.fileKey, err)
			}
			*dst = Secret(strings.TrimSpace(string(b)))
		}
	}
	return nil
}

var (
	poktAddressRE = regexp.MustCompile(`^[0-9a-f]{40}$`)
	ethAddressRE  = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
	nodeIDRE      = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
)

// Validate checks every key and names the first bad ones.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("key %s: %s", key, fmt.Sprintf(format, args...)))
	}
	if !nodeIDRE.MatchString(c.Node.ID) {
		bad("node.id", "want lower-case letters, digits and '-', got %q", c.Node.ID)
	}
	switch c.Node.LogFormat {
	case "json", "text":
	default:
		bad("node.log_format", "want json or text, got %q", c.Node.LogFormat)
	}
	if c.Node.StopTimeout < 0 {
		bad("node.stop_timeout", "must not be negative")
	}
	if _, err := ParseLogLevel(c.Node.LogLevel); err != nil {
		bad("node.log_level", "%v", err)
	}
	if c.Node.MetricsAddress != "" && !c.Node.AllowPublicMetrics && !isLoopback(c.Node.MetricsAddress) {
		bad("node.metrics_address", "%q is not a loopback address (set node.allow_public_metrics to expose it)", c.Node.MetricsAddress)
	}
	if len(c.Validators.NodeIDs) == 0 {
		bad("validators.node_ids", "missing")
	}
	seen := map[string]bool{}
	for _, id := range c.Validators.NodeIDs {
		if !nodeIDRE.MatchString(id) {
			bad("validators.node_ids", "bad node id %q", id)
		}
		if seen[id] {
			bad("validators.node_ids", "node id %q is listed twice", id)
		}
		seen[id] = true
	}
	if c.Node.ID != "" && len(c.Validators.NodeIDs) > 0 && !seen[c.Node.ID] {
		bad("node.id", "%q is not in validators.node_ids", c.Node.ID)
	}
	switch n := len(c.Validators.NodeIDs); {
	case c.Validators.Threshold > n:
		bad("validators.threshold", "%d is more than the %d signers", c.Validators.Threshold, n)
	case c.Validators.Threshold*2 <= n:
		// Fewer than a majority could move funds the others refuse.
		bad("validators.threshold", "%d is not a majority of the %d signers", c.Validators.Threshold, n)
	}
	c.validateReadingKeys(bad)
	if c.Governor.DailyCapUpokt != 0 && c.Governor.SingleTransferLimitUpokt > c.Governor.DailyCapUpokt {
		bad("governor.single_transfer_limit_upokt", "is above governor.daily_cap_upokt")
	}
	if c.Temporal.Address == "" {
		bad("temporal.address", "missing")
	}
	if c.Temporal.Namespace == "" {
		bad("temporal.namespace", "missing")
	}
	if c.Temporal.TaskQueue == "" || strings.HasPrefix(c.Temporal.TaskQueue, "signer-") {
		bad("temporal.task_queue", "missing or clashing with the signer queues: %q", c.Temporal.TaskQueue)
	}
	if t := c.Temporal.TLS; t.Enabled() && (t.CertFile == "") != (t.KeyFile == "") {
		bad("temporal.tls", "cert_file and key_file go together")
	}
	positive(bad, "temporal.confirmation_poll_interval", c.Temporal.ConfirmationPollInterval)
	positive(bad, "temporal.signer_retry_max", c.Temporal.SignerRetryMax)
	if c.Mongo.URI == "" {
		bad("mongo.uri", "missing (set %s or mongo.uri_file)", EnvName("mongo.uri"))
	} else if s := string(c.Mongo.URI); !strings.HasPrefix(s, "mongodb://") && !strings.HasPrefix(s, "mongodb+srv://") {
		bad("mongo.uri", "not a mongodb:// URI")
	}
	if c.Mongo.Database == "" {
		bad("mongo.database", "missing")
	}
	positive(bad, "mongo.timeout", c.Mongo.Timeout)

	p := c.Pocket
	requireURL(bad, "pocket.rpc_url", p.RPCURL)
	if p.ChainID == "" {
		bad("pocket.chain_id", "missing")
	}
	switch p.Protocol {
	case pokt.Shannon:
		if a, err := pokt.ParseAddress(p.VaultAddress); err != nil || a.String() != p.VaultAddress || !strings.HasPrefix(p.VaultAddress, pokt.Bech32Prefix+"1") {
			bad("pocket.vault_address", "want a bech32 pokt1… address for protocol shannon, got %q", p.VaultAddress)
		}
	case pokt.Morse:
		if !poktAddressRE.MatchString(p.VaultAddress) {
			bad("pocket.vault_address", "want 40 lower-case hex characters for protocol morse, got %q", p.VaultAddress)
		}
	default:
		bad("pocket.protocol", "want %q or %q, got %q", pokt.Shannon, pokt.Morse, p.Protocol)
	}
	if p.Confirmations < 0 {
		bad("pocket.confirmations", "must not be negative, got %d", p.Confirmations)
	}
	if p.MaxMintUpokt != 0 && p.MaxMintUpokt <= p.FeeUpokt {
		bad("pocket.max_mint_upokt", "must be above pocket.fee_upokt")
	}
	if p.StartHeight < 0 {
		bad("pocket.start_height", "must not be negative")
	}
	positive(bad, "pocket.block_time", p.BlockTime)
	positive(bad, "pocket.scan_interval", p.ScanInterval)
	positive(bad, "pocket.rpc_timeout", p.RPCTimeout)

	e := c.Ethereum
	requireURL(bad, "ethereum.rpc_url", e.RPCURL)
	if e.WSURL != "" && !strings.HasPrefix(e.WSURL, "ws://") && !strings.HasPrefix(e.WSURL, "wss://") {
		bad("ethereum.ws_url", "want ws:// or wss://, got %q", e.WSURL)
	}
	if e.ChainID == 0 {
		bad("ethereum.chain_id", "missing")
	}
	checkEthAddress(bad, "ethereum.wpokt_address", e.WPOKTAddress)
	checkEthAddress(bad, "ethereum.minter_address", e.MinterAddress)
	if e.Confirmations < 0 {
		bad("ethereum.confirmations", "must not be negative, got %d", e.Confirmations)
	}
	if e.LogRange == 0 || e.LogRange > 100000 {
		bad("ethereum.log_range", "want 1..100000, got %d", e.LogRange)
	}
	positive(bad, "ethereum.block_time", e.BlockTime)
	positive(bad, "ethereum.scan_interval", e.ScanInterval)
	if e.ReconcileInterval < 0 {
		bad("ethereum.reconcile_interval", "must not be negative")
	}
	positive(bad, "ethereum.rpc_timeout", e.RPCTimeout)

	cu := c.Copper
	requireURL(bad, "copper.api_url", cu.APIURL)
	if cu.PortfolioID == "" {
		bad("copper.portfolio_id", "missing")
	}
	if cu.POKTCurrency == "" {
		bad("copper.pokt_currency", "missing")
	}
	if cu.ETHCurrency == "" {
		bad("copper.eth_currency", "missing")
	}
	positive(bad, "copper.timeout", cu.Timeout)
	positive(bad, "copper.poll_interval", cu.PollInterval)
	for _, s := range secretSources {
		if s.key == "mongo.uri" {
			continue
		}
		if dst, _ := s.target(c); *dst == "" {
			bad(s.key, "missing (set %s or %s)", s.env, s.fileKey)
		}
	}
	requireURL(bad, "copper.unlimited.url", cu.Unlimited.URL)
	if cu.Unlimited.KeyFilename == "" {
		bad("copper.unlimited.key_filename", "missing")
	}
	positive(bad, "copper.unlimited.deadline", cu.Unlimited.Deadline)
	positive(bad, "copper.unlimited.poll_interval", cu.Unlimited.PollInterval)
	return errors.Join(errs...)
}

// ParseLogLevel maps debug/info/warn/error to a slog level.
func ParseLogLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("want debug, info, warn or error, got %q", s)
	}
	return l, nil
}

func positive(bad func(string, string, ...any), key string, d time.Duration) {
	if d <= 0 {
		bad(key, "must be a positive duration, got %s", d)
	}
}

func requireURL(bad func(string, string, ...any), key, u string) {
	switch {
	case u == "":
		bad(key, "missing")
	case !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://"):
		bad(key, "want an http:// or https:// URL, got %q", u)
	}
}

func checkEthAddress(bad func(string, string, ...any), key, a string) {
	if !ethAddressRE.MatchString(a) {
		bad(key, "want a 0x-prefixed 20-byte hex address, got %q", a)
	} else if strings.TrimLeft(a[2:], "0") == "" {
		bad(key, "is the zero address")
	}
}

func isLoopback(addr string) bool {
	host := addr
	if i := strings.LastIndexByte(addr, ':'); i >= 0 {
		host = addr[:i]
	}
	host = strings.Trim(host, "[]")
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}
