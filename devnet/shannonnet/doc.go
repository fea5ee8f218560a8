// Package shannonnet runs a real Pocket Shannon chain inside a Go process,
// for the devnet and for tests: a CometBFT v0.38 node (consensus, mempool,
// block store, kv tx indexer and JSON-RPC are CometBFT's own code) over a
// small ABCI application that implements the part of the Cosmos SDK the
// bridge relies on: bank MsgSend in real TxRaw/TxBody/AuthInfo encoding,
// secp256k1 SIGN_MODE_DIRECT signatures, account numbers and sequences, fees
// paid to the fee collector, and the SDK v0.53 events and error codes.
//
// # Starting a chain
//
//	alice := shannonnet.NewKey("alice")
//	chain, err := shannonnet.Start(ctx, shannonnet.Options{
//		Accounts: []shannonnet.GenesisAccount{{Address: alice.Address(), Balance: 1_000_000_000}},
//	})
//	defer chain.Close()
//	url := chain.RPCURL() // "http://127.0.0.1:PORT": status, tx, tx_search, block, broadcast_tx_sync, abci_query
//
// # Sending
//
//	client, _ := shannonnet.Dial(url)
//	hash, err := client.Send(ctx, shannonnet.SendParams{From: alice, To: vault, Amount: 25_000_000, Fee: 10_000, Memo: "..."})
//
// Send reads the account number and sequence through abci_query, signs and
// broadcasts with broadcast_tx_sync, and returns the upper-case hex sha256 of
// the tx bytes. A CheckTx refusal is a *TxError with the SDK's code and
// codespace; a rebroadcast of a tx the node has is ErrTxInCache. For edge
// cases (two MsgSends, several coins, another denom, a bad signature) build a
// Tx by hand and call Tx.Sign, then Client.Broadcast (see ExampleTx_Sign).
//
// # Nodes that lack history
//
// Options.NoTxIndex runs the node with indexing disabled (tx and tx_search
// answer "transaction indexing is disabled"); Options.RetainBlocks prunes old
// blocks so that status's earliest_block_height moves up, as on a pruned or
// snapshot-restored node.
//
// # What the application does, as the SDK v0.53 does it
//
// CheckTx runs the ante checks only (decode, memo <= 256 bytes, signer
// count, fee deduction, public key, sequence, signature) against a check state
// that is reset to the committed state at each Commit, so several txs of one
// account can wait in the mempool. FinalizeBlock runs the ante checks, then
// the messages; a message failure (insufficient funds for the amount, a
// recipient that may not receive) keeps the fee, the sequence increment and
// the ante events only, with the SDK's code, codespace and log. All event
// attributes are indexed, so tx_search over transfer.recipient, message.sender,
// tx.acc_seq and so on is answered by CometBFT's kv indexer.
//
// Events of a successful one-message send, in order: coin_spent,
// coin_received, transfer (to the fee collector), message{sender}, tx{fee,
// fee_payer}, tx{acc_seq}, tx{signature}, then for each message i:
// message{action=/cosmos.bank.v1beta1.MsgSend, sender, module=bank},
// coin_spent, coin_received, transfer{recipient, sender, amount},
// message{sender}, each with msg_index=i.
//
// # Queries
//
// abci_query answers the SDK's own gRPC paths with their protobuf request and
// response types, as a real Shannon node does: QueryAccountPath
// (QueryAccountRequest -> QueryAccountResponse holding a BaseAccount, or a
// ModuleAccount for the fee collector; an unknown account is code 22 "key not
// found" in codespace "sdk") and QueryBalancePath (QueryBalanceRequest ->
// QueryBalanceResponse; an unknown account has a zero balance). Only the
// latest committed state is kept: a query at an older height is refused.
//
// # Limits, on purpose
//
// No staking, governance, multisig accounts, fee grants, unordered txs,
// timeout heights, extension options or historical state. Gas is a deterministic model (10 per tx byte, 1,000 per
// signature, 30,000 per message), not the SDK's gas meter. The state lives in
// memory: a chain restarted on the same directory replays its blocks from
// CometBFT's stores.
package shannonnet
