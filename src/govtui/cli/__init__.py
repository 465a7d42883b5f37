"""The command line (click): the ``govtui`` group and its commands.  A thin layer over the store API.

``main`` (the group and the everyday commands), ``commands`` (check, restore, history, undo, apply,
report, due, export, units rename/merge), ``manual`` (changes by hand), ``year`` (remind, annual report,
carry-over), ``support`` (what they share: the context, options, completion, error handling) and
``words`` (click's own messages in Chinese).  The entry point (:mod:`govtui.cli.launcher`) and the quick
lookup (:mod:`govtui.cli.lookup`) run without click, so this package imports nothing itself: the group is
:func:`govtui.cli.main.main`.
"""
