package pokt

import (
	"errors"
	"fmt"
	"testing"
)

func TestTxRejectedErrorDuplicate(t *testing.T) {
	tests := []struct {
		name string
		err  *TxRejectedError
		dup  bool
	}{
		{"a refusal", &TxRejectedError{Code: 5, Codespace: "sdk"}, false},
		{"Morse's duplicate", &TxRejectedError{Code: 6, Codespace: "auth"}, true},
		{"a client's duplicate", &TxRejectedError{Duplicate: true}, true},
	}
	for _, tt := range tests {
		err := fmt.Errorf("send: %w", tt.err)
		if !errors.Is(err, ErrTxRejected) {
			t.Errorf("%s: does not match ErrTxRejected", tt.name)
		}
		if errors.Is(err, ErrTxDuplicate) != tt.dup {
			t.Errorf("%s: matches ErrTxDuplicate: %v, want %v", tt.name, !tt.dup, tt.dup)
		}
	}
}
