//go:build !unix

package diskcache

import "errors"

func mkfifo(string) error { return errors.New("not supported") }
