package web

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/wpokt/bridge/store"
	"github.com/wpokt/bridge/transfer"
)

// benchTransfers is the size of the projection the page is measured on.
const benchTransfers = 10_000

// BenchmarkTransferPage serves pages from a projection of 10,000
// transfers in the devnet's MongoDB (FerretDB with the devnet's _id
// lookups), over HTTP, and reports the median latency (p50-ms).
func BenchmarkTransferPage(b *testing.B) {
	p := newProjection(b, nil)
	ids, hashes := seedMany(b, p, benchTransfers)
	require.NoError(b, mongoSrv.IndexIDs(context.Background(), p.name))
	ts := p.serve(b, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, page := range []struct {
		name string
		path func(i int) string
	}{
		{"t", func(i int) string { return "/t/" + ids[i] }},
		{"api-transfer", func(i int) string { return "/api/v1/transfers/" + ids[i] }},
		{"tx", func(i int) string { return "/tx/" + hashes[i] }},
	} {
		b.Run(page.name, func(b *testing.B) {
			var took []time.Duration
			for b.Loop() {
				path := page.path(rng.IntN(len(ids)))
				began := time.Now()
				resp, err := http.Get(ts.URL + path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				took = append(took, time.Since(began))
				if resp.StatusCode != http.StatusOK {
					b.Fatalf("%s: %d", path, resp.StatusCode)
				}
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// seedMany inserts n transfers as the store writes them (store.NewDocument),
// in bulk, across the three collections.
func seedMany(b *testing.B, p *projection, n int) (ids, hashes []string) {
	b.Helper()
	ctx := context.Background()
	require.NoError(b, p.writer.SaveBridgeState(ctx, testSettings, nil))
	client, err := mongo.Connect(options.Client().ApplyURI(mongoURI))
	require.NoError(b, err)
	defer client.Disconnect(ctx)
	db := client.Database(p.name)
	batches := map[string][]any{}
	for i := range n {
		st := seedState(i%len(transfer.AllStatuses), transfer.AllStatuses[i%len(transfer.AllStatuses)])
		st.SourceTxHash = fmt.Sprintf("%064X", 0xBE000000+i)
		st.WorkflowID = transfer.MintWorkflowID(st.SourceTxHash)
		if st.Kind == transfer.KindBurn {
			st.SourceTxHash = "0x" + strings.ToLower(st.SourceTxHash)
			st.WorkflowID = transfer.BurnWorkflowID(st.SourceTxHash, 0)
		}
		doc := store.NewDocument(st)
		doc.History = []store.StatusChange{{Status: transfer.StatusDetected, At: st.CreatedAt}, {Status: st.Status, At: st.UpdatedAt}}
		coll := store.CollectionFor(st)
		batches[coll] = append(batches[coll], doc)
		ids, hashes = append(ids, st.WorkflowID), append(hashes, st.SourceTxHash)
	}
	for coll, docs := range batches {
		for len(docs) > 0 {
			k := min(len(docs), 1000)
			_, err := db.Collection(coll).InsertMany(ctx, docs[:k])
			require.NoError(b, err)
			docs = docs[k:]
		}
	}
	return ids, hashes
}
