package copper

// sealed hides credentials from fmt and every reflection-based printer: a
// func value prints as an address, whatever the verb, so a Client or an
// Unlimited printed with %+v, %q or %x shows no secret.
type sealed[T any] func() T

func seal[T any](v T) sealed[T] { return func() T { return v } }
