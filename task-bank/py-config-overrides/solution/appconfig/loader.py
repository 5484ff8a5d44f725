"""Loads typed settings (see spec.md)."""
import re

from .errors import SettingsError
from .parser import parse_settings

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def load_settings(text, schema, env=None):
    env = {} if env is None else env
    values = parse_settings(text)
    names = {field.name for field in schema}
    for key in values:
        if key not in names:
            raise SettingsError(f"unknown setting: {key}")
    result = {}
    for field in schema:
        variable = "APP_" + field.name.upper()
        if variable in env:
            result[field.name] = _convert(field, env[variable])
        elif field.name in values:
            result[field.name] = _convert(field, values[field.name])
        elif field.default is not None:
            result[field.name] = field.default
        else:
            raise SettingsError(f"missing setting: {field.name}")
    return result


def _convert(field, text):
    if field.kind == "int":
        if not re.fullmatch(r"\s*-?\d+\s*", text):
            raise SettingsError(f"{field.name}: expected an int, got '{text}'")
        return int(text)
    if field.kind == "bool":
        word = text.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise SettingsError(f"{field.name}: expected a bool, got '{text}'")
    if field.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    return text
