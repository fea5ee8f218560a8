package mongowire

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// FerretDB filters _id with an expression its own index does not match;
// after IndexIDs, SQLite answers that exact query from an index, and the
// documents read back are unchanged.
func TestIndexIDsServesLookupsByID(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	srv, err := Start(ctx, Options{Dir: dir})
	require.NoError(t, err)
	defer srv.Stop()
	client, err := mongo.Connect(options.Client().ApplyURI(srv.URI()))
	require.NoError(t, err)
	defer func() { _ = client.Disconnect(context.Background()) }()
	coll := client.Database("probe").Collection("transfers")
	var docs []any
	for i := range 300 {
		docs = append(docs, bson.D{{Key: "_id", Value: fmt.Sprintf("mint-%04d", i)}, {Key: "n", Value: i}})
	}
	_, err = coll.InsertMany(ctx, docs)
	require.NoError(t, err)

	plan := func() string {
		db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "probe.sqlite"))
		require.NoError(t, err)
		defer db.Close()
		var table string
		require.NoError(t, db.QueryRowContext(ctx, `SELECT table_name FROM _ferretdb_collections WHERE name = 'transfers'`).Scan(&table))
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %q WHERE %s = ?`, table, IDExpression), `"mint-0042"`)
		require.NoError(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
			out = append(out, detail)
		}
		return strings.Join(out, "; ")
	}
	require.Contains(t, plan(), "SCAN", "without the index, a lookup by _id reads the whole table")

	require.NoError(t, srv.IndexIDs(ctx, "probe"))
	require.NoError(t, srv.IndexIDs(ctx, "probe"), "a second call changes nothing")
	require.Contains(t, plan(), "USING INDEX", "a lookup by _id is a key lookup")

	var got struct {
		N int `bson:"n"`
	}
	require.NoError(t, coll.FindOne(ctx, bson.D{{Key: "_id", Value: "mint-0042"}}).Decode(&got))
	require.Equal(t, 42, got.N)
	res, err := coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: "mint-0042"}}, bson.D{{Key: "n", Value: 4242}})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.MatchedCount)
	require.NoError(t, coll.FindOne(ctx, bson.D{{Key: "_id", Value: "mint-0042"}}).Decode(&got))
	require.Equal(t, 4242, got.N)
}
