package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/chains/eth/wpokt"
	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/devnet"
	"github.com/wpokt/bridge/transfer"
)

// endpoints are where a running devnet's services are (its default ports).
type endpoints struct {
	pocketRPC string
	ethRPC    string
	wpokt     string
	vault     string
	pocket    string
	timeout   time.Duration
}

func (ep *endpoints) flags(cmd *cobra.Command) {
	f := cmd.PersistentFlags()
	f.StringVar(&ep.pocketRPC, "pocket-rpc", "http://127.0.0.1:8081", "Pocket RPC URL of the devnet")
	f.StringVar(&ep.ethRPC, "eth-rpc", "http://127.0.0.1:8545", "Ethereum RPC URL of the devnet")
	f.StringVar(&ep.wpokt, "wpokt-address", "", "wPOKT contract (default: the devnet's)")
	f.StringVar(&ep.vault, "vault", "", "Pocket vault address (default: the devnet's)")
	f.StringVar(&ep.pocket, "pocket", string(pokt.Shannon), "Pocket protocol of the devnet: shannon or morse")
	f.DurationVar(&ep.timeout, "timeout", 30*time.Second, "timeout of the whole command")
}

// user is the devnet test user of that name on the devnet's protocol.
func (ep *endpoints) user(name string) (devnet.User, error) {
	p := pokt.Protocol(ep.pocket)
	if !p.Valid() {
		return devnet.User{}, fmt.Errorf("--pocket %q: want %s or %s", ep.pocket, pokt.Shannon, pokt.Morse)
	}
	return devnet.NewUser(name, p), nil
}

func (ep *endpoints) context(cmd *cobra.Command) (context.Context, context.CancelFunc) {
	return context.WithTimeout(cmd.Context(), ep.timeout)
}

func printf(cmd *cobra.Command, format string, args ...any) {
	fmt.Fprintf(cmd.OutOrStdout(), format, args...)
}

func depositCmd(ep *endpoints) *cobra.Command {
	var from, amount, to, memo string
	var chainID uint64
	cmd := &cobra.Command{
		Use:   "deposit --from user-1 --amount 12.5 (--to 0xETH | --memo '...')",
		Short: "Send POKT from a devnet test user to the vault (a deposit to bridge)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			upokt, err := transfer.ParsePOKT(amount)
			if err != nil {
				return err
			}
			switch {
			case to != "" && memo != "":
				return errors.New("give --to or --memo, not both")
			case to != "":
				if !common.IsHexAddress(to) {
					return fmt.Errorf("--to %q is not an Ethereum address", to)
				}
				memo = fmt.Sprintf(`{"address":"%s","chain_id":"%d"}`, common.HexToAddress(to).Hex(), chainID)
			case memo == "":
				return errors.New("give --to (an Ethereum address) or --memo (any memo, to try bad ones)")
			}
			user, err := ep.user(from)
			if err != nil {
				return err
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			vault := ep.vault
			if vault == "" {
				vault = devnet.DefaultVault(user.Protocol)
			}
			hash, err := devnet.SendPOKT(ctx, ep.pocketRPC, user, vault, upokt, memo)
			if err != nil {
				return err
			}
			printf(cmd, "deposit %s\n  %s POKT from %s to the vault %s\n  memo %s\n  workflow %s\n  next: bin/wpokt status %s\n",
				hash, transfer.FormatPOKT(upokt), from, vault, memo, transfer.MintWorkflowID(hash), hash)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "user-1", "devnet test user")
	cmd.Flags().StringVar(&amount, "amount", "", "POKT, e.g. 12.5")
	cmd.Flags().StringVar(&to, "to", "", "Ethereum address to mint wPOKT to")
	cmd.Flags().StringVar(&memo, "memo", "", "raw memo instead of --to")
	cmd.Flags().Uint64Var(&chainID, "chain-id", 1337, "Ethereum chain ID written in the memo")
	_ = cmd.MarkFlagRequired("amount")
	return cmd
}

func burnCmd(ep *endpoints) *cobra.Command {
	var from, amount, to string
	cmd := &cobra.Command{
		Use:   "burn --from user-1 --amount 3 --to <pocket address>",
		Short: "Burn a devnet test user's wPOKT to get POKT back on Pocket",
		RunE: func(cmd *cobra.Command, _ []string) error {
			upokt, err := transfer.ParsePOKT(amount)
			if err != nil {
				return err
			}
			poktTo, err := pokt.ParseAddress(to)
			if err != nil {
				return fmt.Errorf("--to: %w", err)
			}
			user, err := ep.user(from)
			if err != nil {
				return err
			}
			ctx, cancel := ep.context(cmd)
			defer cancel()
			hash, err := sendBurn(ctx, ep, user, upokt, common.BytesToAddress(poktTo.Bytes()))
			if err != nil {
				return err
			}
			printf(cmd, "burn %s\n  %s wPOKT from %s for %s\n  workflow %s\n  next: bin/wpokt status %s\n",
				hash, transfer.FormatPOKT(upokt), from, poktTo, transfer.BurnWorkflowID(hash, 0), hash)
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "user-1", "devnet test user")
	cmd.Flags().StringVar(&amount, "amount", "", "wPOKT, e.g. 3")
	cmd.Flags().StringVar(&to, "to", "", "Pocket address to receive the POKT")
	_ = cmd.MarkFlagRequired("amount")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// sendBurn sends burnAndBridge from a devnet user over the Ethereum RPC.
func sendBurn(ctx context.Context, ep *endpoints, u devnet.User, upokt uint64, poktTo common.Address) (string, error) {
	c, err := ethclient.DialContext(ctx, ep.ethRPC)
	if err != nil {
		return "", fmt.Errorf("dial ethereum: %w", err)
	}
	defer c.Close()
	contract := devnet.DefaultWPOKT()
	if ep.wpokt != "" {
		contract = common.HexToAddress(ep.wpokt)
	}
	chainID, err := c.ChainID(ctx)
	if err != nil {
		return "", fmt.Errorf("chain id: %w", err)
	}
	nonce, err := c.PendingNonceAt(ctx, u.Eth.Address)
	if err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	head, err := c.HeaderByNumber(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("head: %w", err)
	}
	tip := big.NewInt(1_000_000_000)
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	data := wpokt.NewWrappedPocket().PackBurnAndBridge(new(big.Int).SetUint64(upokt), poktTo)
	// A burn that reverts emits no BurnAndBridge log, so no transfer would
	// ever show up: say why now instead.
	if _, err := c.CallContract(ctx, ethereum.CallMsg{From: u.Eth.Address, To: &contract, Data: data}, nil); err != nil {
		return "", fmt.Errorf("burn %s wPOKT from %s would revert (does it hold that much wPOKT? is the contract paused?): %w",
			transfer.FormatPOKT(upokt), u.Name, err)
	}
	tx, err := types.SignNewTx(u.Eth.Key, types.LatestSignerForChainID(chainID), &types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 150_000, To: &contract, Data: data,
	})
	if err != nil {
		return "", err
	}
	if err := c.SendTransaction(ctx, tx); err != nil {
		return "", fmt.Errorf("send burn: %w", err)
	}
	return tx.Hash().Hex(), nil
}
