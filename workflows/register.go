package workflows

import (
	"context"

	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/workflow"

	"github.com/wpokt/bridge/transfer"
)

// WorkflowRegistry is what takes workflows: a worker, the testsuite's
// environment, a replayer.
type WorkflowRegistry interface {
	RegisterWorkflowWithOptions(w any, options workflow.RegisterOptions)
}

// ActivityRegistry is what takes activities: a worker or the testsuite's
// environment.
type ActivityRegistry interface {
	RegisterActivityWithOptions(a any, options activity.RegisterOptions)
}

// SharedActivities are the activities the workflows call by name on the
// node that runs them (locally) or on the shared queue (AwaitOrder).
type SharedActivities interface {
	ReadDeposit(ctx context.Context, ref transfer.DepositRef) (transfer.Reading, error)
	ReadBurn(ctx context.Context, ref transfer.BurnRef) (transfer.Reading, error)
	PriorRecord(ctx context.Context, ref transfer.TransferRef) (transfer.PriorRecord, error)
	Reserve(ctx context.Context, req transfer.ReserveRequest) (transfer.ReserveResult, error)
	FindOrder(ctx context.Context, ref transfer.TransferRef) (transfer.OrderRef, error)
	CreateOrder(ctx context.Context, spec transfer.OrderSpec) (transfer.OrderRef, error)
	AwaitOrder(ctx context.Context, req transfer.AwaitOrderRequest) (transfer.AwaitOrderResult, error)
	VerifyDestination(ctx context.Context, req transfer.VerifyRequest) (transfer.VerifyResult, error)
	Project(ctx context.Context, st transfer.State) error
}

// SignerActivity is a node's verification and co-signature, run on its own
// signer-<id> queue.
type SignerActivity interface {
	Sign(ctx context.Context, req transfer.SignRequest) (transfer.SignResult, error)
	CheckSource(ctx context.Context, req transfer.SourceRequest) (transfer.SourceAnswer, error)
}

// RegisterWorkflows registers the bridge's workflows under their names
// (package transfer): the one list that workers, tests and the replayer use.
// The transfer workflows run with the worker's own signing set.
func RegisterWorkflows(r WorkflowRegistry, trust Trust) {
	t := Transfers{trust: trust}
	r.RegisterWorkflowWithOptions(t.Mint, workflow.RegisterOptions{Name: transfer.MintWorkflowType})
	r.RegisterWorkflowWithOptions(t.Burn, workflow.RegisterOptions{Name: transfer.BurnWorkflowType})
	r.RegisterWorkflowWithOptions(ControlWorkflow, workflow.RegisterOptions{Name: transfer.ControlWorkflowType})
}

// RegisterSharedActivities registers a's activities under the names the
// workflows call them by.
func RegisterSharedActivities(r ActivityRegistry, a SharedActivities) {
	for name, fn := range map[string]any{
		transfer.ActivityReadDeposit:       a.ReadDeposit,
		transfer.ActivityReadBurn:          a.ReadBurn,
		transfer.ActivityPriorRecord:       a.PriorRecord,
		transfer.ActivityReserve:           a.Reserve,
		transfer.ActivityFindOrder:         a.FindOrder,
		transfer.ActivityCreateOrder:       a.CreateOrder,
		transfer.ActivityAwaitOrder:        a.AwaitOrder,
		transfer.ActivityVerifyDestination: a.VerifyDestination,
		transfer.ActivityProject:           a.Project,
	} {
		r.RegisterActivityWithOptions(fn, activity.RegisterOptions{Name: name})
	}
}

// RegisterSigner registers a node's own activities (on its signer queue):
// its signature and its reading of a source.
func RegisterSigner(r ActivityRegistry, s SignerActivity) {
	r.RegisterActivityWithOptions(s.Sign, activity.RegisterOptions{Name: transfer.ActivitySign})
	r.RegisterActivityWithOptions(s.CheckSource, activity.RegisterOptions{Name: transfer.ActivityCheckSource})
}
