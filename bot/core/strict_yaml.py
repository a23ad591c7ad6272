"""The one YAML reader of content files (``knowledge/``, ``dialogs/``).

Stricter than ``yaml.safe_load`` where a municipality's editor could be misread silently:

* a key written twice in one mapping is refused (PyYAML keeps the last one);
* a bare YAML 1.1 boolean word (``yes``, ``no``, ``on``, ``off``, ``y``, ``n``) is refused: YAML
  1.1 tools read ``no`` as false, YAML 1.2 tools as text, so it must be quoted (``"no"``) or
  written ``true``/``false``. Only ``true``/``false`` are booleans.

Problems are :class:`YamlError` naming the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

_BOOL = "tag:yaml.org,2002:bool"
_YAML11_WORD = "tag:boligbot,2025:yaml11-bool"
_TRUE_FALSE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_YAML11_BOOL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")


class YamlError(ValueError):
    """A content file that cannot be read, with its file and (when known) line."""

    def __init__(self, source: str, problem: str, line: int | None = None):
        self.source, self.problem, self.line = source, problem, line
        where = f"{source}: line {line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class _Loader(yaml.SafeLoader):
    """SafeLoader (no arbitrary objects) with YAML 1.2 booleans and no duplicate keys."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, _TRUE_FALSE, list("tTfF"))
_Loader.add_implicit_resolver(_YAML11_WORD, _YAML11_BOOL, list("yYnNoO"))


def _refuse_yaml11_word(loader: _Loader, node: yaml.ScalarNode) -> Any:
    word = loader.construct_scalar(node)
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"bare {word} is a yes/no value to some YAML readers and text to others: "
        f'write "{word}" in quotes for the text, or true/false',
        node.start_mark,
    )


def _mapping_without_duplicates(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (a key may appear once)", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(_YAML11_WORD, _refuse_yaml11_word)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def load_yaml(text: str | bytes, source: str) -> Any:
    """The data of one YAML document; ``source`` names it in a :class:`YamlError`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlError(source, f"not UTF-8 text (byte {exc.start})") from None
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "not valid YAML"
        if not isinstance(exc, yaml.constructor.ConstructorError):
            problem = f"not valid YAML: {problem}"
        raise YamlError(source, problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlError(source, f"not valid YAML: {' '.join(str(exc).split())}") from None


def read_yaml(path: Path, source: str | None = None) -> Any:
    """A YAML file's data; ``source`` (default ``<folder>/<file>``) names it in errors."""
    source = source or f"{path.parent.name}/{path.name}"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(source, f"cannot read the file ({exc.strerror or exc})") from None
    return load_yaml(raw, source)
