package deploy

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wpokt/bridge/config"
	"github.com/wpokt/bridge/transfer"
)

func TestTemporalNotes(t *testing.T) {
	b, err := os.ReadFile("TEMPORAL.md")
	require.NoError(t, err)
	text := string(b)

	// The config keys it names are the code's.
	for _, key := range []string{"temporal.address", "temporal.namespace", "temporal.tls.cert_file",
		"temporal.tls.key_file", "temporal.tls.ca_file", "temporal.tls.server_name"} {
		require.Contains(t, config.Keys(), key)
		require.Contains(t, text, "`"+key+"`")
	}
	for _, m := range regexp.MustCompile("`(temporal\\.[a-z_]+(?:\\.[a-z_]+)*)`").FindAllStringSubmatch(text, -1) {
		require.Contains(t, config.Keys(), m[1], "TEMPORAL.md names a key the config does not have")
	}

	// The search attributes are the workflows'.
	require.Len(t, transfer.SearchAttributeTypes, 4)
	for name, typ := range transfer.SearchAttributeTypes {
		require.Regexp(t, "(?m)^\\| `"+name+"` \\| "+typ+" \\|", text, "table row of %s", name)
		require.Contains(t, text, "--name "+name+" --type "+typ, "temporal operator command for %s", name)
		require.Contains(t, text, `"`+name+"="+typ+`"`, "tcld flag for %s", name)
	}
	for _, m := range regexp.MustCompile(`\bWpokt[A-Z][A-Za-z]+`).FindAllString(text, -1) {
		require.Contains(t, transfer.SearchAttributeTypes, m, "TEMPORAL.md names an unknown search attribute")
	}
	require.Contains(t, text, transfer.ControlWorkflowID)

	for _, s := range []string{"workflow.GetVersion", "worker.NewWorkflowReplayer", "externalOrderId", "--retention"} {
		require.True(t, strings.Contains(text, s), "TEMPORAL.md mentions %s", s)
	}
}
