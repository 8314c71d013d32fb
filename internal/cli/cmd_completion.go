package cli

import (
	"fmt"
	"io"

	"bindery/book/diag"

	urfave "github.com/urfave/cli/v2"
)

// flagValues are the values offered after a flag that takes one.
var flagValues = map[string][]string{
	"format": {"epub", "pdf", "epub,pdf"},
	"f":      {"epub", "pdf", "epub,pdf"},
	"impose": {"booklet", "A4", "A3", "Letter", "Tabloid"},
}

var shells = []string{"bash", "zsh", "fish"}

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
		if s := diag.Suggest(c.Args().First(), shells); s != "" {
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
