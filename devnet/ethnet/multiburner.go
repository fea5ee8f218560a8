// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package ethnet

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// MultiBurnerMetaData contains all meta data concerning the MultiBurner contract.
var MultiBurnerMetaData = bind.MetaData{
	ABI: "[{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"poktAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"}],\"name\":\"BurnAndBridge\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"address\",\"name\":\"poktAddress\",\"type\":\"address\"}],\"name\":\"burnMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "MultiBurner",
	Bin: "0x6080604052348015600e575f5ffd5b5061022b8061001c5f395ff3fe608060405234801561000f575f5ffd5b5060043610610029575f3560e01c80638c96f8161461002d575b5f5ffd5b61004061003b36600461014f565b610042565b005b5f5b8281101561012d57336001600160a01b038316858584818110610069576100696101e1565b905060200201357fac314bfa2d21af3d3e0937c97bc805574e3b1abb58a457ef02280c6f5e3faa7560405160405180910390a4846001600160a01b0316638402eb6b8585848181106100bd576100bd6101e1565b90506020020135846040518363ffffffff1660e01b81526004016100f49291909182526001600160a01b0316602082015260400190565b5f604051808303815f87803b15801561010b575f5ffd5b505af115801561011d573d5f5f3e3d5ffd5b5050600190920191506100449050565b5050505050565b80356001600160a01b038116811461014a575f5ffd5b919050565b5f5f5f5f60608587031215610162575f5ffd5b61016b85610134565b9350602085013567ffffffffffffffff811115610186575f5ffd5b8501601f81018713610196575f5ffd5b803567ffffffffffffffff8111156101ac575f5ffd5b8760208260051b84010111156101c0575f5ffd5b602091909101935091506101d660408601610134565b905092959194509250565b634e487b7160e01b5f52603260045260245ffdfea2646970667358221220d05ea603765fdedd20e51d4bba271fc166daaf40ae2c4b0efeacf515a52ca71a64736f6c63430008250033",
}

// MultiBurner is an auto generated Go binding around an Ethereum contract.
type MultiBurner struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *MultiBurner) GetABI() abi.ABI {
	return c.abi
}

// NewMultiBurner creates a new instance of MultiBurner.
func NewMultiBurner() *MultiBurner {
	parsed, err := MultiBurnerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &MultiBurner{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *MultiBurner) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackBurnMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c96f816.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burnMany(address token, uint256[] amounts, address poktAddress) returns()
func (multiBurner *MultiBurner) PackBurnMany(token common.Address, amounts []*big.Int, poktAddress common.Address) []byte {
	enc, err := multiBurner.abi.Pack("burnMany", token, amounts, poktAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurnMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c96f816.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burnMany(address token, uint256[] amounts, address poktAddress) returns()
func (multiBurner *MultiBurner) TryPackBurnMany(token common.Address, amounts []*big.Int, poktAddress common.Address) ([]byte, error) {
	return multiBurner.abi.Pack("burnMany", token, amounts, poktAddress)
}

// MultiBurnerBurnAndBridge represents a BurnAndBridge event raised by the MultiBurner contract.
type MultiBurnerBurnAndBridge struct {
	Amount      *big.Int
	PoktAddress common.Address
	From        common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const MultiBurnerBurnAndBridgeEventName = "BurnAndBridge"

// ContractEventName returns the user-defined event name.
func (MultiBurnerBurnAndBridge) ContractEventName() string {
	return MultiBurnerBurnAndBridgeEventName
}

// UnpackBurnAndBridgeEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BurnAndBridge(uint256 indexed amount, address indexed poktAddress, address indexed from)
func (multiBurner *MultiBurner) UnpackBurnAndBridgeEvent(log *types.Log) (*MultiBurnerBurnAndBridge, error) {
	event := "BurnAndBridge"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != multiBurner.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(MultiBurnerBurnAndBridge)
	if len(log.Data) > 0 {
		if err := multiBurner.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range multiBurner.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}
