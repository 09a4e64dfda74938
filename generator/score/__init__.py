"""Score exported results against the banks: re-grade, aggregate gaps, analyse items."""
