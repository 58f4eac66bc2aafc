# Sourced by every script: the defaults of config/defaults.env (generated from
# settings.py) for the settings not already in the environment; empty counts as unset.
# Plain defaults are exported. A default built from other settings (${OTHER}, e.g.
# ACTION_SERVER_URL from ACTIONS_PORT) is set but not exported, so a child given
# another ACTIONS_PORT builds its own; a script exports it where it starts Rasa.
# Every variable, its default and who reads it: docs/configuration.md.
_defaults="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/config/defaults.env"
while IFS= read -r _line || [ -n "$_line" ]; do
  [[ $_line =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || continue
  _name=${BASH_REMATCH[1]} _value=${BASH_REMATCH[2]}
  [ -z "${!_name:-}" ] || continue
  if [[ $_value == *'${'* ]]; then
    while [[ $_value =~ \$\{([A-Z][A-Z0-9_]*)\} ]]; do
      _ref=${BASH_REMATCH[1]}
      _value=${_value//"\${$_ref}"/${!_ref:-}}
    done
    printf -v "$_name" '%s' "$_value"
  else
    export "$_name=$_value"
  fi
done <"$_defaults"
unset _defaults _line _name _value _ref
