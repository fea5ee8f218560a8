package copper

import (
	"fmt"
	"log/slog"
	"strings"
)

// redacted is what every printed, logged or marshalled Secret shows.
const redacted = "[REDACTED]"

// Secret holds a credential (API secret, key password, master password).
// Every way of printing it (fmt verbs, slog, JSON, text marshalling) shows
// "[REDACTED]"; only Reveal returns the value, for the one place that must
// send it on the wire.
type Secret string

// Reveal returns the secret's value. Call it only to put the value on the wire.
func (s Secret) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s == "" }

// String implements fmt.Stringer and always returns "[REDACTED]".
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer and always returns "[REDACTED]".
func (s Secret) GoString() string { return redacted }

// Format implements fmt.Formatter: every verb (%s, %v, %q, %x, %d...) prints "[REDACTED]".
func (s Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON implements json.Marshaler; the value never reaches JSON.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText implements encoding.TextMarshaler; the value never reaches text encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// redactor replaces the values of secrets in text that came from outside
// (error bodies, co-signer messages), so that an echoed secret never ends up
// in an error or a log.
type redactor []string

func newRedactor(secrets ...Secret) redactor {
	var r redactor
	for _, s := range secrets {
		if s != "" {
			r = append(r, string(s))
		}
	}
	return r
}

func (r redactor) clean(text string) string {
	for _, s := range r {
		text = strings.ReplaceAll(text, s, redacted)
	}
	return text
}

// sealed hides credentials from fmt and every reflection-based printer: a
// func value prints as an address, whatever the verb, so a Client or an
// Unlimited printed with %+v, %q or %x shows no secret.
type sealed[T any] func() T

func seal[T any](v T) sealed[T] { return func() T { return v } }
