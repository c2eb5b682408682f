"""Importers from hosted help centers. Each module turns an export into pages."""
