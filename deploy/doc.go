// Package deploy holds what runs the validator nodes outside the devnet:
// the config generator (confgen), the systemd unit, the staging compose
// set, the MongoDB user script and the Temporal production notes. The Go
// code here is the tests that keep those files true to the code: the config
// keys, the secrets, the search attributes.
package deploy
