"""Owning your data: no models of its own yet."""

from __future__ import annotations
