package config

import (
	"fmt"
	"log/slog"
)

// Secret holds a credential. Every way of printing it prints a placeholder,
// so that a secret never reaches a log line, an error or a payload by
// accident; Reveal is the one deliberate way out.
type Secret string

const redacted = "[redacted]"

// Reveal returns the secret itself, for the one client that needs it.
func (s Secret) Reveal() string { return string(s) }

func (s Secret) String() string   { return redacted }
func (s Secret) GoString() string { return redacted }

// LogValue keeps slog from printing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// Format covers %v, %s, %q, %x and the rest.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalJSON keeps a Secret out of JSON, and so out of Temporal payloads.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText covers YAML and other text encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
