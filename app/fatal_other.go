//go:build !windows

package app

import (
	"fmt"
	"os"
)

// showFatal writes the message on the error output: without a window there
// is nothing else to show it in.
func showFatal(title, msg string) { fmt.Fprintf(os.Stderr, "%s\n\n%s\n", title, msg) }
