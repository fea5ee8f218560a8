package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wpokt/bridge/transfer"
)

func TestDbgLoad(t *testing.T) {
	s := newStore(t)
	var mu sync.Mutex
	var worst time.Duration
	n := 0
	deadline := time.Now().Add(5 * time.Second)
	var wg sync.WaitGroup
	for w := 0; w < 12; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				st := mintState(transfer.StatusDetected, i)
				st.WorkflowID = fmt.Sprintf("mint-%02d%04d", w, i%50)
				t0 := time.Now()
				if err := s.Project(context.Background(), st); err != nil {
					t.Error(err)
					return
				}
				d := time.Since(t0)
				mu.Lock()
				worst = max(worst, d)
				n++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	t.Logf("%d ops in 5s, worst %s", n, worst)
}
