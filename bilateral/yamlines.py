"""YAML that remembers where each value came from.

PyYAML's C composer gives a node tree with marks; we build plain Python values
from it and, beside them, a map from each value's path (a tuple of keys and
indexes) to its 1-based line, so errors can point at the offending line.

Unquoted values are read by YAML 1.2's core schema, which every current YAML
reader shares, not PyYAML's YAML 1.1: `yes`, `no`, `on` and `off` are text
(Norway's code NO stays "NO"), `<<` and `=` are text. A number is read only
when written as plain decimal (`52`, `-1.5`, `2.5e+3`); forms that YAML 1.1
and 1.2 readers read differently, or that silently change the value as
written (`0x34`, `017`, `0o17`, `1:30`, `1_000`, `+12`, `1e5`), are refused with
their line, asking for plain digits or quotes. Unquoted dates
(`2025-09-03`) are still read as dates, as they always were here.
"""
from __future__ import annotations

import re

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import BaseResolver, Resolver

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml.cyaml import CParser as _Parser   # (not exported as yaml.CParser)
except ImportError:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

Path = tuple
STR = "tag:yaml.org,2002:str"
# An unquoted value that some YAML reader would read as a number, but not as
# the plain decimal number it shows: refused by the builder.
UNCLEAR_NUMBER = "tag:bilateral,2025:unclear-number"


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema, numbers narrowed to the forms every reader agrees on."""


def _implicit(tag: str, pattern: str, first: str) -> None:
    _CoreResolver.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_DIGITS = "0123456789"
_implicit("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_implicit("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_implicit("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", "-" + _DIGITS)
_implicit("tag:yaml.org,2002:float", r"""^(?:-?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?
                                         |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
          "-+." + _DIGITS)


def _pyyaml_patterns(*tags: str) -> list[str]:
    """PyYAML's YAML 1.1 patterns for these tags."""
    found = {rx.pattern: None for rs in Resolver.yaml_implicit_resolvers.values()
             for tag, rx in rs if tag in tags}
    return list(found)


_implicit("tag:yaml.org,2002:timestamp", *_pyyaml_patterns("tag:yaml.org,2002:timestamp"), _DIGITS)
# What YAML 1.1 reads as a number or YAML 1.2 core does (its spec's
# patterns), and the two above did not take.
_NUMBER_1_2 = [r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
               r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"]
_implicit(UNCLEAR_NUMBER, "|".join(f"(?:{p})" for p in _pyyaml_patterns(
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float") + _NUMBER_1_2), "-+." + _DIGITS)


class _Loader(_Parser, SafeConstructor, _CoreResolver):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        SafeConstructor.__init__(self)
        _CoreResolver.__init__(self)


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
        if node.tag == UNCLEAR_NUMBER:
            raise YamlError(self.line(node), f"'{node.value}' is not written as a plain number, "
                                             "and YAML readers change or disagree on its value: "
                                             "write plain decimal digits (e.g. 1000, -2.5, no '+'), "
                                             "or put the value in quotes if it is text")
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
