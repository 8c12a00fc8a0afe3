"""Self-regulation toolkit: the models."""

from __future__ import annotations
