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
STR = "tag:yaml.org,2002:str"

# Far above any real content file (the largest has a few hundred values).
MAX_VALUES = 50_000
MAX_DEPTH = 20
# libyaml's composer recurses in C once per level and crashes somewhere past
# ten thousand; documents that could nest deeper than this are checked first.
SAFE_TO_COMPOSE = 5_000


class YamlError(ValueError):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def load_with_lines(text: str, first_line: int = 1):
    """Return (value, lines) for a YAML document; raise YamlError with its line."""
    try:
        if _could_nest_deeper(text, SAFE_TO_COMPOSE):
            _check_depth(text, first_line)
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


def _could_nest_deeper(text: str, limit: int) -> bool:
    """A cheap upper bound on a document's nesting, so that only a strange
    document pays for _check_depth's full parse: each flow level opens with
    [ or {, and of any two nested block levels the inner one starts at least
    a column further right, so block levels are at most twice the columns."""
    longest = max(map(len, text.splitlines()), default=0)
    return 2 * (longest + 1) + text.count("[") + text.count("{") > limit


def _check_depth(text: str, first_line: int) -> None:
    """Refuse absurd nesting before composing: [[[[...]]]] deep enough would
    overflow the stack of libyaml's composer (a crash in C). Moderate
    nesting is refused by the builder, which counts levels as it goes."""
    try:
        _count_depth(text, first_line, _Loader)
    except yaml.YAMLError as library_error:
        # libyaml's scanner refuses nesting past a limit of its own (since
        # PyYAML 6.0.4), in its own words and before this count reaches ours.
        # The pure-Python parser has no such limit: it finds where ours is
        # passed, or else the same syntax error, which libyaml reports.
        try:
            _count_depth(text, first_line, yaml.SafeLoader)
        except yaml.YAMLError:
            pass
        raise library_error


def _count_depth(text: str, first_line: int, loader) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):  # the event parser keeps its own stack
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(first_line + event.start_mark.line,
                                f"YAML nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _Builder:
    def __init__(self, first_line: int, lines: dict):
        self.offset = first_line
        self.lines = lines
        self.scalars = SafeConstructor()
        self.budget = MAX_VALUES
        self.open: set[int] = set()  # collections being built, to catch self-reference

    def line(self, node) -> int:
        return self.offset + node.start_mark.line

    def build(self, node, path: Path, depth: int = 0):
        # Aliases (*name) are welcome, but nested ones multiply: a "billion
        # laughs" file would expand until the build ran out of memory.
        self.budget -= 1
        if self.budget < 0:
            raise YamlError(self.line(node), f"YAML expands to more than {MAX_VALUES} values "
                                             "(aliases nested too deep?)")
        self.lines.setdefault(path, self.line(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if depth >= MAX_DEPTH:
                raise YamlError(self.line(node), f"YAML nested more than {MAX_DEPTH} levels deep")
            if id(node) in self.open:  # an alias inside its own anchor: &a [*a]
                raise YamlError(self.line(node), "YAML alias refers to a value that contains it")
            self.open.add(id(node))
            try:
                return self._collection(node, path, depth + 1)
            finally:
                self.open.discard(id(node))
        return self.scalar(node)

    def _collection(self, node, path: Path, depth: int):
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
                out[key] = self.build(value_node, path + (key,), depth)
            return out
        return [self.build(item, path + (i,), depth) for i, item in enumerate(node.value)]

    def scalar(self, node):
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError(self.line(node), "YAML key must be a plain word")
        if node.tag == STR:  # most values: no constructor needed
            return node.value
        construct = self.scalars.yaml_constructors.get(node.tag, SafeConstructor.construct_undefined)
        try:
            return construct(self.scalars, node)
        except (ConstructorError, ValueError) as exc:
            raise YamlError(self.line(node), f"YAML value cannot be read: {exc}") from None


def line_of(lines: dict, path: Path, default: int = 1) -> int:
    """The line of path, or of its nearest ancestor that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), default)
