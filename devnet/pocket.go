package devnet

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet/coppersim"
	"github.com/wpokt/bridge/devnet/ethnet"
	"github.com/wpokt/bridge/devnet/morsesim"
	"github.com/wpokt/bridge/devnet/shannonnet"
)

// The devnet's Pocket chain facts.
const (
	// ShannonChainID and MorseChainID are the devnet Pocket chains' ids.
	ShannonChainID = "pocket-devnet"
	MorseChainID   = "devnet"
	PocketFee      = 10_000
	// UserFunds is what each test user holds on Pocket at start.
	UserFunds = 1_000_000_000_000 // 1,000,000 POKT
)

// User is a funded test account on both chains. Its Pocket key is
// secp256k1 on Shannon and ed25519 on Morse; PoktAddress prints the
// devnet's protocol's form (pokt1… or 40 hex).
type User struct {
	Name        string
	Protocol    pokt.Protocol
	PoktKey     ed25519.PrivateKey // Morse
	ShannonKey  *shannonnet.Key    // Shannon
	PoktAddress string
	Eth         ethnet.Account
}

// NewUser derives a deterministic test user of a devnet running protocol p.
func NewUser(name string, p pokt.Protocol) User {
	u := User{Name: name, Protocol: p, Eth: ethnet.NewAccount(name)}
	if p == pokt.Morse {
		u.PoktKey = morseKey("user/" + name)
		u.PoktAddress = morseAddress(u.PoktKey)
	} else {
		u.ShannonKey = shannonnet.NewKey("wpokt-devnet/user/" + name)
		u.PoktAddress = u.ShannonKey.Address()
	}
	return u
}

func morseKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("wpokt-devnet/pokt/" + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

func morseAddress(k ed25519.PrivateKey) string {
	a, err := morsesim.AddressFromPublicKey(k.Public().(ed25519.PublicKey))
	if err != nil {
		panic(err) // an ed25519 public key always has an address
	}
	return a
}

// shannonVault is the devnet vault's Shannon key (derived from a fixed
// name, so the vault's address is the same at every start).
func shannonVault() *shannonnet.Key { return shannonnet.NewKey("wpokt-devnet/vault") }

// DefaultVault is the devnet's Pocket vault address for protocol p.
func DefaultVault(p pokt.Protocol) string {
	if p == pokt.Morse {
		return morseAddress(morseKey("vault"))
	}
	return shannonVault().Address()
}

// PocketChainID is the chain id of the devnet's Pocket chain.
func (d *Devnet) PocketChainID() string {
	if d.opts.Pocket == pokt.Morse {
		return MorseChainID
	}
	return ShannonChainID
}

// startPocket starts the Pocket chain of the configured protocol with the
// test users funded, and the executor that pays Copper's withdraws on it.
func (d *Devnet) startPocket(ctx context.Context, opts Options) (coppersim.PoktExecutor, error) {
	if opts.Pocket == pokt.Morse {
		return d.startMorse(opts)
	}
	accounts := []shannonnet.GenesisAccount{{Address: d.VaultPokt, Balance: 0}}
	for _, u := range append([]User{d.Treasury}, d.Users...) {
		accounts = append(accounts, shannonnet.GenesisAccount{Address: u.PoktAddress, Balance: UserFunds})
	}
	var err error
	d.Shannon, err = shannonnet.Start(ctx, shannonnet.Options{
		ChainID: ShannonChainID, TimeoutCommit: opts.PocketBlockInterval, Accounts: accounts,
		RPCPort: opts.Ports.Pocket, Logger: slog.New(slog.NewTextHandler(opts.NodeLog, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		return nil, fmt.Errorf("devnet: shannon chain: %w", err)
	}
	d.PocketURL = d.Shannon.RPCURL()
	if d.shannonClient, err = shannonnet.Dial(d.PocketURL); err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	return &coppersim.ShannonExecutor{Client: d.shannonClient, Vault: shannonVault(), FeeUpokt: PocketFee, WaitIncluded: true}, nil
}

func (d *Devnet) startMorse(opts Options) (coppersim.PoktExecutor, error) {
	d.Morse = morsesim.New(morsesim.Config{ChainID: MorseChainID, FeeUpokt: PocketFee})
	l, err := net.Listen("tcp", addr(opts.Ports.Pocket))
	if err != nil {
		return nil, fmt.Errorf("devnet: pocket listener: %w", err)
	}
	d.PocketURL = "http://" + l.Addr().String()
	d.pocketSrv = d.Morse.Serve(l)
	for _, u := range append([]User{d.Treasury}, d.Users...) {
		if err := d.Morse.Fund(u.PoktAddress, UserFunds); err != nil {
			return nil, fmt.Errorf("devnet: fund %s: %w", u.Name, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.cancelPokt = cancel
	if !opts.ManualBlocks {
		go d.Morse.Run(ctx, opts.PocketBlockInterval)
	}
	vault := morseKey("vault")
	return &coppersim.PoktRawTxExecutor{
		RPCURL: d.PocketURL, FromAddress: d.VaultPokt, FeeUpokt: PocketFee, WaitIncluded: true, PollInterval: 50 * time.Millisecond,
		Sign: func(to string, amount, fee uint64, memo string, entropy int64) ([]byte, error) {
			return morsesim.SignSend(vault, to, amount, fee, memo, entropy)
		},
	}, nil
}

// PocketHeight is the Pocket chain's latest height.
func (d *Devnet) PocketHeight() int64 {
	if d.Morse != nil {
		return d.Morse.Height()
	}
	return d.Shannon.Height()
}

// PocketBalance is what addr holds on the Pocket chain, in upokt.
func (d *Devnet) PocketBalance(ctx context.Context, addr string) (uint64, error) {
	if d.Morse != nil {
		return d.Morse.Balance(addr), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	b, err := d.shannonClient.Balance(ctx, addr, shannonnet.Denom)
	if err != nil {
		return 0, fmt.Errorf("devnet: balance of %s: %w", addr, err)
	}
	return b, nil
}

// Protocol is the devnet's Pocket protocol.
func (d *Devnet) Protocol() pokt.Protocol { return d.opts.Pocket }
