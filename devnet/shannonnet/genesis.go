package shannonnet

import (
	"encoding/json"
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// GenesisAccount is an account that exists at genesis.
type GenesisAccount struct {
	Address string    // "pokt1..."
	Balance uint64    // upokt
	Extra   sdk.Coins // other denoms, for tests that send something else than upokt
}

// genesisDoc is the app_state of the genesis file: the chain is restarted
// from it, so it holds everything InitChain needs.
type genesisDoc struct {
	Accounts []genesisAccountJSON `json:"accounts"`
}

type genesisAccountJSON struct {
	Address string `json:"address"`
	Coins   string `json:"coins"`
}

func genesisAppState(accounts []GenesisAccount) (json.RawMessage, error) {
	doc := genesisDoc{Accounts: []genesisAccountJSON{}}
	for _, a := range accounts {
		if _, err := DecodeAddress(a.Address); err != nil {
			return nil, fmt.Errorf("genesis account: %w", err)
		}
		coins := UPOKT(a.Balance).Add(a.Extra...)
		doc.Accounts = append(doc.Accounts, genesisAccountJSON{Address: a.Address, Coins: coins.String()})
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("encode genesis app state: %w", err)
	}
	return b, nil
}

// genesisState builds the state: the fee collector module account first
// (account number 0), then the accounts in their given order.
func genesisState(appState []byte) (*state, error) {
	var doc genesisDoc
	if len(appState) > 0 {
		if err := json.Unmarshal(appState, &doc); err != nil {
			return nil, fmt.Errorf("decode genesis app state: %w", err)
		}
	}
	s := newState()
	s.accounts[string(moduleAddress(FeeCollectorName))] = &account{number: 0, module: FeeCollectorName}
	s.nextNumber = 1
	for _, ga := range doc.Accounts {
		if err := addGenesisAccount(s, ga); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func addGenesisAccount(s *state, ga genesisAccountJSON) error {
	addr, err := DecodeAddress(ga.Address)
	if err != nil {
		return fmt.Errorf("genesis account: %w", err)
	}
	coins, err := sdk.ParseCoinsNormalized(ga.Coins)
	if err != nil {
		return fmt.Errorf("genesis account %s: coins %q: %w", ga.Address, ga.Coins, err)
	}
	if acc, ok := s.accounts[string(addr)]; ok {
		acc.coins = acc.coins.Add(coins...)
		return nil
	}
	s.accounts[string(addr)] = &account{number: s.nextNumber, coins: coins}
	s.nextNumber++
	return nil
}
