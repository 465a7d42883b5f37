"""The app's screens: the main screen and the modal pickers and editors."""
