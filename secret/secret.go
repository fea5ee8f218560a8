// Package secret holds the bridge's one type for credentials (the Copper API
// key and secret, the co-signer's passwords, the MongoDB URI, a node's
// reading key). It imports nothing of the bridge, so that the config, the
// Copper clients and the commands all print a secret the same way.
package secret

import (
	"fmt"
	"log/slog"
	"strings"
)

// Redacted is what every printed, logged or marshalled Value shows.
const Redacted = "[REDACTED]"

// Value holds a credential. Every way of printing it (fmt verbs, slog, JSON,
// text marshalling, and so YAML and Temporal payloads) shows Redacted, so
// that a secret never reaches a log line, an error or a payload by accident;
// Reveal is the one deliberate way out.
type Value string

// Reveal returns the secret itself. Call it only to put the value on the
// wire or to hand it to the one client that needs it.
func (s Value) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Value) IsZero() bool { return s == "" }

// String implements fmt.Stringer and always returns Redacted.
func (s Value) String() string { return Redacted }

// GoString implements fmt.GoStringer and always returns Redacted.
func (s Value) GoString() string { return Redacted }

// Format implements fmt.Formatter: every verb (%s, %v, %q, %x, %d...) prints Redacted.
func (s Value) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(Redacted)) }

// LogValue implements slog.LogValuer.
func (s Value) LogValue() slog.Value { return slog.StringValue(Redacted) }

// MarshalJSON implements json.Marshaler; the value never reaches JSON.
func (s Value) MarshalJSON() ([]byte, error) { return []byte(`"` + Redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler; the value never reaches text encoders.
func (s Value) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// Redactor replaces the values of secrets in text that came from outside
// (error bodies, co-signer messages, a driver's error quoting its URI), so
// that an echoed secret never ends up in an error or a log.
type Redactor []string

// NewRedactor returns a Redactor of the non-empty values.
func NewRedactor(values ...Value) Redactor {
	var r Redactor
	for _, s := range values {
		if s != "" {
			r = append(r, string(s))
		}
	}
	return r
}

// Clean returns text with every value replaced by Redacted.
func (r Redactor) Clean(text string) string {
	for _, s := range r {
		text = strings.ReplaceAll(text, s, Redacted)
	}
	return text
}
