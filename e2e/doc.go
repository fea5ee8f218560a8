// Package e2e holds the bridge's end-to-end tests: each scenario starts its
// own devnet (the real Temporal dev server as a child process, FerretDB, the
// simulated Ethereum, the Pocket and Copper simulators and twelve nodes),
// drives transfers through it, often under a fault, and checks the final
// state of every transfer, the Copper orders, the balances on both chains,
// the MongoDB projection and the bridge's invariant.
//
// The scenarios run one after the other (never in parallel: each devnet
// wants the machine) and need the Temporal CLI (`make temporal-cli`).
//
//	go test -count=1 ./e2e                          # the suite
//	go test -count=1 -run TestHappyPath -v ./e2e    # one scenario
//	WPOKT_TEST_LOGS=1 go test ...                    # stream the nodes' logs
package e2e
