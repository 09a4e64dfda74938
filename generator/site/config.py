"""Read a site's ``mkdocs.yml`` without MkDocs: the nav for ``repready validate``, the whole
config for the Zensical build.

MkDocs configs may carry tags PyYAML's safe loader refuses (``!ENV``, ``!!python/name:...``
for Material's emoji and the like). Their values are not ours to interpret: they are read as
plain values (``!ENV [NAME, default]`` as its default), never executed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.problems import InvalidInput, Problem, display_path


class _Loader(yaml.SafeLoader):
    pass


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node, deep=True)
        return values[-1] if suffix == "ENV" and values else values
    return loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _unknown)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown)


@dataclass(frozen=True)
class SiteConfig:
    path: Path
    data: dict[str, Any]
    nav_line: int  # 1-based line of the 'nav' key, 0 without one

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.data.get("docs_dir", "docs"))

    def plugin_option(self, name: str, default: str) -> str:
        """An option of the repready plugin in this config, or ``default``."""
        for plugin in self.data.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("repready"), dict):
                return str(plugin["repready"].get(name, default))
        return default


def load_site_config(path: Path) -> SiteConfig:
    where = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput([Problem(where, 0, 0, f"cannot read the site config: {error}")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise InvalidInput([Problem(where, line, col, f"invalid YAML: {error}")]) from None
    if not isinstance(data, dict):
        raise InvalidInput([Problem(where, 1, 1, "expected a mapping of settings")])
    nav_line = 0
    if isinstance(root, yaml.MappingNode):
        for key, _ in root.value:
            if key.value == "nav":
                nav_line = key.start_mark.line + 1
    return SiteConfig(path, data, nav_line)
