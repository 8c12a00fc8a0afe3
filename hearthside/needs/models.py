"""Needs and requests: the models."""

from __future__ import annotations
