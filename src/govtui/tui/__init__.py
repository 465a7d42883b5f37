"""govtui's tui layer (see the README's Layout)."""
