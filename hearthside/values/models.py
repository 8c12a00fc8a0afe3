"""Intentions, values and goals: the models."""

from __future__ import annotations
