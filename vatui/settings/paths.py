"""Where vatui's files live. Each location can be overridden: option, then environment, then default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from vatui.i18n import _

APP = "vatui"


@dataclass(frozen=True)
class Location:
    path: Path
    source: str  # "--db", "VATUI_DB", "default", ...

    def describe(self) -> str:
        exists = "" if self.path.exists() else " " + _("(does not exist yet)")
        return f"{self.path}{exists}  [{self.source}]"


def _pick(option: str | None, option_name: str, env_name: str, default: Path) -> Location:
    if option:
        return Location(Path(option).expanduser().absolute(), option_name)
    env = os.environ.get(env_name)
    if env:
        return Location(Path(env).expanduser().absolute(), env_name)
    return Location(default, "default")


def data_file(option: str | None = None) -> Location:
    return _pick(option, "--db", "VATUI_DB", platformdirs.user_data_path(APP) / "vatui.json")


def config_file_default() -> Path:
    return platformdirs.user_config_path(APP) / "config.toml"


def config_file(option: str | None = None) -> Location:
    return _pick(option, "--config", "VATUI_CONFIG", config_file_default())


def user_themes_dir(config: Path) -> Path:
    """User themes sit beside the config file in use, so --config keeps a setup self-contained."""
    return config.parent / "themes"


def shipped_themes_dir() -> Path:
    """The themes that come with vatui: inside the wheel, or the repository's themes/ when run
    from a checkout (an editable install)."""
    package = Path(__file__).parent.parent
    bundled = package / "_themes"
    return bundled if bundled.is_dir() else package.parent / "themes"
