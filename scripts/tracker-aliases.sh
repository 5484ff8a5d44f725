# Shell shortcuts for manual capture, one prefix per provider: source this file from bash or zsh.
#
#   <p>s [FILE]     snapshot before (FILE, or stdin: paste and press Ctrl-D)
#   <p>e [FILE]     snapshot after
#   <p>x Q OUTCOME [FEATURE] [more complete flags]   complete the window
#   <p>s_d          undo the before of the open window (refused while it has an after)
#   <p>e_d          undo the after of the open window
#   tp [flags]      preview
#
# Prefixes: o = codex, c = claude, z = glm; add your own with `tracker_define_prefix g gemini`.
# Rows carry AGENT_ID (default main) and source=alias; TRACKER_DATA_DIR works as for tracker itself.

export AGENT_ID="${AGENT_ID:-main}"

if [ -z "${TRACKER_BIN:-}" ]; then
  if [ -n "${BASH_SOURCE[0]:-}" ]; then
    _tracker_script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  elif [ -n "${ZSH_VERSION:-}" ]; then
    # shellcheck disable=SC2296 # zsh-only expansion: the path of the file being sourced
    _tracker_script_dir="$(cd "$(dirname "${(%):-%x}")" && pwd)"
  fi
  _tracker_checkout="$(cd "${_tracker_script_dir:-.}/.." && pwd)"
  TRACKER_BIN="node ${_tracker_checkout}/dist/cli/tracker.js"
  # A checkout that is not built has no dist/: said once here, in one line, and again by each shortcut (not Node's
  # "Cannot find module" stack).
  if [ ! -f "${_tracker_checkout}/dist/cli/tracker.js" ]; then
    _tracker_unbuilt="tracker-aliases.sh: ${_tracker_checkout} is not built (no dist/cli/tracker.js): run \`npm run build\` there, or set TRACKER_BIN"
    echo "$_tracker_unbuilt" >&2
  fi
fi

_tracker() {
  if [ -n "${_tracker_unbuilt:-}" ] && [ ! -f "${_tracker_checkout}/dist/cli/tracker.js" ]; then
    echo "$_tracker_unbuilt" >&2
    return 7
  fi
  # shellcheck disable=SC2086 # TRACKER_BIN is a command with arguments
  $TRACKER_BIN "$@" --agent "$AGENT_ID" --source alias
}

_tracker_capture() {
  local phase="$1" provider="$2" input="${3:--}"
  shift 3 2>/dev/null || shift $#
  _tracker snapshot "$phase" --provider "$provider" --input "$input" "$@"
}

_tracker_complete() {
  local provider="$1"
  if [ $# -lt 3 ]; then
    echo "usage: <prefix>x QUALITY OUTCOME [FEATURE] [flags]  (e.g. ox 0.9 success F1)" >&2
    return 2
  fi
  local quality="$2" outcome="$3"
  shift 3
  local feature=()
  if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then feature=(--feature "$1"); shift; fi
  _tracker complete --provider "$provider" --quality "$quality" --outcome "$outcome" "${feature[@]}" "$@"
}

tracker_define_prefix() {
  local prefix="$1" provider="$2"
  eval "${prefix}s() { _tracker_capture before ${provider} \"\$@\"; }"
  eval "${prefix}e() { _tracker_capture after ${provider} \"\$@\"; }"
  eval "${prefix}x() { _tracker_complete ${provider} \"\$@\"; }"
  eval "${prefix}s_d() { _tracker undo --provider ${provider} --phase before \"\$@\"; }"
  eval "${prefix}e_d() { _tracker undo --provider ${provider} --phase after \"\$@\"; }"
}

tp() { _tracker preview "$@"; }

tracker_define_prefix o codex
tracker_define_prefix c claude
tracker_define_prefix z glm
