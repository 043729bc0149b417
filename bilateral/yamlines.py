"""YAML that remembers where each value came from.

PyYAML's C composer gives a node tree with marks; we build plain Python values
from it and, beside them, a map from each value's path (a tuple of keys and
indexes) to its 1-based line, so errors can point at the offending line.
"""
from __future__ import annotations

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

Path = tuple


class YamlError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def load_with_lines(text: str, first_line: int = 1):
    """Return (value, lines) for a YAML document; raise YamlError with its line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlError(line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(first_line, f"YAML error: {exc}") from None
    lines: dict[Path, int] = {}
    if node is None:
        return None, lines
    return _Builder(first_line, lines).build(node, ()), lines


class _Builder:
    def __init__(self, first_line: int, lines: dict):
        self.offset = first_line
        self.lines = lines
        self.scalars = SafeConstructor()

    def line(self, node) -> int:
        return self.offset + node.start_mark.line

    def build(self, node, path: Path):
        self.lines.setdefault(path, self.line(node))
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if isinstance(key, (list, dict)) or key is None:
                    raise YamlError(self.line(key_node), "YAML key must be a plain word")
                key = str(key)
                if key in out:
                    raise YamlError(self.line(key_node), f"duplicate key '{key}'")
                self.lines[path + (key,)] = self.line(key_node)
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node):
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError(self.line(node), "YAML key must be a plain word")
        try:
            return self.scalars.construct_object(node, deep=True)
        except (ConstructorError, ValueError) as exc:
            raise YamlError(self.line(node), f"YAML value cannot be read: {exc}") from None


def line_of(lines: dict, path: Path, default: int = 1) -> int:
    """The line of path, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)
