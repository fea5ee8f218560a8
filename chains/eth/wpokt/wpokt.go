// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package wpokt

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

// WrappedPocketMetaData contains all meta data concerning the WrappedPocket contract.
var WrappedPocketMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"admin\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"minter\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"AccessControlBadConfirmation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"neededRole\",\"type\":\"bytes32\"}],\"name\":\"AccessControlUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"allowance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientAllowance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"balance\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"ERC20InsufficientBalance\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"approver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidApprover\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"receiver\",\"type\":\"address\"}],\"name\":\"ERC20InvalidReceiver\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSender\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"ERC20InvalidSpender\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EnforcedPause\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ExpectedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"name\":\"InvalidNonce\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Approval\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"poktAddress\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"}],\"name\":\"BurnAndBridge\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"recipient\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"name\":\"Minted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Paused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"previousAdminRole\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"newAdminRole\",\"type\":\"bytes32\"}],\"name\":\"RoleAdminChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleGranted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"sender\",\"type\":\"address\"}],\"name\":\"RoleRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"Transfer\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Unpaused\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"DEFAULT_ADMIN_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MINTER_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"PAUSER_ROLE\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"}],\"name\":\"allowance\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"spender\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"approve\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"balanceOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"poktAddress\",\"type\":\"address\"}],\"name\":\"burnAndBridge\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"decimals\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"}],\"name\":\"getRoleAdmin\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"grantRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"hasRole\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"nonce\",\"type\":\"uint256\"}],\"name\":\"mint\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"name\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"paused\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"callerConfirmation\",\"type\":\"address\"}],\"name\":\"renounceRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"role\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"revokeRole\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes4\",\"name\":\"interfaceId\",\"type\":\"bytes4\"}],\"name\":\"supportsInterface\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"symbol\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"totalSupply\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transfer\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"from\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"transferFrom\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unpause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"userNonce\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "WrappedPocket",
	Bin: "0x608060405234801561000f575f5ffd5b506040516112a83803806112a883398101604081905261002e916101fb565b6040518060400160405280600c81526020016b15dc985c1c1959081413d2d560a21b815250604051806040016040528060058152602001641dd413d2d560da1b815250816003908161008091906102cf565b50600461008d82826102cf565b5050506001600160a01b03821615806100ad57506001600160a01b038116155b156100cb5760405163d92e233d60e01b815260040160405180910390fd5b6100d55f83610133565b506101007f65d7a28e3265b37a6474929f336521b332c1681b933f6cb9f3376673440d862a83610133565b5061012b7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a682610133565b50505061038d565b5f8281526006602090815260408083206001600160a01b038516845290915281205460ff166101d7575f8381526006602090815260408083206001600160a01b03861684529091529020805460ff1916600117905561018f3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016101da565b505f5b92915050565b80516001600160a01b03811681146101f6575f5ffd5b919050565b5f5f6040838503121561020c575f5ffd5b610215836101e0565b9150610223602084016101e0565b90509250929050565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061025457607f821691505b60208210810361027257634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156102ca57828211156102ca57805f5260205f20601f840160051c60208510156102a357505f5b90810190601f840160051c035f5b818110156102c6575f838201556001016102b1565b5050505b505050565b81516001600160401b038111156102e8576102e861022c565b6102fc816102f68454610240565b84610278565b6020601f82116001811461032e575f83156103175750848201515b5f19600385901b1c1916600184901b178455610386565b5f84815260208120601f198516915b8281101561035d578785015182556020948501946001909201910161033d565b508482101561037a57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b610f0e8061039a5f395ff3fe608060405234801561000f575f5ffd5b5060043610610153575f3560e01c80635c975abb116100bf578063a217fddf11610079578063a217fddf146102c8578063a9059cbb146102cf578063d5391393146102e2578063d547741f14610309578063dd62ed3e1461031c578063e63ab1e914610354575f5ffd5b80635c975abb1461025f57806370a082311461026a5780638402eb6b146102925780638456cb59146102a557806391d14854146102ad57806395d89b41146102c0575f5ffd5b8063248a9ca311610110578063248a9ca3146101e15780632e04b8e7146102035780632f2ff15d14610222578063313ce5671461023557806336568abe146102445780633f4ba83a14610257575f5ffd5b806301ffc9a71461015757806306fdde031461017f578063095ea7b314610194578063156e29f6146101a757806318160ddd146101bc57806323b872dd146101ce575b5f5ffd5b61016a610165366004610cef565b61037b565b60405190151581526020015b60405180910390f35b6101876103b1565b6040516101769190610d1d565b61016a6101a2366004610d6d565b610441565b6101ba6101b5366004610d95565b610458565b005b6002545b604051908152602001610176565b61016a6101dc366004610dc5565b610597565b6101c06101ef366004610dff565b5f9081526006602052604090206001015490565b6101c0610211366004610e16565b60076020525f908152604090205481565b6101ba610230366004610e2f565b6105ba565b60405160068152602001610176565b6101ba610252366004610e2f565b6105e4565b6101ba61061c565b60055460ff1661016a565b6101c0610278366004610e16565b6001600160a01b03165f9081526020819052604090205490565b6101ba6102a0366004610e2f565b610651565b6101ba6106e5565b61016a6102bb366004610e2f565b610717565b610187610741565b6101c05f81565b61016a6102dd366004610d6d565b610750565b6101c07f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a681565b6101ba610317366004610e2f565b61075d565b6101c061032a366004610e59565b6001600160a01b039182165f90815260016020908152604080832093909416825291909152205490565b6101c07f65d7a28e3265b37a6474929f336521b332c1681b933f6cb9f3376673440d862a81565b5f6001600160e01b03198216637965db0b60e01b14806103ab57506301ffc9a760e01b6001600160e01b03198316145b92915050565b6060600380546103c090610e81565b80601f01602080910402602001604051908101604052809291908181526020018280546103ec90610e81565b80156104375780601f1061040e57610100808354040283529160200191610437565b820191905f5260205f20905b81548152906001019060200180831161041a57829003601f168201915b5050505050905090565b5f3361044e818585610781565b5060019392505050565b7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a66104828161078e565b61048a610798565b6001600160a01b0384166104b15760405163d92e233d60e01b815260040160405180910390fd5b825f036104d157604051631f2a200560e01b815260040160405180910390fd5b6001600160a01b0384165f908152600760205260408120546104f4906001610eb9565b905080831461053457604051630ec5782360e11b81526001600160a01b038616600482015260248101829052604481018490526064015b60405180910390fd5b6001600160a01b0385165f90815260076020526040902083905561055885856107be565b8284866001600160a01b03167f25b428dfde728ccfaddad7e29e4ac23c24ed7fd1a6e3e3f91894a9a073f5dfff60405160405180910390a45050505050565b5f336105a48582856107f6565b6105af85858561086c565b506001949350505050565b5f828152600660205260409020600101546105d48161078e565b6105de83836108c9565b50505050565b6001600160a01b038116331461060d5760405163334bd91960e11b815260040160405180910390fd5b610617828261095a565b505050565b7f65d7a28e3265b37a6474929f336521b332c1681b933f6cb9f3376673440d862a6106468161078e565b61064e6109c5565b50565b610659610798565b6001600160a01b0381166106805760405163d92e233d60e01b815260040160405180910390fd5b815f036106a057604051631f2a200560e01b815260040160405180910390fd5b6106aa3383610a17565b60405133906001600160a01b0383169084907fac314bfa2d21af3d3e0937c97bc805574e3b1abb58a457ef02280c6f5e3faa75905f90a45050565b7f65d7a28e3265b37a6474929f336521b332c1681b933f6cb9f3376673440d862a61070f8161078e565b61064e610a4b565b5f9182526006602090815260408084206001600160a01b0393909316845291905290205460ff1690565b6060600480546103c090610e81565b5f3361044e81858561086c565b5f828152600660205260409020600101546107778161078e565b6105de838361095a565b6106178383836001610a88565b61064e8133610b5a565b60055460ff16156107bc5760405163d93c066560e01b815260040160405180910390fd5b565b6001600160a01b0382166107e75760405163ec442f0560e01b81525f600482015260240161052b565b6107f25f8383610b93565b5050565b6001600160a01b038381165f908152600160209081526040808320938616835292905220545f198110156105de578181101561085e57604051637dc7a0d960e11b81526001600160a01b0384166004820152602481018290526044810183905260640161052b565b6105de84848484035f610a88565b6001600160a01b03831661089557604051634b637e8f60e11b81525f600482015260240161052b565b6001600160a01b0382166108be5760405163ec442f0560e01b81525f600482015260240161052b565b610617838383610b93565b5f6108d48383610717565b610953575f8381526006602090815260408083206001600160a01b03861684529091529020805460ff1916600117905561090b3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016103ab565b505f6103ab565b5f6109658383610717565b15610953575f8381526006602090815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016103ab565b6109cd610ba6565b6005805460ff191690557f5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa335b6040516001600160a01b03909116815260200160405180910390a1565b6001600160a01b038216610a4057604051634b637e8f60e11b81525f600482015260240161052b565b6107f2825f83610b93565b610a53610798565b6005805460ff191660011790557f62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a2586109fa3390565b6001600160a01b038416610ab15760405163e602df0560e01b81525f600482015260240161052b565b6001600160a01b038316610ada57604051634a1406b160e11b81525f600482015260240161052b565b6001600160a01b038085165f90815260016020908152604080832093871683529290522082905580156105de57826001600160a01b0316846001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92584604051610b4c91815260200190565b60405180910390a350505050565b610b648282610717565b6107f25760405163e2517d3f60e01b81526001600160a01b03821660048201526024810183905260440161052b565b610b9b610798565b610617838383610bc9565b60055460ff166107bc57604051638dfc202b60e01b815260040160405180910390fd5b6001600160a01b038316610bf3578060025f828254610be89190610eb9565b90915550610c639050565b6001600160a01b0383165f9081526020819052604090205481811015610c455760405163391434e360e21b81526001600160a01b0385166004820152602481018290526044810183905260640161052b565b6001600160a01b0384165f9081526020819052604090209082900390555b6001600160a01b038216610c7f57600280548290039055610c9d565b6001600160a01b0382165f9081526020819052604090208054820190555b816001600160a01b0316836001600160a01b03167fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef83604051610ce291815260200190565b60405180910390a3505050565b5f60208284031215610cff575f5ffd5b81356001600160e01b031981168114610d16575f5ffd5b9392505050565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80356001600160a01b0381168114610d68575f5ffd5b919050565b5f5f60408385031215610d7e575f5ffd5b610d8783610d52565b946020939093013593505050565b5f5f5f60608486031215610da7575f5ffd5b610db084610d52565b95602085013595506040909401359392505050565b5f5f5f60608486031215610dd7575f5ffd5b610de084610d52565b9250610dee60208501610d52565b929592945050506040919091013590565b5f60208284031215610e0f575f5ffd5b5035919050565b5f60208284031215610e26575f5ffd5b610d1682610d52565b5f5f60408385031215610e40575f5ffd5b82359150610e5060208401610d52565b90509250929050565b5f5f60408385031215610e6a575f5ffd5b610e7383610d52565b9150610e5060208401610d52565b600181811c90821680610e9557607f821691505b602082108103610eb357634e487b7160e01b5f52602260045260245ffd5b50919050565b808201808211156103ab57634e487b7160e01b5f52601160045260245ffdfea2646970667358221220f1804960774ddfa8b3a8fdc1658c542fbdd25e1aad358e27bb02088d4262fa3564736f6c63430008250033",
}

// WrappedPocket is an auto generated Go binding around an Ethereum contract.
type WrappedPocket struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *WrappedPocket) GetABI() abi.ABI {
	return c.abi
}

// NewWrappedPocket creates a new instance of WrappedPocket.
func NewWrappedPocket() *WrappedPocket {
	parsed, err := WrappedPocketMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &WrappedPocket{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *WrappedPocket) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address admin, address minter) returns()
func (wrappedPocket *WrappedPocket) PackConstructor(admin common.Address, minter common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("", admin, minter)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) PackDEFAULTADMINROLE() []byte {
	enc, err := wrappedPocket.abi.Pack("DEFAULT_ADMIN_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDEFAULTADMINROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa217fddf.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) TryPackDEFAULTADMINROLE() ([]byte, error) {
	return wrappedPocket.abi.Pack("DEFAULT_ADMIN_ROLE")
}

// UnpackDEFAULTADMINROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa217fddf.
//
// Solidity: function DEFAULT_ADMIN_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) UnpackDEFAULTADMINROLE(data []byte) ([32]byte, error) {
	out, err := wrappedPocket.abi.Unpack("DEFAULT_ADMIN_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMINTERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd5391393.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MINTER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) PackMINTERROLE() []byte {
	enc, err := wrappedPocket.abi.Pack("MINTER_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMINTERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd5391393.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MINTER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) TryPackMINTERROLE() ([]byte, error) {
	return wrappedPocket.abi.Pack("MINTER_ROLE")
}

// UnpackMINTERROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd5391393.
//
// Solidity: function MINTER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) UnpackMINTERROLE(data []byte) ([32]byte, error) {
	out, err := wrappedPocket.abi.Unpack("MINTER_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackPAUSERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe63ab1e9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PAUSER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) PackPAUSERROLE() []byte {
	enc, err := wrappedPocket.abi.Pack("PAUSER_ROLE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPAUSERROLE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe63ab1e9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PAUSER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) TryPackPAUSERROLE() ([]byte, error) {
	return wrappedPocket.abi.Pack("PAUSER_ROLE")
}

// UnpackPAUSERROLE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe63ab1e9.
//
// Solidity: function PAUSER_ROLE() view returns(bytes32)
func (wrappedPocket *WrappedPocket) UnpackPAUSERROLE(data []byte) ([32]byte, error) {
	out, err := wrappedPocket.abi.Unpack("PAUSER_ROLE", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (wrappedPocket *WrappedPocket) PackAllowance(owner common.Address, spender common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("allowance", owner, spender)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowance is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd62ed3e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (wrappedPocket *WrappedPocket) TryPackAllowance(owner common.Address, spender common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("allowance", owner, spender)
}

// UnpackAllowance is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd62ed3e.
//
// Solidity: function allowance(address owner, address spender) view returns(uint256)
func (wrappedPocket *WrappedPocket) UnpackAllowance(data []byte) (*big.Int, error) {
	out, err := wrappedPocket.abi.Unpack("allowance", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) PackApprove(spender common.Address, value *big.Int) []byte {
	enc, err := wrappedPocket.abi.Pack("approve", spender, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackApprove is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x095ea7b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) TryPackApprove(spender common.Address, value *big.Int) ([]byte, error) {
	return wrappedPocket.abi.Pack("approve", spender, value)
}

// UnpackApprove is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x095ea7b3.
//
// Solidity: function approve(address spender, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) UnpackApprove(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("approve", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (wrappedPocket *WrappedPocket) PackBalanceOf(account common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("balanceOf", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBalanceOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70a08231.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (wrappedPocket *WrappedPocket) TryPackBalanceOf(account common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("balanceOf", account)
}

// UnpackBalanceOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70a08231.
//
// Solidity: function balanceOf(address account) view returns(uint256)
func (wrappedPocket *WrappedPocket) UnpackBalanceOf(data []byte) (*big.Int, error) {
	out, err := wrappedPocket.abi.Unpack("balanceOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBurnAndBridge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8402eb6b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function burnAndBridge(uint256 amount, address poktAddress) returns()
func (wrappedPocket *WrappedPocket) PackBurnAndBridge(amount *big.Int, poktAddress common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("burnAndBridge", amount, poktAddress)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBurnAndBridge is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8402eb6b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function burnAndBridge(uint256 amount, address poktAddress) returns()
func (wrappedPocket *WrappedPocket) TryPackBurnAndBridge(amount *big.Int, poktAddress common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("burnAndBridge", amount, poktAddress)
}

// PackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function decimals() pure returns(uint8)
func (wrappedPocket *WrappedPocket) PackDecimals() []byte {
	enc, err := wrappedPocket.abi.Pack("decimals")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDecimals is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x313ce567.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function decimals() pure returns(uint8)
func (wrappedPocket *WrappedPocket) TryPackDecimals() ([]byte, error) {
	return wrappedPocket.abi.Pack("decimals")
}

// UnpackDecimals is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x313ce567.
//
// Solidity: function decimals() pure returns(uint8)
func (wrappedPocket *WrappedPocket) UnpackDecimals(data []byte) (uint8, error) {
	out, err := wrappedPocket.abi.Unpack("decimals", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (wrappedPocket *WrappedPocket) PackGetRoleAdmin(role [32]byte) []byte {
	enc, err := wrappedPocket.abi.Pack("getRoleAdmin", role)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetRoleAdmin is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x248a9ca3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (wrappedPocket *WrappedPocket) TryPackGetRoleAdmin(role [32]byte) ([]byte, error) {
	return wrappedPocket.abi.Pack("getRoleAdmin", role)
}

// UnpackGetRoleAdmin is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x248a9ca3.
//
// Solidity: function getRoleAdmin(bytes32 role) view returns(bytes32)
func (wrappedPocket *WrappedPocket) UnpackGetRoleAdmin(data []byte) ([32]byte, error) {
	out, err := wrappedPocket.abi.Unpack("getRoleAdmin", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (wrappedPocket *WrappedPocket) PackGrantRole(role [32]byte, account common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("grantRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrantRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2f2ff15d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grantRole(bytes32 role, address account) returns()
func (wrappedPocket *WrappedPocket) TryPackGrantRole(role [32]byte, account common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("grantRole", role, account)
}

// PackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (wrappedPocket *WrappedPocket) PackHasRole(role [32]byte, account common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("hasRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91d14854.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (wrappedPocket *WrappedPocket) TryPackHasRole(role [32]byte, account common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("hasRole", role, account)
}

// UnpackHasRole is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91d14854.
//
// Solidity: function hasRole(bytes32 role, address account) view returns(bool)
func (wrappedPocket *WrappedPocket) UnpackHasRole(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("hasRole", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x156e29f6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function mint(address to, uint256 amount, uint256 nonce) returns()
func (wrappedPocket *WrappedPocket) PackMint(to common.Address, amount *big.Int, nonce *big.Int) []byte {
	enc, err := wrappedPocket.abi.Pack("mint", to, amount, nonce)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMint is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x156e29f6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function mint(address to, uint256 amount, uint256 nonce) returns()
func (wrappedPocket *WrappedPocket) TryPackMint(to common.Address, amount *big.Int, nonce *big.Int) ([]byte, error) {
	return wrappedPocket.abi.Pack("mint", to, amount, nonce)
}

// PackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function name() view returns(string)
func (wrappedPocket *WrappedPocket) PackName() []byte {
	enc, err := wrappedPocket.abi.Pack("name")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackName is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x06fdde03.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function name() view returns(string)
func (wrappedPocket *WrappedPocket) TryPackName() ([]byte, error) {
	return wrappedPocket.abi.Pack("name")
}

// UnpackName is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x06fdde03.
//
// Solidity: function name() view returns(string)
func (wrappedPocket *WrappedPocket) UnpackName(data []byte) (string, error) {
	out, err := wrappedPocket.abi.Unpack("name", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pause() returns()
func (wrappedPocket *WrappedPocket) PackPause() []byte {
	enc, err := wrappedPocket.abi.Pack("pause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pause() returns()
func (wrappedPocket *WrappedPocket) TryPackPause() ([]byte, error) {
	return wrappedPocket.abi.Pack("pause")
}

// PackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paused() view returns(bool)
func (wrappedPocket *WrappedPocket) PackPaused() []byte {
	enc, err := wrappedPocket.abi.Pack("paused")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paused() view returns(bool)
func (wrappedPocket *WrappedPocket) TryPackPaused() ([]byte, error) {
	return wrappedPocket.abi.Pack("paused")
}

// UnpackPaused is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c975abb.
//
// Solidity: function paused() view returns(bool)
func (wrappedPocket *WrappedPocket) UnpackPaused(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("paused", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (wrappedPocket *WrappedPocket) PackRenounceRole(role [32]byte, callerConfirmation common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("renounceRole", role, callerConfirmation)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x36568abe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceRole(bytes32 role, address callerConfirmation) returns()
func (wrappedPocket *WrappedPocket) TryPackRenounceRole(role [32]byte, callerConfirmation common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("renounceRole", role, callerConfirmation)
}

// PackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (wrappedPocket *WrappedPocket) PackRevokeRole(role [32]byte, account common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("revokeRole", role, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeRole is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd547741f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeRole(bytes32 role, address account) returns()
func (wrappedPocket *WrappedPocket) TryPackRevokeRole(role [32]byte, account common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("revokeRole", role, account)
}

// PackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (wrappedPocket *WrappedPocket) PackSupportsInterface(interfaceId [4]byte) []byte {
	enc, err := wrappedPocket.abi.Pack("supportsInterface", interfaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSupportsInterface is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01ffc9a7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (wrappedPocket *WrappedPocket) TryPackSupportsInterface(interfaceId [4]byte) ([]byte, error) {
	return wrappedPocket.abi.Pack("supportsInterface", interfaceId)
}

// UnpackSupportsInterface is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01ffc9a7.
//
// Solidity: function supportsInterface(bytes4 interfaceId) view returns(bool)
func (wrappedPocket *WrappedPocket) UnpackSupportsInterface(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("supportsInterface", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function symbol() view returns(string)
func (wrappedPocket *WrappedPocket) PackSymbol() []byte {
	enc, err := wrappedPocket.abi.Pack("symbol")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSymbol is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95d89b41.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function symbol() view returns(string)
func (wrappedPocket *WrappedPocket) TryPackSymbol() ([]byte, error) {
	return wrappedPocket.abi.Pack("symbol")
}

// UnpackSymbol is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95d89b41.
//
// Solidity: function symbol() view returns(string)
func (wrappedPocket *WrappedPocket) UnpackSymbol(data []byte) (string, error) {
	out, err := wrappedPocket.abi.Unpack("symbol", data)
	if err != nil {
		return *new(string), err
	}
	out0 := *abi.ConvertType(out[0], new(string)).(*string)
	return out0, nil
}

// PackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedPocket *WrappedPocket) PackTotalSupply() []byte {
	enc, err := wrappedPocket.abi.Pack("totalSupply")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTotalSupply is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x18160ddd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedPocket *WrappedPocket) TryPackTotalSupply() ([]byte, error) {
	return wrappedPocket.abi.Pack("totalSupply")
}

// UnpackTotalSupply is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x18160ddd.
//
// Solidity: function totalSupply() view returns(uint256)
func (wrappedPocket *WrappedPocket) UnpackTotalSupply(data []byte) (*big.Int, error) {
	out, err := wrappedPocket.abi.Unpack("totalSupply", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) PackTransfer(to common.Address, value *big.Int) []byte {
	enc, err := wrappedPocket.abi.Pack("transfer", to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransfer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa9059cbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) TryPackTransfer(to common.Address, value *big.Int) ([]byte, error) {
	return wrappedPocket.abi.Pack("transfer", to, value)
}

// UnpackTransfer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa9059cbb.
//
// Solidity: function transfer(address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) UnpackTransfer(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("transfer", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) PackTransferFrom(from common.Address, to common.Address, value *big.Int) []byte {
	enc, err := wrappedPocket.abi.Pack("transferFrom", from, to, value)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferFrom is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x23b872dd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) TryPackTransferFrom(from common.Address, to common.Address, value *big.Int) ([]byte, error) {
	return wrappedPocket.abi.Pack("transferFrom", from, to, value)
}

// UnpackTransferFrom is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x23b872dd.
//
// Solidity: function transferFrom(address from, address to, uint256 value) returns(bool)
func (wrappedPocket *WrappedPocket) UnpackTransferFrom(data []byte) (bool, error) {
	out, err := wrappedPocket.abi.Unpack("transferFrom", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unpause() returns()
func (wrappedPocket *WrappedPocket) PackUnpause() []byte {
	enc, err := wrappedPocket.abi.Pack("unpause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unpause() returns()
func (wrappedPocket *WrappedPocket) TryPackUnpause() ([]byte, error) {
	return wrappedPocket.abi.Pack("unpause")
}

// PackUserNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e04b8e7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function userNonce(address ) view returns(uint256)
func (wrappedPocket *WrappedPocket) PackUserNonce(arg0 common.Address) []byte {
	enc, err := wrappedPocket.abi.Pack("userNonce", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUserNonce is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2e04b8e7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function userNonce(address ) view returns(uint256)
func (wrappedPocket *WrappedPocket) TryPackUserNonce(arg0 common.Address) ([]byte, error) {
	return wrappedPocket.abi.Pack("userNonce", arg0)
}

// UnpackUserNonce is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2e04b8e7.
//
// Solidity: function userNonce(address ) view returns(uint256)
func (wrappedPocket *WrappedPocket) UnpackUserNonce(data []byte) (*big.Int, error) {
	out, err := wrappedPocket.abi.Unpack("userNonce", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// WrappedPocketApproval represents a Approval event raised by the WrappedPocket contract.
type WrappedPocketApproval struct {
	Owner   common.Address
	Spender common.Address
	Value   *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedPocketApprovalEventName = "Approval"

// ContractEventName returns the user-defined event name.
func (WrappedPocketApproval) ContractEventName() string {
	return WrappedPocketApprovalEventName
}

// UnpackApprovalEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Approval(address indexed owner, address indexed spender, uint256 value)
func (wrappedPocket *WrappedPocket) UnpackApprovalEvent(log *types.Log) (*WrappedPocketApproval, error) {
	event := "Approval"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketApproval)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketBurnAndBridge represents a BurnAndBridge event raised by the WrappedPocket contract.
type WrappedPocketBurnAndBridge struct {
	Amount      *big.Int
	PoktAddress common.Address
	From        common.Address
	Raw         *types.Log // Blockchain specific contextual infos
}

const WrappedPocketBurnAndBridgeEventName = "BurnAndBridge"

// ContractEventName returns the user-defined event name.
func (WrappedPocketBurnAndBridge) ContractEventName() string {
	return WrappedPocketBurnAndBridgeEventName
}

// UnpackBurnAndBridgeEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BurnAndBridge(uint256 indexed amount, address indexed poktAddress, address indexed from)
func (wrappedPocket *WrappedPocket) UnpackBurnAndBridgeEvent(log *types.Log) (*WrappedPocketBurnAndBridge, error) {
	event := "BurnAndBridge"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketBurnAndBridge)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketMinted represents a Minted event raised by the WrappedPocket contract.
type WrappedPocketMinted struct {
	Recipient common.Address
	Amount    *big.Int
	Nonce     *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const WrappedPocketMintedEventName = "Minted"

// ContractEventName returns the user-defined event name.
func (WrappedPocketMinted) ContractEventName() string {
	return WrappedPocketMintedEventName
}

// UnpackMintedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Minted(address indexed recipient, uint256 indexed amount, uint256 indexed nonce)
func (wrappedPocket *WrappedPocket) UnpackMintedEvent(log *types.Log) (*WrappedPocketMinted, error) {
	event := "Minted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketMinted)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketPaused represents a Paused event raised by the WrappedPocket contract.
type WrappedPocketPaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedPocketPausedEventName = "Paused"

// ContractEventName returns the user-defined event name.
func (WrappedPocketPaused) ContractEventName() string {
	return WrappedPocketPausedEventName
}

// UnpackPausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Paused(address account)
func (wrappedPocket *WrappedPocket) UnpackPausedEvent(log *types.Log) (*WrappedPocketPaused, error) {
	event := "Paused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketPaused)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketRoleAdminChanged represents a RoleAdminChanged event raised by the WrappedPocket contract.
type WrappedPocketRoleAdminChanged struct {
	Role              [32]byte
	PreviousAdminRole [32]byte
	NewAdminRole      [32]byte
	Raw               *types.Log // Blockchain specific contextual infos
}

const WrappedPocketRoleAdminChangedEventName = "RoleAdminChanged"

// ContractEventName returns the user-defined event name.
func (WrappedPocketRoleAdminChanged) ContractEventName() string {
	return WrappedPocketRoleAdminChangedEventName
}

// UnpackRoleAdminChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleAdminChanged(bytes32 indexed role, bytes32 indexed previousAdminRole, bytes32 indexed newAdminRole)
func (wrappedPocket *WrappedPocket) UnpackRoleAdminChangedEvent(log *types.Log) (*WrappedPocketRoleAdminChanged, error) {
	event := "RoleAdminChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketRoleAdminChanged)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketRoleGranted represents a RoleGranted event raised by the WrappedPocket contract.
type WrappedPocketRoleGranted struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedPocketRoleGrantedEventName = "RoleGranted"

// ContractEventName returns the user-defined event name.
func (WrappedPocketRoleGranted) ContractEventName() string {
	return WrappedPocketRoleGrantedEventName
}

// UnpackRoleGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)
func (wrappedPocket *WrappedPocket) UnpackRoleGrantedEvent(log *types.Log) (*WrappedPocketRoleGranted, error) {
	event := "RoleGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketRoleGranted)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketRoleRevoked represents a RoleRevoked event raised by the WrappedPocket contract.
type WrappedPocketRoleRevoked struct {
	Role    [32]byte
	Account common.Address
	Sender  common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedPocketRoleRevokedEventName = "RoleRevoked"

// ContractEventName returns the user-defined event name.
func (WrappedPocketRoleRevoked) ContractEventName() string {
	return WrappedPocketRoleRevokedEventName
}

// UnpackRoleRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)
func (wrappedPocket *WrappedPocket) UnpackRoleRevokedEvent(log *types.Log) (*WrappedPocketRoleRevoked, error) {
	event := "RoleRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketRoleRevoked)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketTransfer represents a Transfer event raised by the WrappedPocket contract.
type WrappedPocketTransfer struct {
	From  common.Address
	To    common.Address
	Value *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const WrappedPocketTransferEventName = "Transfer"

// ContractEventName returns the user-defined event name.
func (WrappedPocketTransfer) ContractEventName() string {
	return WrappedPocketTransferEventName
}

// UnpackTransferEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Transfer(address indexed from, address indexed to, uint256 value)
func (wrappedPocket *WrappedPocket) UnpackTransferEvent(log *types.Log) (*WrappedPocketTransfer, error) {
	event := "Transfer"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketTransfer)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// WrappedPocketUnpaused represents a Unpaused event raised by the WrappedPocket contract.
type WrappedPocketUnpaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const WrappedPocketUnpausedEventName = "Unpaused"

// ContractEventName returns the user-defined event name.
func (WrappedPocketUnpaused) ContractEventName() string {
	return WrappedPocketUnpausedEventName
}

// UnpackUnpausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unpaused(address account)
func (wrappedPocket *WrappedPocket) UnpackUnpausedEvent(log *types.Log) (*WrappedPocketUnpaused, error) {
	event := "Unpaused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != wrappedPocket.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(WrappedPocketUnpaused)
	if len(log.Data) > 0 {
		if err := wrappedPocket.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range wrappedPocket.abi.Events[event].Inputs {
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

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (wrappedPocket *WrappedPocket) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["AccessControlBadConfirmation"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackAccessControlBadConfirmationError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["AccessControlUnauthorizedAccount"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackAccessControlUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InsufficientAllowance"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InsufficientAllowanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InsufficientBalance"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InsufficientBalanceError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InvalidApprover"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InvalidApproverError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InvalidReceiver"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InvalidReceiverError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InvalidSender"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InvalidSenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ERC20InvalidSpender"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackERC20InvalidSpenderError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["EnforcedPause"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackEnforcedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ExpectedPause"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackExpectedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["InvalidNonce"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackInvalidNonceError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], wrappedPocket.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return wrappedPocket.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// WrappedPocketAccessControlBadConfirmation represents a AccessControlBadConfirmation error raised by the WrappedPocket contract.
type WrappedPocketAccessControlBadConfirmation struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlBadConfirmation()
func WrappedPocketAccessControlBadConfirmationErrorID() common.Hash {
	return common.HexToHash("0x6697b23232a647058342c0724fe7c415cab25915b54e5dbc03f233173d37b41c")
}

// UnpackAccessControlBadConfirmationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlBadConfirmation()
func (wrappedPocket *WrappedPocket) UnpackAccessControlBadConfirmationError(raw []byte) (*WrappedPocketAccessControlBadConfirmation, error) {
	out := new(WrappedPocketAccessControlBadConfirmation)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "AccessControlBadConfirmation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketAccessControlUnauthorizedAccount represents a AccessControlUnauthorizedAccount error raised by the WrappedPocket contract.
type WrappedPocketAccessControlUnauthorizedAccount struct {
	Account    common.Address
	NeededRole [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func WrappedPocketAccessControlUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0xe2517d3fbfae6f8515ef5ff1ccedc3933ab0cbbda0b492c06eb54ad10ef03b3e")
}

// UnpackAccessControlUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)
func (wrappedPocket *WrappedPocket) UnpackAccessControlUnauthorizedAccountError(raw []byte) (*WrappedPocketAccessControlUnauthorizedAccount, error) {
	out := new(WrappedPocketAccessControlUnauthorizedAccount)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "AccessControlUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InsufficientAllowance represents a ERC20InsufficientAllowance error raised by the WrappedPocket contract.
type WrappedPocketERC20InsufficientAllowance struct {
	Spender   common.Address
	Allowance *big.Int
	Needed    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func WrappedPocketERC20InsufficientAllowanceErrorID() common.Hash {
	return common.HexToHash("0xfb8f41b23e99d2101d86da76cdfa87dd51c82ed07d3cb62cbc473e469dbc75c3")
}

// UnpackERC20InsufficientAllowanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
func (wrappedPocket *WrappedPocket) UnpackERC20InsufficientAllowanceError(raw []byte) (*WrappedPocketERC20InsufficientAllowance, error) {
	out := new(WrappedPocketERC20InsufficientAllowance)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InsufficientAllowance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InsufficientBalance represents a ERC20InsufficientBalance error raised by the WrappedPocket contract.
type WrappedPocketERC20InsufficientBalance struct {
	Sender  common.Address
	Balance *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func WrappedPocketERC20InsufficientBalanceErrorID() common.Hash {
	return common.HexToHash("0xe450d38cd8d9f7d95077d567d60ed49c7254716e6ad08fc9872816c97e0ffec6")
}

// UnpackERC20InsufficientBalanceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
func (wrappedPocket *WrappedPocket) UnpackERC20InsufficientBalanceError(raw []byte) (*WrappedPocketERC20InsufficientBalance, error) {
	out := new(WrappedPocketERC20InsufficientBalance)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InsufficientBalance", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InvalidApprover represents a ERC20InvalidApprover error raised by the WrappedPocket contract.
type WrappedPocketERC20InvalidApprover struct {
	Approver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidApprover(address approver)
func WrappedPocketERC20InvalidApproverErrorID() common.Hash {
	return common.HexToHash("0xe602df05cc75712490294c6c104ab7c17f4030363910a7a2626411c6d3118847")
}

// UnpackERC20InvalidApproverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidApprover(address approver)
func (wrappedPocket *WrappedPocket) UnpackERC20InvalidApproverError(raw []byte) (*WrappedPocketERC20InvalidApprover, error) {
	out := new(WrappedPocketERC20InvalidApprover)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InvalidApprover", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InvalidReceiver represents a ERC20InvalidReceiver error raised by the WrappedPocket contract.
type WrappedPocketERC20InvalidReceiver struct {
	Receiver common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func WrappedPocketERC20InvalidReceiverErrorID() common.Hash {
	return common.HexToHash("0xec442f055133b72f3b2f9f0bb351c406b178527de2040a7d1feb4e058771f613")
}

// UnpackERC20InvalidReceiverError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidReceiver(address receiver)
func (wrappedPocket *WrappedPocket) UnpackERC20InvalidReceiverError(raw []byte) (*WrappedPocketERC20InvalidReceiver, error) {
	out := new(WrappedPocketERC20InvalidReceiver)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InvalidReceiver", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InvalidSender represents a ERC20InvalidSender error raised by the WrappedPocket contract.
type WrappedPocketERC20InvalidSender struct {
	Sender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSender(address sender)
func WrappedPocketERC20InvalidSenderErrorID() common.Hash {
	return common.HexToHash("0x96c6fd1edd0cd6ef7ff0ecc0facdf53148dc0048b57fe58af65755250a7a96bd")
}

// UnpackERC20InvalidSenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSender(address sender)
func (wrappedPocket *WrappedPocket) UnpackERC20InvalidSenderError(raw []byte) (*WrappedPocketERC20InvalidSender, error) {
	out := new(WrappedPocketERC20InvalidSender)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InvalidSender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketERC20InvalidSpender represents a ERC20InvalidSpender error raised by the WrappedPocket contract.
type WrappedPocketERC20InvalidSpender struct {
	Spender common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ERC20InvalidSpender(address spender)
func WrappedPocketERC20InvalidSpenderErrorID() common.Hash {
	return common.HexToHash("0x94280d62c347d8d9f4d59a76ea321452406db88df38e0c9da304f58b57b373a2")
}

// UnpackERC20InvalidSpenderError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ERC20InvalidSpender(address spender)
func (wrappedPocket *WrappedPocket) UnpackERC20InvalidSpenderError(raw []byte) (*WrappedPocketERC20InvalidSpender, error) {
	out := new(WrappedPocketERC20InvalidSpender)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ERC20InvalidSpender", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketEnforcedPause represents a EnforcedPause error raised by the WrappedPocket contract.
type WrappedPocketEnforcedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EnforcedPause()
func WrappedPocketEnforcedPauseErrorID() common.Hash {
	return common.HexToHash("0xd93c0665d6c96d04a8f174024fc4ddd66c250604aff22bbec808de86dd3637e3")
}

// UnpackEnforcedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EnforcedPause()
func (wrappedPocket *WrappedPocket) UnpackEnforcedPauseError(raw []byte) (*WrappedPocketEnforcedPause, error) {
	out := new(WrappedPocketEnforcedPause)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "EnforcedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketExpectedPause represents a ExpectedPause error raised by the WrappedPocket contract.
type WrappedPocketExpectedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ExpectedPause()
func WrappedPocketExpectedPauseErrorID() common.Hash {
	return common.HexToHash("0x8dfc202bcfe9a735b559bee70674422512bc5c30f687046ae8778315fb81da44")
}

// UnpackExpectedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ExpectedPause()
func (wrappedPocket *WrappedPocket) UnpackExpectedPauseError(raw []byte) (*WrappedPocketExpectedPause, error) {
	out := new(WrappedPocketExpectedPause)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ExpectedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketInvalidNonce represents a InvalidNonce error raised by the WrappedPocket contract.
type WrappedPocketInvalidNonce struct {
	Recipient common.Address
	Expected  *big.Int
	Nonce     *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidNonce(address recipient, uint256 expected, uint256 nonce)
func WrappedPocketInvalidNonceErrorID() common.Hash {
	return common.HexToHash("0x1d8af0461484465ef4aec86d7fb1856152513f0b7340c450682c488e40a7fe57")
}

// UnpackInvalidNonceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidNonce(address recipient, uint256 expected, uint256 nonce)
func (wrappedPocket *WrappedPocket) UnpackInvalidNonceError(raw []byte) (*WrappedPocketInvalidNonce, error) {
	out := new(WrappedPocketInvalidNonce)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "InvalidNonce", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketZeroAddress represents a ZeroAddress error raised by the WrappedPocket contract.
type WrappedPocketZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func WrappedPocketZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (wrappedPocket *WrappedPocket) UnpackZeroAddressError(raw []byte) (*WrappedPocketZeroAddress, error) {
	out := new(WrappedPocketZeroAddress)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// WrappedPocketZeroAmount represents a ZeroAmount error raised by the WrappedPocket contract.
type WrappedPocketZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func WrappedPocketZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (wrappedPocket *WrappedPocket) UnpackZeroAmountError(raw []byte) (*WrappedPocketZeroAmount, error) {
	out := new(WrappedPocketZeroAmount)
	if err := wrappedPocket.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
