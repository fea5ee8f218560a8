package store

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/wpokt/bridge/transfer"
)

// BenchmarkNewDocument builds a projection document from a transfer state,
// as every status write does.
func BenchmarkNewDocument(b *testing.B) {
	st := mintState(transfer.StatusSigned, 3)
	st.Signers = []string{"node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8", "node-9"}
	st.SeenBy = st.Signers
	b.ReportAllocs()
	for b.Loop() {
		if _, err := bson.Marshal(NewDocument(st)); err != nil {
			b.Fatal(err)
		}
	}
}
