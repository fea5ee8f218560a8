package ethnet

import (
	"context"
	"strings"
	"time"
)

// whilePoolLags calls send until the pool accepts it, or answers with
// none of the errors that only mean it has not yet taken in the block just
// sealed (the simulated pool resets asynchronously): then it is sent again,
// 20 ms apart, 50 times at most.
func whilePoolLags(ctx context.Context, send func() error, lagErrors ...string) error {
	for attempt := 1; ; attempt++ {
		err := send()
		if err == nil || attempt == 50 || !containsAny(err.Error(), lagErrors) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
