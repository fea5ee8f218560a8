package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wpokt/bridge/chains/pokt"
	"github.com/wpokt/bridge/transfer"
)

// latency sends n transfers one at a time at rate per second and measures
// each one's overhead: from the block that gave it its confirmations to
// the close of its workflow.
func (b *bench) latency(ctx context.Context, n int, rate float64) (LatencyResult, error) {
	res := LatencyResult{Rate: rate}
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	defer tick.Stop()
	var all []sent
	// Only funded users can burn.
	users := b.d.Users[:b.funded]
	start := time.Now()
	for i := range n {
		<-tick.C
		s, err := b.send(ctx, i, users[i%len(users)])
		if err != nil {
			return res, err
		}
		all = append(all, s)
	}
	ids := make([]string, len(all))
	for i, s := range all {
		ids[i] = s.id
	}
	if err := b.waitAll(ctx, ids, 5*time.Minute); err != nil {
		return res, err
	}
	actions, tasks, _, err := b.actions(ctx, start, time.Now())
	if err != nil {
		return res, err
	}
	res.Actions, res.WorkflowTasks = actions/float64(n), tasks/float64(n)
	var overhead, dest, ordered, signed, executed, closed []time.Duration
	var traces []Trace
	var late []time.Duration
	for _, s := range all {
		st, err := b.steps(ctx, s)
		if err != nil {
			return res, err
		}
		traces = append(traces, st.trace)
		late = append(late, st.timersLate...)
		overhead, dest = append(overhead, st.overhead), append(dest, st.destination)
		ordered, signed = append(ordered, st.ordered), append(signed, st.signed)
		executed, closed = append(executed, st.executed), append(closed, st.closed)
		if s.kind == transfer.KindMint {
			res.Mints++
		} else {
			res.Burns++
		}
	}
	res.Overhead, res.Destination, res.TimerLateness = summarize(overhead), summarize(dest), summarize(late)
	if len(traces) > 0 {
		slowestFirst(traces)
		res.Slowest, res.Median = traces[:min(tracesKept, len(traces))], &traces[len(traces)/2]
	}
	res.Steps = map[string]Stats{
		"1 confirmed -> order created, signers asked": summarize(ordered),
		"2 -> threshold co-signed":                    summarize(signed),
		"3 -> Copper says executed":                   summarize(executed),
		"4 -> destination verified, closed":           summarize(closed),
	}
	return res, nil
}

// steps splits one transfer's overhead, from the block that gave the
// source its confirmations, along its workflow history.
type steps struct {
	overhead    time.Duration // confirmed -> workflow closed
	ordered     time.Duration // confirmed -> order created, signers asked
	signed      time.Duration // -> threshold of co-signatures
	executed    time.Duration // -> Copper reports executed
	closed      time.Duration // -> destination verified, workflow closed
	destination time.Duration // co-signed -> destination chain included it
	trace       Trace
	timersLate  []time.Duration // each fired timer: how late it fired
}

func (b *bench) steps(ctx context.Context, s sent) (steps, error) {
	var st transfer.State
	if err := b.temporal.GetWorkflow(ctx, s.id, "").Get(ctx, &st); err != nil {
		return steps{}, err
	}
	chain, dchain := "pokt", "eth"
	if s.kind == transfer.KindBurn {
		chain, dchain = "eth", "pokt"
	}
	confirming := b.confirmingHeight(chain, st.SourceHeight)
	confirmed, ok := b.blockTime(chain, confirming)
	if !ok {
		return steps{}, fmt.Errorf("%s: no time for block %d", s.id, confirming)
	}
	events, err := history(ctx, b.temporal, s.id)
	if err != nil {
		return steps{}, err
	}
	var ordered, signed, executed, closed time.Time
	scheduled := map[int64]string{}
	signs := 0
	timers := map[int64]time.Time{} // TimerStarted event id -> when due
	var late []time.Duration
	for _, e := range events {
		at := e.GetEventTime().AsTime()
		if a := e.GetTimerStartedEventAttributes(); a != nil {
			timers[e.GetEventId()] = at.Add(a.GetStartToFireTimeout().AsDuration())
		}
		if a := e.GetTimerFiredEventAttributes(); a != nil {
			late = append(late, max(0, at.Sub(timers[a.GetStartedEventId()])))
		}
		if a := e.GetActivityTaskScheduledEventAttributes(); a != nil {
			scheduled[e.GetEventId()] = a.GetActivityType().GetName()
			if a.GetActivityType().GetName() == transfer.ActivitySign && ordered.IsZero() {
				ordered = at
			}
		}
		if a := e.GetActivityTaskCompletedEventAttributes(); a != nil {
			switch scheduled[a.GetScheduledEventId()] {
			case transfer.ActivitySign:
				if signs++; signs == b.d.Options().Threshold {
					signed = at
				}
			case transfer.ActivityAwaitOrder:
				executed = at
			}
		}
		if e.GetWorkflowExecutionCompletedEventAttributes() != nil {
			closed = at
		}
	}
	destHeight, err := b.destinationHeight(ctx, dchain, st.DestTxHash)
	if err != nil {
		return steps{}, err
	}
	included, _ := b.blockTime(dchain, destHeight)
	return steps{
		trace: newTrace(s.id, closed.Sub(confirmed), events, confirmed), timersLate: late,
		overhead: closed.Sub(confirmed), ordered: ordered.Sub(confirmed), signed: signed.Sub(ordered),
		executed: executed.Sub(signed), closed: closed.Sub(executed), destination: max(0, included.Sub(signed)),
	}, nil
}

// confirmingHeight is the block that gives a source tx at height h its
// confirmations as the bridge counts them: the tx's own block and the
// ones after it up to the head (Ethereum, Morse). The Shannon client takes
// the block below the latest as its head, since the latest one's txs may
// not be indexed yet: h has N confirmations once the chain is at h+N, as
// production wPOKT counts them (head - height >= N).
func (b *bench) confirmingHeight(chain string, h int64) int64 {
	if chain == "pokt" && b.d.Protocol() == pokt.Shannon {
		return h + b.f.confirmations
	}
	return h + b.f.confirmations - 1
}

func (b *bench) destinationHeight(ctx context.Context, chain, hash string) (int64, error) {
	if chain == "eth" {
		r, err := b.d.Eth.Receipt(ctx, hexHash(hash))
		if err != nil {
			return 0, err
		}
		return r.BlockNumber.Int64(), nil
	}
	tx, err := b.d.PocketClient().Tx(ctx, hash)
	if err != nil {
		return 0, err
	}
	return tx.Height, nil
}
