package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/wpokt/bridge/config"
)

// keygenCmd writes a new reading key for this node: the private half to a
// file of its own (node.reading_key_file), the public half to stdout, for
// the settings file that deploy/confgen turns into every node's
// validators.reading_keys.
func keygenCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "keygen --out /etc/wpokt/secrets/reading-key",
		Short: "Make this node's reading key: the private key to --out, the public key on stdout",
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := os.Stat(out); err == nil {
				return fmt.Errorf("%s exists: a node's reading key is replaced only on purpose (remove it first, then update every node's validators.reading_keys)", out)
			} else if !errors.Is(err, os.ErrNotExist) {
				return err
			}
			seed, pub, err := config.NewReadingKey()
			if err != nil {
				return fmt.Errorf("make reading key: %w", err)
			}
			f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if err != nil {
				return fmt.Errorf("write reading key: %w", err)
			}
			if _, err := fmt.Fprintln(f, seed); err != nil {
				_ = f.Close()
				return fmt.Errorf("write reading key: %w", err)
			}
			if err := f.Close(); err != nil {
				return fmt.Errorf("write reading key: %w", err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), pub)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "file for the private key (mode 0600; must not exist)")
	_ = cmd.MarkFlagRequired("out")
	return cmd
}
