package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/wirewatch/wirewatch/config"
	"github.com/wirewatch/wirewatch/store"
)

// cli carries the program's streams and environment.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         env
}

// common are the flags every command that reads the configuration takes.
type common struct {
	config    string
	logLevel  string
	logFormat string
}

// flags returns a flag set for a command, with help text that reads well.
func (c *cli) flags(name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: wirewatch %s %s\n\n%s\n\nFlags:\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// addCommon registers -config and the logging flags.
func (c *cli) addCommon(fs *flag.FlagSet, co *common) {
	def := c.getenv("WIREWATCH_CONFIG")
	if def == "" {
		def = "config.yaml"
	}
	fs.StringVar(&co.config, "config", def, "configuration `file` (env WIREWATCH_CONFIG)")
	lvl := c.getenv("WIREWATCH_LOG_LEVEL")
	if lvl == "" {
		lvl = "info"
	}
	fs.StringVar(&co.logLevel, "log-level", lvl, "log `level`: debug, info, warn or error (env WIREWATCH_LOG_LEVEL)")
	format := c.getenv("WIREWATCH_LOG_FORMAT")
	if format == "" {
		format = "auto"
	}
	fs.StringVar(&co.logFormat, "log-format", format, "log `format`: text, json, or auto (text on a terminal, else JSON) (env WIREWATCH_LOG_FORMAT)")
}

// parse parses flags; it returns an exit code and false when the command
// should stop (help was asked for, or the flags were wrong).
func (c *cli) parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := parseInterspersed(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return exitOK, true
}

// parseInterspersed parses flags wherever they stand among the arguments
// (`detect "some text" -json` as well as `detect -json "some text"`); an
// argument "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// days is a duration flag that also takes days and weeks: 48h, 2d, 1w.
type days struct{ d *time.Duration }

func (d days) String() string {
	if d.d == nil {
		return ""
	}
	return d.d.String()
}

func (d days) Set(s string) error {
	v, err := config.ParseDuration(s)
	if err != nil {
		return err
	}
	*d.d = v
	return nil
}

// logger builds the logger the flags ask for; logs go to stderr.
func (c *cli) logger(co *common) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(co.logLevel)); err != nil {
		return nil, fmt.Errorf("invalid -log-level %q: want debug, info, warn or error", co.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch co.logFormat {
	case "text":
		return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	case "auto", "":
		if isTerminal(c.stderr) {
			return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	default:
		return nil, fmt.Errorf("invalid -log-format %q: want text, json or auto", co.logFormat)
	}
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// start parses a command's flags, builds its logger and loads the
// configuration: what every command that reads the configuration does
// first. A nil configuration means stop with the returned exit code.
// startShared is start for the commands that read the store beside a
// running run or once: it also opens the store, shared. A nil store means
// the command ends with the code; otherwise the caller closes the store.
func (c *cli) startShared(ctx context.Context, fs *flag.FlagSet, co *common, args []string) (*config.Config, *store.Store, int) {
	_, cfg, code := c.start(fs, co, args)
	if cfg == nil {
		return nil, nil, code
	}
	st, err := openStore(ctx, cfg, store.Shared())
	if err != nil {
		return nil, nil, c.fail(err)
	}
	return cfg, st, exitOK
}

func (c *cli) start(fs *flag.FlagSet, co *common, args []string) (*slog.Logger, *config.Config, int) {
	if code, ok := c.parse(fs, args); !ok {
		return nil, nil, code
	}
	log, err := c.logger(co)
	if err != nil {
		fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
		return nil, nil, exitUsage
	}
	cfg, code := c.loadConfig(co.config)
	return log, cfg, code
}

// fail prints an error and returns the exit code for it.
func (c *cli) fail(err error) int {
	fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
	return exitError
}

// loadConfig loads the configuration and prints its problems; the int is
// the exit code to stop with when the config is nil.
func (c *cli) loadConfig(path string) (*config.Config, int) {
	cfg, err := config.Load(path)
	if err != nil {
		var errs config.Errors
		if errors.As(err, &errs) {
			fmt.Fprintf(c.stderr, "%s: %d %s:\n", path, len(errs), plural(len(errs), "problem", "problems"))
			for _, e := range errs {
				fmt.Fprintf(c.stderr, "  %s\n", e.Error())
			}
			return nil, exitConfig
		}
		fmt.Fprintf(c.stderr, "wirewatch: %v\n", err)
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(c.stderr, "Copy config.yaml from the wirewatch repository, or pass -config FILE.\n")
		}
		return nil, exitConfig
	}
	return cfg, exitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// oneLine folds a text to one line for tabular output.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
