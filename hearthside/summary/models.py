"""Facilitator summary: the models."""

from __future__ import annotations
