package store

import (
	"os"
	"path/filepath"
)

// fileName is the database's file name in every default location.
const fileName = "wirewatch.db"

// DefaultPath returns where the database lives when the configuration does
// not say: $WIREWATCH_DATA/wirewatch.db when WIREWATCH_DATA is set, else
// /data/wirewatch.db when /data is a writable directory (a container
// volume), else $XDG_STATE_HOME/wirewatch/wirewatch.db, else
// ~/.local/state/wirewatch/wirewatch.db, and wirewatch.db in the working
// directory when there is no home directory either.
func DefaultPath() string {
	return defaultPath(os.Getenv, "/data", os.UserHomeDir)
}

// defaultPath is DefaultPath with its environment passed in.
func defaultPath(getenv func(string) string, dataDir string, home func() (string, error)) string {
	if d := getenv("WIREWATCH_DATA"); d != "" {
		return filepath.Join(d, fileName)
	}
	if writableDir(dataDir) {
		return filepath.Join(dataDir, fileName)
	}
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "wirewatch", fileName)
	}
	if h, err := home(); err == nil && h != "" {
		return filepath.Join(h, ".local", "state", "wirewatch", fileName)
	}
	return fileName
}

// writableDir reports whether dir is a directory this process can create
// files in, by creating and removing one.
func writableDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		return false
	}
	f, err := os.CreateTemp(dir, ".wirewatch-probe-*")
	if err != nil {
		return false
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return true
}
