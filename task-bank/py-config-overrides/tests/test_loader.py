import unittest

from appconfig import Field, SettingsError, load_settings

SCHEMA = [
    Field("name", "str", "app"),
    Field("max_items", "int", 10),
    Field("debug", "bool", False),
    Field("tags", "list", []),
]


class Loading(unittest.TestCase):
    def test_defaults(self):
        self.assertEqual(load_settings("", SCHEMA), {"name": "app", "max_items": 10, "debug": False, "tags": []})

    def test_file_values_converted(self):
        text = "name = shop\nmax_items = -25\ndebug = Yes\ntags = a, b,,c\n"
        self.assertEqual(load_settings(text, SCHEMA), {"name": "shop", "max_items": -25, "debug": True, "tags": ["a", "b", "c"]})

    def test_env_wins(self):
        env = {"APP_MAX_ITEMS": " 7 ", "APP_DEBUG": "off", "APP_TAGS": "", "OTHER": "x"}
        result = load_settings("max_items = 3\ndebug = on\ntags = x", SCHEMA, env)
        self.assertEqual(result, {"name": "app", "max_items": 7, "debug": False, "tags": []})

    def test_missing_required(self):
        with self.assertRaisesRegex(SettingsError, "^missing setting: token$"):
            load_settings("", [Field("token", "str")])
        self.assertEqual(load_settings("", [Field("token", "str")], {"APP_TOKEN": "t"}), {"token": "t"})


class Errors(unittest.TestCase):
    def test_bad_int(self):
        with self.assertRaisesRegex(SettingsError, "^max_items: expected an int, got '1.5'$"):
            load_settings("max_items = 1.5", SCHEMA)

    def test_bad_bool(self):
        with self.assertRaisesRegex(SettingsError, "^debug: expected a bool, got 'maybe'$"):
            load_settings("", SCHEMA, {"APP_DEBUG": "maybe"})

    def test_unknown_key(self):
        with self.assertRaisesRegex(SettingsError, "^unknown setting: colour$"):
            load_settings("colour = red", SCHEMA)

    def test_parser_errors_pass_through(self):
        with self.assertRaisesRegex(SettingsError, "^line 1: expected key = value$"):
            load_settings("not a line", SCHEMA)
