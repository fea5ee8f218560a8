package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// readActions are the privilege actions of MongoDB's built-in read role
// (and harmless listings): a user holding only these cannot change data,
// indexes, users or the server.
var readActions = map[string]bool{
	"find": true, "listCollections": true, "listIndexes": true, "listSearchIndexes": true,
	"collStats": true, "dbStats": true, "dbHash": true, "killCursors": true, "changeStream": true,
	"listDatabases": true, "planCacheRead": true,
}

// connectionStatus is the part of the connectionStatus answer the check reads.
type connectionStatus struct {
	AuthInfo struct {
		AuthenticatedUsers []struct {
			User string `bson:"user"`
			DB   string `bson:"db"`
		} `bson:"authenticatedUsers"`
		Privileges []struct {
			Actions []string `bson:"actions"`
		} `bson:"authenticatedUserPrivileges"`
	} `bson:"authInfo"`
}

// checkReadOnly asks the server what this connection's user may do and
// refuses anything beyond reading. A server that reports no authenticated
// user enforces no access control (any client may write), so that is
// refused too, unless allowWritable says the operator knows.
func (r *Reader) checkReadOnly(ctx context.Context, allowWritable bool) error {
	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	var st connectionStatus
	err := r.db.RunCommand(ctx, bson.D{{Key: "connectionStatus", Value: 1}, {Key: "showPrivileges", Value: true}}).Decode(&st)
	if err != nil {
		return fmt.Errorf("check the mongodb user's privileges (connectionStatus): %w", err)
	}
	if problem := writePrivilege(st); problem != "" && !allowWritable {
		return fmt.Errorf("%w: %s; give the status page a user with the read role only", ErrWritableUser, problem)
	}
	return nil
}

// writePrivilege says why a connection could write ("" if it cannot).
func writePrivilege(st connectionStatus) string {
	if len(st.AuthInfo.AuthenticatedUsers) == 0 {
		return "no authenticated user (the server enforces no access control, so this connection could write)"
	}
	var extra []string
	for _, p := range st.AuthInfo.Privileges {
		for _, a := range p.Actions {
			if !readActions[a] && !slices.Contains(extra, a) {
				extra = append(extra, a)
			}
		}
	}
	if len(extra) == 0 {
		return ""
	}
	slices.Sort(extra)
	u := st.AuthInfo.AuthenticatedUsers[0]
	return fmt.Sprintf("user %s@%s holds %s", u.User, u.DB, strings.Join(extra[:min(len(extra), 8)], ", "))
}
