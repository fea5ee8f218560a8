package lockedio

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

func TestConcurrentWritesStayWhole(t *testing.T) {
	var out bytes.Buffer
	for _, w := range []*Writer{{}, {W: &out}} {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 100 {
					_, _ = w.Write([]byte("one line\n"))
					_ = w.String()
				}
			}()
		}
		wg.Wait()
		text := w.String()
		if w.W != nil {
			text = out.String()
		}
		if got := strings.Count(text, "one line\n"); got != 800 || len(text) != 800*len("one line\n") {
			t.Fatalf("%d whole lines in %d bytes, want 800", got, len(text))
		}
	}
}
