// Command wirewatch watches wire services and foreign outlets in many
// languages and tells you, in Discord or on your terminal, when stories on
// your watch-topics appear, without the noise.
//
// Run `wirewatch help` for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	_ "time/tzdata" // time zones work in minimal containers too
)

// Exit codes, documented in the README and in `wirewatch help`.
const (
	exitOK         = 0
	exitError      = 1
	exitUsage      = 2
	exitConfig     = 3
	exitIncomplete = 4
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// env reads the environment; tests pass their own.
type env func(string) string

// run is the whole program, so that tests can run it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv env) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	io := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	switch cmd {
	case "run":
		return io.run(ctx, rest)
	case "once":
		return io.once(ctx, rest)
	case "check":
		return io.check(rest)
	case "status":
		return io.status(ctx, rest)
	case "detect":
		return io.detect(rest)
	case "match":
		return io.match(ctx, rest)
	case "replay":
		return io.replay(ctx, rest)
	case "events":
		return io.events(ctx, rest)
	case "topics":
		return io.topicsCmd(rest)
	case "retry":
		return io.retry(ctx, rest)
	case "more":
		return io.more(ctx, rest)
	case "feeds":
		return io.feedsCmd(ctx, rest)
	case "feedback":
		return io.feedback(ctx, rest)
	case "store":
		return io.storeCmd(ctx, rest)
	case "version", "-version", "--version":
		fmt.Fprintf(stdout, "wirewatch %s\n", version)
		return exitOK
	case "help", "-h", "-help", "--help":
		// help COMMAND shows the command's own help; help on help (or
		// on a flag) is the usage, never help again.
		if len(rest) > 0 && !isHelp(rest[0]) && !strings.HasPrefix(rest[0], "-") {
			return run(ctx, []string{rest[0], "-h"}, stdin, stdout, stderr, getenv)
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "wirewatch: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

const usage = `wirewatch watches news feeds in many languages and delivers the stories
that match your watch-topics to Discord, your terminal or a JSON-lines file.

Usage:
  wirewatch <command> [flags]

Commands:
  run       poll feeds and deliver digests on schedule until stopped (daemon)
  once      poll every feed once, deliver what is due, and exit (for cron)
  check     validate a configuration file and list every problem
  status    show each feed's health and what waits for delivery
  detect    show the language and the noise wirewatch finds in a text
  match     run feeds through detection and topics without storing anything
  replay    re-run the current topics over stored stories
  events    list the events of the last day: one news across outlets and languages
  topics    list the built-in topic packs, or one pack's terms by concept
  retry     requeue failed deliveries, re-enable outputs, resume stopped feeds
  more      list the stories digests counted in "and N more"
  feeds     import and export OPML, find a site's feed and add it
  feedback  list wrong matches reported from Discord, with none: terms to fix them
  store     copy a SQLite store into PostgreSQL (store copy -to postgres://...)
  version   print the version

Run 'wirewatch <command> -h' for a command's flags.

The configuration file is -config, else $WIREWATCH_CONFIG, else config.yaml.

Exit codes:
  0  success
  1  error (the command could not do its work)
  2  usage error (unknown command or flag)
  3  invalid configuration
  4  incomplete: some deliveries failed and stay queued for the next run
`
