"""govtui: an agency's annual 政务公开 work plan in the terminal.

Importing this package imports nothing else: the app (Textual) loads only when opened.
"""

__version__ = "0.1.0"
