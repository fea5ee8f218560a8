// Package design holds no code: its test keeps the design card's import
// rules true (DESIGN.md, "The folders"). Data flows one way, chain ->
// starter -> workflow -> activities -> Copper/chain/store:
//
//   - workflows import the Temporal SDK and package transfer only: no
//     chain, Copper, store, network, file or clock package, which is what
//     keeps them deterministic;
//   - activities import chains, copper, store and transfer, never the
//     workflows, the workers, the starters or the devnet;
//   - starters import chains and transfer, and start workflows by name;
//   - chains, copper, store, transfer and ledger (a signer's own record)
//     import nothing of the bridge above them;
//   - workers wire it all but never import the devnet or a command;
//   - only commands and tests import the devnet.
package design
