"""The workbench: what the app's screens share, without Textual — the store's snapshot and how it is kept
fresh, the view (filters, sort, archived plans, marks) and every change a person makes (see ``workbench.py``)."""
