package temporalcluster

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/wpokt/bridge/devnet/childproc"
	"github.com/wpokt/bridge/transfer"
)

// setupNamespace waits for the frontend, registers the namespace and the
// bridge's search attributes (transfer.SearchAttributeTypes), and waits
// until a list query naming all of them succeeds: a new namespace and its
// attributes take a few seconds to reach the frontend's caches.
func (c *Cluster) setupNamespace(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	var tc client.Client
	err := c.retry(ctx, "frontend health", func() error {
		var err error
		if tc, err = client.Dial(client.Options{HostPort: c.Address(), Namespace: c.opts.Namespace, Logger: quietLogger{}}); err != nil {
			return err
		}
		if _, err = tc.CheckHealth(ctx, &client.CheckHealthRequest{}); err != nil {
			tc.Close()
		}
		return err
	})
	if err != nil {
		return err
	}
	defer tc.Close()
	err = c.retry(ctx, "register namespace", func() error {
		_, err := tc.WorkflowService().RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
			Namespace: c.opts.Namespace, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
		})
		var exists *serviceerror.NamespaceAlreadyExists
		if errors.As(err, &exists) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	attrs := map[string]enumspb.IndexedValueType{}
	var query []string
	for _, name := range slices.Sorted(maps.Keys(transfer.SearchAttributeTypes)) {
		typ := transfer.SearchAttributeTypes[name]
		v, ok := enumspb.IndexedValueType_value["INDEXED_VALUE_TYPE_"+strings.ToUpper(typ)]
		if !ok {
			return fmt.Errorf("temporal cluster: search attribute %s: unknown type %s", name, typ)
		}
		attrs[name] = enumspb.IndexedValueType(v)
		if typ == "Int" {
			query = append(query, name+" = 0")
		} else {
			query = append(query, name+" = 'probe'")
		}
	}
	err = c.retry(ctx, "add search attributes", func() error {
		_, err := tc.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
			Namespace: c.opts.Namespace, SearchAttributes: attrs,
		})
		var exists *serviceerror.AlreadyExists
		if errors.As(err, &exists) {
			return nil
		}
		return err
	})
	if err != nil {
		return err
	}
	return c.retry(ctx, "list by search attributes", func() error {
		_, err := tc.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: c.opts.Namespace, Query: strings.Join(query, " AND "), PageSize: 1,
		})
		return err
	})
}

// retry calls f every 500 ms until it succeeds, the server exits or ctx
// ends.
func (c *Cluster) retry(ctx context.Context, what string, f func() error) error {
	err := c.server.WaitReady(ctx, 500*time.Millisecond, func(context.Context) error { return f() })
	if errors.Is(err, childproc.ErrExited) {
		return fmt.Errorf("temporal cluster: %s: temporal server %w", what, err)
	}
	if err != nil {
		return fmt.Errorf("temporal cluster: %s: %w", what, err)
	}
	return nil
}

// quietLogger drops the SDK's logs while the cluster comes up.
type quietLogger struct{}

func (quietLogger) Debug(string, ...any) {}
func (quietLogger) Info(string, ...any)  {}
func (quietLogger) Warn(string, ...any)  {}
func (quietLogger) Error(string, ...any) {}
