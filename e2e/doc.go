// Package e2e holds the bridge's end-to-end tests: each scenario starts its
// own devnet (the real Temporal dev server as a child process, FerretDB, the
// simulated Ethereum, a Pocket chain, the Copper simulator and twelve
// nodes), drives transfers through it, often under a fault, and checks the
// final state of every transfer, the Copper orders, the balances on both
// chains, the MongoDB projection and the bridge's invariant.
//
// Every scenario runs on Shannon, the devnet's default (an in-process
// CometBFT node). CometBFT does not reorg and a node's RPC cannot change a
// real tx's body, so on Shannon a vanished deposit is a phantom in one
// lying node's tx_search answers, and a lying RPC lies in a deposit's
// events. The *Morse twins (happy path, bad deposits, lying RPCs, the lying
// workflow node, reorgs, fifty deposits in one block) run the same
// scenario on the Morse simulator.
//
// The scenarios run one after the other (never in parallel: each devnet
// wants the machine) and need the Temporal CLI (`make temporal-cli`).
//
//	go test -count=1 ./e2e                          # the suite
//	go test -count=1 -run TestHappyPath -v ./e2e    # one scenario
//	WPOKT_TEST_LOGS=1 go test ...                    # stream the nodes' logs
package e2e
