"""Weathering stress together: the models."""

from __future__ import annotations
