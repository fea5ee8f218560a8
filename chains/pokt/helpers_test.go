package pokt

const (
	// Morse addresses of the deposit tests.
	recordedVault  = "a83172b67b5ffbfcb8acb95acc0fd0466a9d4bc4"
	recordedSender = "7ef0b3b5c18f25abeb5aa2f4c1ae1ff3aae5c6f1"
	recordedOther  = "1b1973906ee85993e994422eddeab89f385a00a4"
	// The EIP-55 example address used in the memos.
	checksummed = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
)
