package copper

import "testing"

func TestStatusNeedsSignatures(t *testing.T) {
	for status, want := range map[Status]bool{
		StatusNew: true, StatusWorking: true, StatusPartSignedTxAdded: true,
		StatusFullSignedTxAdded: false, StatusProcessing: false,
		StatusExecuted: false, StatusCanceled: false, StatusRejected: false, StatusDeclined: false,
		StatusError: false, StatusBlocked: false, StatusSuspended: false,
	} {
		if got := status.NeedsSignatures(); got != want {
			t.Errorf("%s: needs signatures %v, want %v", status, got, want)
		}
	}
}
