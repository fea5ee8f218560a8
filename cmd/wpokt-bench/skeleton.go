package main

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// The skeleton is the bridge's workflow shape with nothing inside: two
// steps, twelve signer activities on twelve queues of which nine must
// finish, one more step. It measures what Temporal alone costs on the same
// dev server, the ceiling the bridge's own work adds to.
const (
	skeletonQueue    = "skeleton"
	skeletonWorkflow = "SkeletonWorkflow"
	skeletonStep     = "SkeletonStep"
)

func skeletonSignerQueue(i int) string { return "skeleton-signer-" + strconv.Itoa(i) }

// SkeletonWorkflow mirrors MintWorkflow's shape.
func SkeletonWorkflow(ctx workflow.Context, signers, threshold int) error {
	step := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{StartToCloseTimeout: time.Minute})
	for range 2 {
		if err := workflow.ExecuteActivity(step, skeletonStep).Get(ctx, nil); err != nil {
			return err
		}
	}
	cctx, cancel := workflow.WithCancel(ctx)
	sel := workflow.NewSelector(cctx)
	done := 0
	for i := 1; i <= signers; i++ {
		actx := workflow.WithActivityOptions(cctx, workflow.ActivityOptions{
			TaskQueue: skeletonSignerQueue(i), StartToCloseTimeout: time.Minute,
			RetryPolicy: &temporal.RetryPolicy{MaximumInterval: time.Second},
		})
		sel.AddFuture(workflow.ExecuteActivity(actx, skeletonStep), func(f workflow.Future) {
			if f.Get(cctx, nil) == nil {
				done++
			}
		})
	}
	for done < threshold {
		sel.Select(cctx)
	}
	cancel()
	return workflow.ExecuteActivity(step, skeletonStep).Get(ctx, nil)
}

func skeletonStepActivity(context.Context) error { return nil }

// startSkeletonWorkers runs the skeleton's workers in this process.
func startSkeletonWorkers(c client.Client, signers int) (stop func(), err error) {
	var workers []worker.Worker
	stop = func() {
		for _, w := range workers {
			w.Stop()
		}
	}
	shared := worker.New(c, skeletonQueue, worker.Options{})
	shared.RegisterWorkflowWithOptions(SkeletonWorkflow, workflow.RegisterOptions{Name: skeletonWorkflow})
	shared.RegisterActivityWithOptions(skeletonStepActivity, activity.RegisterOptions{Name: skeletonStep})
	workers = append(workers, shared)
	for i := 1; i <= signers; i++ {
		w := worker.New(c, skeletonSignerQueue(i), worker.Options{})
		w.RegisterActivityWithOptions(skeletonStepActivity, activity.RegisterOptions{Name: skeletonStep})
		workers = append(workers, w)
	}
	for _, w := range workers {
		if err := w.Start(); err != nil {
			stop()
			return nil, fmt.Errorf("start skeleton worker: %w", err)
		}
	}
	return stop, nil
}

// runSkeleton measures one-at-a-time latency over n runs, then throughput
// of total runs with inFlight at once.
func runSkeleton(ctx context.Context, c client.Client, n, total, inFlight int) (SkeletonResult, error) {
	var res SkeletonResult
	run := func(id string) (time.Duration, error) {
		start := time.Now()
		r, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: skeletonQueue}, skeletonWorkflow, 12, 9)
		if err != nil {
			return 0, err
		}
		if err := r.Get(ctx, nil); err != nil {
			return 0, err
		}
		return time.Since(start), nil
	}
	stamp := strconv.FormatInt(time.Now().UnixNano(), 36)
	var lat []time.Duration
	for i := range n {
		d, err := run(fmt.Sprintf("skeleton-%s-seq-%d", stamp, i))
		if err != nil {
			return res, fmt.Errorf("skeleton run: %w", err)
		}
		lat = append(lat, d)
	}
	res.Latency = summarize(lat)

	start := time.Now()
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	var all []time.Duration
	for i := range total {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			d, err := run(fmt.Sprintf("skeleton-%s-par-%d", stamp, i))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			all = append(all, d)
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return res, fmt.Errorf("skeleton throughput: %d failed, first: %w", len(errs), errs[0])
	}
	res.Throughput = float64(total) / time.Since(start).Seconds()
	res.LoadedLatency = summarize(all)
	res.Runs, res.InFlight = total, inFlight
	return res, nil
}
