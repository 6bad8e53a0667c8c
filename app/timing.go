package app

import (
	"fmt"
	"os"
	"time"
)

// timingOn is set by OCOP_TIMING=1: the start-up measurement
// (cmd/ocop/startup_test.go) reads when the figures were set from stderr.
var timingOn = os.Getenv("OCOP_TIMING") == "1"

// timing writes "OCOP_TIMING <what> <unix nanoseconds>" to stderr when
// timingOn: the measurement subtracts its own launch time.
func timing(what string) {
	if timingOn {
		fmt.Fprintf(os.Stderr, "OCOP_TIMING %s %d\n", what, time.Now().UnixNano())
	}
}
