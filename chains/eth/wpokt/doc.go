// Package wpokt holds the Go bindings (abigen v2) of the WrappedPocket (wPOKT)
// contract, with its ABI and deploy bytecode in WrappedPocketMetaData.
//
// wpokt.go is generated from chains/eth/contract/WrappedPocket.sol by
// chains/eth/contract/build.sh (`make contracts`): do not edit it by hand.
// TestCommittedBindingsMatchSource fails when it is out of date.
package wpokt
