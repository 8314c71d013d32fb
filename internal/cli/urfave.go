package cli

// urfave/cli v2 is the command-line library bindery chose. What it does not do as bindery
// needs is worked around here, and only here, so that each workaround can be judged (or
// dropped, with a newer version or another library) in one place:
//
//   - Flags after arguments: v2 stops reading flags at the first argument, and "bindery
//     build DIR --out x" would take --out for a second folder. runApp moves the flags first
//     (interspersed).
//   - Completion: v2's own reads os.Args for the partial flag, which an in-process run cannot
//     set, and turns itself off when the arguments hold a "--", which interspersed adds.
//     complete answers the same protocol (--generate-bash-completion) before the app runs;
//     bindery completion prints the scripts that call it.
//   - One run at a time: every App.Run writes v2's package-level flags (HelpFlag,
//     VersionFlag), which the race detector reports when two runs overlap. runApp holds
//     runMu: nothing for bindery, which runs once per process, and the tests' in-process
//     runs (internal/e2e) need no lock of their own.
//   - "bindery help CMD": v2's help command ends with status 3 and no suggestion for a
//     mistyped CMD ("help wach"). It is hidden, and the root action answers (helpCommand).
//   - Exit: v2's default ExitErrHandler calls os.Exit inside Run. Ours prints the message
//     and Run returns the status, so that Main alone decides when the process ends.
//   - Usage errors: v2 passes on the flag package's text, "flag provided but not defined:
//     -x"; undefinedFlag reads the name from it for usageError's suggestion.
//   - The root action's context names a command after the app, not no command
//     (runningCommand).

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	urfave "github.com/urfave/cli/v2"
)

// adapt sets what the app needs to behave as the list above says.
func adapt(app *urfave.App, stderr io.Writer) *urfave.App {
	app.HideHelpCommand = true // "help CMD" is the root action's: helpCommand
	app.ExitErrHandler = func(c *urfave.Context, err error) {
		if err != nil {
			printExit(stderr, err)
		}
	}
	app.OnUsageError = usageError
	for _, cmd := range app.Commands {
		cmd.OnUsageError = usageError
	}
	return app
}

// runMu lets one App.Run at a time write urfave/cli's package-level flags. A bindery watch
// run in-process holds it until it is cancelled.
var runMu sync.Mutex

// runApp runs the app on the command line args, its flags moved in front of its arguments.
func runApp(ctx context.Context, app *urfave.App, args []string) error {
	runMu.Lock()
	defer runMu.Unlock()
	return app.RunContext(ctx, interspersed(app, args))
}

// interspersed moves a command's flags in front of its arguments, so that
// "bindery build DIR --out x" works like "bindery build --out x DIR"; the arguments follow a
// "--", so that urfave/cli reads none of them as a flag.
func interspersed(app *urfave.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	flags := app.Flags
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		if cmd := app.Command(rest[0]); cmd != nil {
			out = append(out, rest[0])
			rest = rest[1:]
			flags = cmd.Flags
		}
	}
	takesValue := valueFlags(flags)
	var opts, pos []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			pos = append(pos, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			opts = append(opts, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] && i+1 < len(rest) {
				i++
				opts = append(opts, rest[i])
			}
		default:
			pos = append(pos, a)
		}
	}
	out = append(out, opts...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out
}

// valueFlags are the names of the flags that take a value (all but the boolean ones).
func valueFlags(flags []urfave.Flag) map[string]bool {
	takesValue := map[string]bool{}
	for _, f := range flags {
		if _, isBool := f.(*urfave.BoolFlag); isBool {
			continue
		}
		for _, n := range f.Names() {
			takesValue[n] = true
		}
	}
	return takesValue
}

// completionFlag ends a shell's request for completions (urfave/cli's protocol): the shell
// runs "bindery WORDS… [PARTIAL-FLAG] --generate-bash-completion" and offers the lines printed.
const completionFlag = "--generate-bash-completion"

// complete prints the completions of the words typed so far: commands, flags, flag values, or
// nothing where a folder is expected (the shell then completes file names).
func complete(app *urfave.App, words []string, w io.Writer) {
	var cmd *urfave.Command
	flags := app.Flags
	takesValue := valueFlags(flags)
	args := 0
	for i := 0; i < len(words); i++ {
		word := words[i]
		if strings.HasPrefix(word, "-") {
			if name := strings.TrimLeft(word, "-"); takesValue[name] && i+1 < len(words) {
				i++ // its value
			}
			continue
		}
		if args == 0 && cmd == nil {
			if cmd = app.Command(word); cmd != nil {
				flags, takesValue = cmd.Flags, valueFlags(cmd.Flags)
				continue
			}
		}
		args++
	}
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	switch {
	case strings.HasPrefix(last, "-") && takesValue[strings.TrimLeft(last, "-")]:
		for _, v := range flagValues[strings.TrimLeft(last, "-")] {
			fmt.Fprintln(w, v)
		}
	case strings.HasPrefix(last, "-"):
		for _, f := range append(flags, urfave.HelpFlag) {
			for _, n := range f.Names() {
				fmt.Fprintln(w, dashed(n))
			}
		}
	case cmd == nil && args == 0:
		for _, n := range commandNames(app) {
			fmt.Fprintln(w, n)
		}
	case cmd != nil && cmd.Name == "completion" && args == 0:
		for _, s := range shells {
			fmt.Fprintln(w, s)
		}
	}
}

// helpCommand answers "bindery help [CMD]", which reaches the root action since urfave's help
// command is hidden: the app's help, a command's, or a suggestion for a word that is none.
func helpCommand(c *urfave.Context) error {
	if c.NArg() == 1 {
		return urfave.ShowAppHelp(c)
	}
	if cmd := c.App.Command(c.Args().Get(1)); cmd != nil {
		return urfave.ShowCommandHelp(c, cmd.Name)
	}
	return notACommand(c, c.Args().Get(1))
}

// undefinedFlag is the name of the flag an error of urfave/cli says is not defined (as the
// flag package words it).
func undefinedFlag(err error) (name string, ok bool) {
	name, ok = strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	return strings.TrimLeft(name, "-"), ok
}

// runningCommand is the name of the command running, "" for the root action: urfave/cli gives
// the root action a command named after the app.
func runningCommand(c *urfave.Context) string {
	if c.Command != nil && c.Command.Name != "" && c.Command.Name != c.App.Name {
		return c.Command.Name
	}
	return ""
}
