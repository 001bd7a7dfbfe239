"""Workflows of the meetings app; callers import a module by its name or its functions."""
