"""The data of the sample plans: one module per sample, each a single dict ``SAMPLE``."""
