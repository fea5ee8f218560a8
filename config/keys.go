package config

import (
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
)

// Keys lists every settable config key, in dotted form (pocket.rpc_url),
// as the YAML file and the WPOKT_ environment variables name them.
func Keys() []string {
	var keys []string
	for _, k := range keyKinds() {
		keys = append(keys, k.key)
	}
	return keys
}

type keyKind struct {
	key  string
	kind reflect.Kind
}

func keyKinds() []keyKind {
	var keys []keyKind
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("mapstructure")
			if tag == "" || tag == "-" {
				continue
			}
			key := prefix + tag
			if f.Type.Kind() == reflect.Struct && f.Type.PkgPath() == t.PkgPath() {
				walk(f.Type, key+".")
				continue
			}
			keys = append(keys, keyKind{key, f.Type.Kind()})
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return keys
}

// String prints the config as JSON with every secret redacted.
func (c Config) String() string {
	b, err := json.Marshal(c)
	if err != nil {
		return "config: " + err.Error()
	}
	return string(b)
}

// LogValue lets slog print a Config without its secrets.
func (c Config) LogValue() slog.Value {
	return slog.StringValue(c.String())
}

// SecretEnvNames lists the environment variables that hold secrets, for the
// tests and tools that must make sure none of them leaks.
func SecretEnvNames() []string {
	out := make([]string, 0, len(secretSources))
	for _, s := range secretSources {
		out = append(out, s.env)
	}
	return out
}

// IsSecretKey reports whether key names a secret (never accepted in a file).
func IsSecretKey(key string) bool {
	for _, s := range secretSources {
		if s.key == key || strings.HasPrefix(key, s.key+".") {
			return true
		}
	}
	return false
}
