"""watcher: a self-hosted buying-signal monitoring daemon."""

__version__ = "0.1.0"
