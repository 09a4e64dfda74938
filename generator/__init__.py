"""RepReady: validated YAML question banks to quiz pages, and exported results to reports."""

__version__ = "0.1.0"
