package cli

import (
	"fmt"
	"io"
	"strings"

	urfave "github.com/urfave/cli/v2"
)

// completionFlag ends a shell's request for completions (urfave/cli's protocol): the shell
// runs "bindery WORDS… [PARTIAL-FLAG] --generate-bash-completion" and offers the lines printed.
const completionFlag = "--generate-bash-completion"

// flagValues are the values offered after a flag that takes one.
var flagValues = map[string][]string{
	"format": {"epub", "pdf", "epub,pdf"},
	"f":      {"epub", "pdf", "epub,pdf"},
	"impose": {"booklet", "A4", "A3", "Letter", "Tabloid"},
}

var shells = []string{"bash", "zsh", "fish"}

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

// runCompletion is `bindery completion SHELL`.
func runCompletion(c *urfave.Context, stdout io.Writer) error {
	if c.NArg() != 1 {
		return urfave.Exit("name one shell: bindery completion bash|zsh|fish", 2)
	}
	switch c.Args().First() {
	case "bash":
		fmt.Fprint(stdout, bashCompletion)
	case "zsh":
		fmt.Fprint(stdout, zshCompletion)
	case "fish":
		script, err := c.App.ToFishCompletion()
		if err != nil {
			return err
		}
		fmt.Fprint(stdout, script)
	default:
		msg := fmt.Sprintf("no completion for the shell %q (bash, zsh or fish)", c.Args().First())
		if s := suggest(c.Args().First(), shells); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", s)
		}
		return urfave.Exit(msg, 2)
	}
	return nil
}

const bashCompletion = `# bash completion for bindery. Load it with:
#   source <(bindery completion bash)
# or save it as ~/.local/share/bash-completion/completions/bindery
_bindery_complete() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  local words=("${COMP_WORDS[@]:0:COMP_CWORD}")
  local opts
  if [[ "$cur" == -* ]]; then
    opts=$("${words[@]}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    opts=$("${words[@]}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -o bashdefault -o default -F _bindery_complete bindery
`

const zshCompletion = `#compdef bindery
# zsh completion for bindery. Load it with:
#   source <(bindery completion zsh)
_bindery() {
  local -a opts
  local cur=${words[CURRENT]}
  if [[ "$cur" == -* ]]; then
    opts=("${(@f)$(${words[1,CURRENT-1]} $cur --generate-bash-completion 2>/dev/null)}")
  else
    opts=("${(@f)$(${words[1,CURRENT-1]} --generate-bash-completion 2>/dev/null)}")
  fi
  if [[ -n "${opts[1]}" ]]; then
    compadd -a opts
  else
    _files
  fi
}
if (( $+functions[compdef] )); then
  compdef _bindery bindery
fi
`
