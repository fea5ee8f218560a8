package copper

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/secret"
)

// Expected values computed independently with:
//
//	printf '%s' "$PREHASH" | openssl dgst -sha256 -hmac "$SECRET"
func TestRequestSignatureKnownAnswer(t *testing.T) {
	const apiSecret = secret.Value("W02cN5UDsF-test-secret-SJtTyjDtq5SN")
	tests := []struct {
		name, ts, method, uri, body, want string
	}{
		{
			name: "documented example shape", ts: "1730482675607", method: "POST", uri: "/platform/orders",
			body: `{"orderType":"withdraw","amount":"1.0"}`,
			want: "2e68879767e71627f36108dc834353a4b8d6b2618a15787fb0ec7c9466153353",
		},
		{
			name: "get with query, lower-case method upper-cased", ts: "1730482675607", method: "get",
			uri:  "/platform/orders?externalOrderId=mint-ABC&limit=100",
			want: "800164ec04e1cab8016482216cfa1fad413b5cc7a7df78474af4d633ad7545f2",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := RequestSignature(apiSecret, tc.ts, tc.method, tc.uri, []byte(tc.body))
			assert.Equal(t, tc.want, got)
			assert.Equal(t, strings.ToLower(got), got, "lower-case hex")
		})
	}
}

// The client signs exactly what goes on the wire: path with /platform, query, body.
func TestClientSignsWhatItSends(t *testing.T) {
	now := time.UnixMilli(1730482675607)
	var got *http.Request
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		buf := make([]byte, r.ContentLength)
		_, _ = r.Body.Read(buf)
		body = buf
		_, _ = w.Write([]byte(`{"orders":[]}`))
	}))
	defer srv.Close()
	c, err := NewClient(Config{BaseURL: srv.URL + "/platform/", APIKey: "key-1", APISecret: "s3cret", PortfolioID: "vault",
		Now: func() time.Time { return now }})
	require.NoError(t, err)
	_, err = c.FindOrderByExternalID(t.Context(), "mint-a b&c")
	require.ErrorIs(t, err, ErrOrderNotFound)

	require.NotNil(t, got)
	assert.Equal(t, "/platform/orders?externalOrderId=mint-a+b%26c&limit=100", got.RequestURI)
	assert.Equal(t, "ApiKey key-1", got.Header.Get("Authorization"))
	assert.Equal(t, "1730482675607", got.Header.Get("X-Timestamp"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, RequestSignature("s3cret", "1730482675607", "GET", got.RequestURI, body), got.Header.Get("X-Signature"))
	assert.Empty(t, body)
}
