package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/wpokt/bridge/config"
)

// Validate loads every node file that s generates with config.Load, as the
// node would, with stand-in secret files in a temporary directory, and
// checks that the files agree on the signing set. config.Load applies
// WPOKT_* overrides from the environment, so none may be set: the files
// must stand on their own.
func Validate(s *Settings) error {
	var set []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, config.EnvPrefix+"_") {
			set = append(set, strings.SplitN(kv, "=", 2)[0])
		}
	}
	if len(set) > 0 {
		return fmt.Errorf("validate: %s set in the environment would override the files; unset them", strings.Join(set, ", "))
	}
	tmp, err := os.MkdirTemp("", "confgen-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	secrets := filepath.Join(tmp, "secrets")
	files, err := Generate(s, filepath.Join(secrets, "{id}"), "validate")
	if err != nil {
		return err
	}
	ids := make([]string, len(s.Nodes))
	for i, n := range s.Nodes {
		ids[i] = n.ID
		if err := WriteDummySecrets(filepath.Join(secrets, n.ID)); err != nil {
			return err
		}
	}
	for _, n := range s.Nodes {
		p := filepath.Join(tmp, n.ID+".yaml")
		if err := os.WriteFile(p, files[n.ID+".yaml"], 0o600); err != nil {
			return err
		}
		cfg, err := config.Load(p)
		if err != nil {
			return fmt.Errorf("node %s: the generated file does not load: %w", n.ID, err)
		}
		if cfg.Node.ID != n.ID || !slices.Equal(cfg.Validators.NodeIDs, ids) {
			return fmt.Errorf("node %s: loaded as node %q with validators %v", n.ID, cfg.Node.ID, cfg.Validators.NodeIDs)
		}
	}
	return nil
}

// WriteDummySecrets writes a stand-in for every secret file into dir.
func WriteDummySecrets(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	for _, k := range secretFileKeys() {
		v := "confgen-check"
		if k == "mongo.uri_file" {
			v = "mongodb://confgen-check@127.0.0.1:27017/"
		}
		if err := os.WriteFile(filepath.Join(dir, secretFileName(k)), []byte(v+"\n"), 0o600); err != nil {
			return err
		}
	}
	return nil
}

// generatedFiles lists the files in dir that confgen wrote (by their first
// line).
func generatedFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(b, []byte(generatedMarker)) {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

// Diff compares files with what dir holds and lists the differences: files
// that differ or are missing, and files confgen wrote earlier that it
// would not write now.
func Diff(dir string, files map[string][]byte) ([]string, error) {
	var diffs []string
	for _, name := range sortedNames(files) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, os.ErrNotExist):
			diffs = append(diffs, name+": missing")
		case err != nil:
			return nil, err
		case !bytes.Equal(b, files[name]):
			diffs = append(diffs, name+": differs")
		}
	}
	old, err := generatedFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range old {
		if _, ok := files[name]; !ok {
			diffs = append(diffs, name+": generated earlier, no longer in the settings")
		}
	}
	return diffs, nil
}

// Write writes files into dir (each through a temporary file and a rename)
// and removes the files confgen wrote earlier that are no longer generated.
// It returns the names it removed.
func Write(dir string, files map[string][]byte) (removed []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, name := range sortedNames(files) {
		tmp := filepath.Join(dir, "."+name+".tmp")
		if err := os.WriteFile(tmp, files[name], 0o644); err != nil {
			return nil, err
		}
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	old, err := generatedFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range old {
		if _, ok := files[name]; !ok {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return removed, err
			}
			removed = append(removed, name)
		}
	}
	return removed, nil
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
