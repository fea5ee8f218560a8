package shannon

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/wpokt/bridge/chains/pokt"
)

// maxResponseBytes bounds what the client reads of one answer: a block of
// CometBFT's default maximum size (21 MB) in base64 fits.
const maxResponseBytes = 64 << 20

// RPCError is a JSON-RPC error answer, e.g. {"code":-32603,"message":
// "Internal error","data":"tx (HEX) not found"}. It matches pokt.ErrRPC.
type RPCError struct {
	Method  string
	Code    int
	Message string
	// Data is CometBFT's explanation; it is what tells errors apart.
	Data string
}

func (e *RPCError) Error() string {
	return fmt.Sprintf("%s: json-rpc error %d: %s: %s", e.Method, e.Code, e.Message, e.Data)
}

// Is makes an *RPCError match pokt.ErrRPC.
func (e *RPCError) Is(target error) bool { return target == pokt.ErrRPC }

type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int64  `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

type rpcResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    string `json:"data"`
	} `json:"error"`
}

// call makes one JSON-RPC call under the client's timeout and returns its
// result. A JSON-RPC error is an *RPCError; an HTTP error status without a
// JSON-RPC body is a *pokt.RPCError. Errors never hold the node's URL.
func (c *Client) call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	id := c.nextID.Add(1)
	reqBody, err := json.Marshal(rpcRequest{JSONRPC: "2.0", ID: id, Method: method, Params: params})
	if err != nil {
		return nil, fmt.Errorf("%s: encode request: %w", method, err)
	}
	callCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(callCtx, http.MethodPost, c.url, bytes.NewReader(reqBody))
	if err != nil {
		return nil, fmt.Errorf("%s: build request: %w", method, c.scrub(err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, callCtx, method, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, c.transportError(ctx, callCtx, method+": read answer", err)
	}
	if len(body) > maxResponseBytes {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", method, pokt.ErrResponseTooLarge, maxResponseBytes)
	}
	// A gateway's error page may repeat the URL it was asked for.
	return decodeRPCResponse(method, id, resp.StatusCode, body, c.scrubText)
}

// decodeRPCResponse checks a JSON-RPC answer to request id and returns its
// result. scrub hides the URL in the texts of an error answer.
func decodeRPCResponse(method string, id int64, status int, body []byte, scrub func(string) string) (json.RawMessage, error) {
	var r rpcResponse
	err := unmarshalObject(body, &r)
	if status != http.StatusOK && (err != nil || r.Error == nil) {
		// A proxy's or gateway's error page rather than the node's answer.
		return nil, fmt.Errorf("%s: %w", method, &pokt.RPCError{StatusCode: status, Message: truncate(scrub(string(bytes.TrimSpace(body))), 256)})
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	if r.JSONRPC != "2.0" {
		return nil, fmt.Errorf("%s: %w", method, invalid(nil, "jsonrpc %q, want \"2.0\"", truncate(r.JSONRPC, 16)))
	}
	if string(bytes.TrimSpace(r.ID)) != fmt.Sprint(id) {
		return nil, fmt.Errorf("%s: %w", method, invalid(nil, "answer to request id %s, want %d", truncate(string(r.ID), 32), id))
	}
	if r.Error != nil {
		return nil, &RPCError{Method: method, Code: r.Error.Code, Message: truncate(scrub(r.Error.Message), 128), Data: truncate(scrub(r.Error.Data), 512)}
	}
	if t := bytes.TrimSpace(r.Result); len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil, fmt.Errorf("%s: %w", method, invalid(nil, "neither result nor error"))
	}
	return r.Result, nil
}

// transportError tells this call's timeout apart from the caller's own
// cancellation and from other transport failures.
func (c *Client) transportError(parent, callCtx context.Context, method string, err error) error {
	if parent.Err() != nil {
		return fmt.Errorf("%s: %w", method, parent.Err())
	}
	var netErr net.Error
	if callCtx.Err() == context.DeadlineExceeded || (errors.As(err, &netErr) && netErr.Timeout()) {
		return fmt.Errorf("%s: %w after %s: %w", method, pokt.ErrTimeout, c.timeout, context.DeadlineExceeded)
	}
	return fmt.Errorf("%s: %w", method, c.scrub(err))
}

// scrub hides the node's URL and host in a transport error's message (a
// gateway may carry its application id in either); the error still unwraps
// to the original.
func (c *Client) scrub(err error) error {
	return &scrubbedError{msg: c.scrubText(err.Error()), err: err}
}

func (c *Client) scrubText(s string) string {
	for _, secret := range c.secrets {
		s = strings.ReplaceAll(s, secret, "<rpc url>")
	}
	return s
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// unmarshalObject decodes body, which must be one JSON object, into v.
func unmarshalObject(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return invalid(nil, "expected a JSON object, got %q", truncate(string(body), 64))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return invalid(nil, "decode JSON: %v", err)
	}
	return nil
}
