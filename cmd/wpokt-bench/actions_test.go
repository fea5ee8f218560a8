package main

import (
	"testing"
	"time"

	commonpb "go.temporal.io/api/common/v1"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func historyEvent(t enumspb.EventType, attrs func(e *historypb.HistoryEvent)) *historypb.HistoryEvent {
	e := &historypb.HistoryEvent{EventType: t, EventTime: timestamppb.New(time.Unix(100, 0))}
	if attrs != nil {
		attrs(e)
	}
	return e
}

func marker(name string) *historypb.HistoryEvent {
	return historyEvent(enumspb.EVENT_TYPE_MARKER_RECORDED, func(e *historypb.HistoryEvent) {
		e.Attributes = &historypb.HistoryEvent_MarkerRecordedEventAttributes{
			MarkerRecordedEventAttributes: &historypb.MarkerRecordedEventAttributes{MarkerName: name}}
	})
}

func upsert(keys ...string) *historypb.HistoryEvent {
	fields := map[string]*commonpb.Payload{}
	for _, k := range keys {
		fields[k] = &commonpb.Payload{}
	}
	return historyEvent(enumspb.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, func(e *historypb.HistoryEvent) {
		e.Attributes = &historypb.HistoryEvent_UpsertWorkflowSearchAttributesEventAttributes{
			UpsertWorkflowSearchAttributesEventAttributes: &historypb.UpsertWorkflowSearchAttributesEventAttributes{
				SearchAttributes: &commonpb.SearchAttributes{IndexedFields: fields}}}
	})
}

// TestActionsAreCountedAsTemporalCountsThem: the local activities of one
// workflow task are one action, a version marker and its
// TemporalChangeVersion upsert are none, any other upsert is one.
func TestActionsAreCountedAsTemporalCountsThem(t *testing.T) {
	events := []*historypb.HistoryEvent{
		marker("LocalActivity"), marker("Version"), upsert("TemporalChangeVersion"), marker("LocalActivity"),
		upsert("WpoktStatus", "WpoktKind"),
		historyEvent(enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, nil),
		marker("Version"), marker("LocalActivity"),
	}
	byKind := map[string]float64{}
	var tasks float64
	countActions(events, time.Unix(0, 0), time.Unix(200, 0), byKind, &tasks)
	if byKind["local activity batches"] != 2 || byKind["search attribute upserts"] != 1 || tasks != 1 {
		t.Fatalf("counted %v and %v tasks; want 2 local activity batches, 1 upsert, 1 task", byKind, tasks)
	}
}
