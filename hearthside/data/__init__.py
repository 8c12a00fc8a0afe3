"""Owning your data: export, import and account deletion."""
