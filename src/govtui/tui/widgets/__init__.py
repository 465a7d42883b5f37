"""The app's widgets: section tree, task table, detail pane, filter bar."""
