"""Adapters between the use cases and the outside: today the package editor for files."""
