"""govtui's store layer (see the README's Layout)."""
