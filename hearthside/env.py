"""Typed helpers for reading configuration from the environment.

Configuration comes from the environment only (DESIGN: a self-hoster sets a few variables, a
provider sets the same ones). Bad values fail loudly at start-up instead of being guessed at.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(RuntimeError):
    """A setting is missing or malformed; the message says which and how to fix it."""


def env_str(name: str, default: str = "") -> str:
    # `NAME_FILE` lets secrets come from a mounted file (Docker/Kubernetes secrets).
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
