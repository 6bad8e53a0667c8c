//go:build !windows

package data

import (
	"errors"
	"syscall"
)

func isDiskFullErrno(err error) bool { return errors.Is(err, syscall.EDQUOT) }
