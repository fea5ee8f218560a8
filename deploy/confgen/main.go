// Command confgen writes the config file of every validator node from one
// shared settings file: the keys all nodes have in common, and per node its
// ID, its own Pocket and Ethereum RPC, its co-signer and its key shard file.
// Secrets never appear in the files: each secret is a *_file key naming a
// file in the node's secrets directory.
//
//	go run ./deploy/confgen --settings deploy/confgen/mainnet.example.yaml --out out/
//	go run ./deploy/confgen --settings deploy/compose/staging.yaml --out deploy/compose/config --check
//
// Every file is loaded with config.Load (with stand-in secret files) before
// anything is written, so a file that the node would refuse is never
// written.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/config"
)

func main() {
	if err := command(os.Stdout, os.Stderr).Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "confgen:", err)
		os.Exit(1)
	}
}

func command(stdout, stderr io.Writer) *cobra.Command {
	var settingsPath, out, secretsDir string
	var check bool
	cmd := &cobra.Command{
		Use:           "confgen --settings FILE --out DIR",
		Short:         "Write one config file per validator node from a shared settings file",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if secretsDir != "" && !filepath.IsAbs(secretsDir) {
				return fmt.Errorf("--secrets-dir: want an absolute path, got %q", secretsDir)
			}
			s, err := LoadSettings(settingsPath)
			if err != nil {
				return err
			}
			files, err := Generate(s, secretsDir, filepath.Base(settingsPath))
			if err != nil {
				return err
			}
			// The files must load on their own: the environment of the
			// machine that runs confgen is not the nodes'.
			for _, kv := range os.Environ() {
				if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, config.EnvPrefix+"_") {
					fmt.Fprintf(stderr, "confgen: ignoring %s while checking the files\n", name)
					_ = os.Unsetenv(name)
				}
			}
			if err := Validate(s); err != nil {
				return err
			}
			if check {
				diffs, err := Diff(out, files)
				if err != nil {
					return err
				}
				if len(diffs) > 0 {
					return fmt.Errorf("%s is out of date with %s (run confgen without --check):\n  %s",
						out, settingsPath, strings.Join(diffs, "\n  "))
				}
				fmt.Fprintf(stdout, "%s: %d node files up to date\n", out, len(files))
				return nil
			}
			removed, err := Write(out, files)
			if err != nil {
				return err
			}
			for _, name := range removed {
				fmt.Fprintf(stdout, "removed %s (no longer in the settings)\n", filepath.Join(out, name))
			}
			fmt.Fprintf(stdout, "wrote %d node files to %s\n", len(files), out)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&settingsPath, "settings", "", "shared settings file (YAML)")
	f.StringVar(&out, "out", "", "directory for the node files (<node id>.yaml)")
	f.StringVar(&secretsDir, "secrets-dir", "", "override secrets_dir of the settings ({id} is the node ID)")
	f.BoolVar(&check, "check", false, "write nothing; fail if the files in --out differ from what would be written")
	_ = cmd.MarkFlagRequired("settings")
	_ = cmd.MarkFlagRequired("out")
	cmd.SetOut(stdout)
	cmd.SetErr(stderr)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return err })
	return cmd
}
