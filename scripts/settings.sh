# Sourced by every script: exports the defaults of config/defaults.env (generated from
# settings.py) for the settings not already in the environment; empty counts as unset.
# Every variable, its default and who reads it: docs/configuration.md.
_defaults="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/config/defaults.env"
while IFS= read -r _line || [ -n "$_line" ]; do
  [[ $_line =~ ^([A-Z][A-Z0-9_]*)=(.*)$ ]] || continue
  _name=${BASH_REMATCH[1]} _value=${BASH_REMATCH[2]}
  while [[ $_value =~ \$\{([A-Z][A-Z0-9_]*)\} ]]; do  # ${OTHER}: a setting above
    _ref=${BASH_REMATCH[1]}
    _value=${_value//"\${$_ref}"/${!_ref:-}}
  done
  [ -n "${!_name:-}" ] || export "$_name=$_value"
done <"$_defaults"
unset _defaults _line _name _value _ref
