package main

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	historypb "go.temporal.io/api/history/v1"
)

// Trace is one transfer's workflow history as offsets from the block that
// confirmed its source: where the time of a slow transfer went.
type Trace struct {
	WorkflowID string  `json:"workflow_id"`
	Overhead   float64 `json:"overhead_s"`
	// Events are the whole history, the ones before the confirming block
	// at negative offsets.
	Events []TraceEvent `json:"events"`
	// LongestGap names the two events with the most time between them
	// from the last one before the confirming block on.
	LongestGap string `json:"longest_gap"`
}

// TraceEvent is one history event.
type TraceEvent struct {
	At    float64 `json:"at_s"` // seconds after the confirming block
	Event string  `json:"event"`
}

// tracesKept is how many of the slowest transfers a run keeps.
const tracesKept = 3

// newTrace renders events.
func newTrace(id string, overhead time.Duration, events []*historypb.HistoryEvent, confirmed time.Time) Trace {
	tr := Trace{WorkflowID: id, Overhead: overhead.Seconds()}
	names := map[int64]string{}
	first := 0
	for i, e := range events {
		if e.GetEventTime().AsTime().Before(confirmed) {
			first = i
		}
	}
	var gap time.Duration
	for i, e := range events {
		name := eventName(e, names)
		at := e.GetEventTime().AsTime()
		tr.Events = append(tr.Events, TraceEvent{At: at.Sub(confirmed).Seconds(), Event: name})
		if i > first {
			prev := events[i-1].GetEventTime().AsTime()
			if d := at.Sub(prev); d > gap {
				gap = d
				tr.LongestGap = fmt.Sprintf("%.3f s between %q and %q", d.Seconds(), tr.Events[len(tr.Events)-2].Event, name)
			}
		}
	}
	return tr
}

// eventName is an event's type with what it names (an activity, a signal,
// an update, a marker), remembering scheduled activities in names.
func eventName(e *historypb.HistoryEvent, names map[int64]string) string {
	kind := e.GetEventType().String()
	detail := ""
	switch {
	case e.GetActivityTaskScheduledEventAttributes() != nil:
		a := e.GetActivityTaskScheduledEventAttributes()
		names[e.GetEventId()] = a.GetActivityType().GetName() + " on " + a.GetTaskQueue().GetName()
		detail = names[e.GetEventId()]
	case e.GetActivityTaskStartedEventAttributes() != nil:
		detail = names[e.GetActivityTaskStartedEventAttributes().GetScheduledEventId()]
	case e.GetActivityTaskCompletedEventAttributes() != nil:
		detail = names[e.GetActivityTaskCompletedEventAttributes().GetScheduledEventId()]
	case e.GetActivityTaskFailedEventAttributes() != nil:
		detail = names[e.GetActivityTaskFailedEventAttributes().GetScheduledEventId()]
	case e.GetWorkflowExecutionSignaledEventAttributes() != nil:
		detail = e.GetWorkflowExecutionSignaledEventAttributes().GetSignalName()
	case e.GetMarkerRecordedEventAttributes() != nil:
		detail = e.GetMarkerRecordedEventAttributes().GetMarkerName()
	case e.GetTimerStartedEventAttributes() != nil:
		detail = e.GetTimerStartedEventAttributes().GetStartToFireTimeout().AsDuration().String()
	}
	if detail == "" {
		return kind
	}
	return kind + " (" + detail + ")"
}

// slowestFirst sorts traces by overhead, slowest first.
func slowestFirst(traces []Trace) {
	slices.SortFunc(traces, func(a, b Trace) int { return cmp.Compare(b.Overhead, a.Overhead) })
}

// withoutTraces drops the histories of a run that only gives figures
// beside the main one (the Morse run, the polling baseline), so that
// results.json keeps only the main run's.
func (l *LatencyResult) withoutTraces() { l.Slowest, l.Median = nil, nil }
