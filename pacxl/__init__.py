"""pacxl: a French Plan d'Actions Commerciales et Marketing (PAC) in a spreadsheet."""

__version__ = "0.1.0"
