"""govtui's reports layer (see the README's Layout)."""
